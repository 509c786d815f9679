/// A recording a call made (`<Record>`), as the Recordings resource shows it.
public struct Recording: Sendable {
    public let sid: String
    public let callSid: String
    /// Seconds.
    public let duration: Int
    /// When the recording started and when it was done (seconds since 1970).
    public let startTime: Double
    public let dateCreated: Double
    /// `RecordVerb` for a `<Record>`.
    public let source: String
}

extension World {
    /// Recordings not deleted, in the order they were made.
    public var listedRecordings: [Recording] { voice.recordings.filter { !voice.deleted.contains($0.sid) } }

    public func deleteRecording(_ sid: String) -> PlatformError? {
        guard listedRecordings.contains(where: { $0.sid == sid }) else { return Self.notFound(sid) }
        voice.deleted.insert(sid)
        return nil
    }
}
