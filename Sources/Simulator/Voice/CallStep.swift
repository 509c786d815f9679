import TwiML

/// One thing that happened on a call, for expectations and reports.
public struct CallStep: Sendable {
    /// What the step is: a verb the platform ran, or something the caller or a queue did.
    public enum Action: Sendable, Equatable {
        case verb(VoiceVerbName)
        /// The caller hung up (or the call reached its length limit).
        case callerHungUp
        /// An agent took the caller from a queue.
        case bridged
    }

    public let action: Action
    /// What was said, the URL played, the digits or speech gathered, the number dialled.
    public let detail: String
    /// `<Dial>`: the caller ID presented to the dialled party.
    public var callerId: String?
    /// `<Dial>`: the outcome (`completed`, `busy`, `no-answer` …); `<Play>`: why it was not played.
    public var result: String?
    /// A prompt nested in a `<Gather>` (not a verb of the document itself).
    public var nested = false
    /// Spoken by the platform itself (the application-error announcement), not a verb of the app's.
    public var byPlatform = false
    /// The verb's line in its document (1-based), when a document's verb ran.
    public var line: Int?
    /// Virtual seconds since 1970 when it started.
    public let time: Double

    /// The name reports and expectations use: the verb's (`Say`, `Dial` …), `hangup` for the
    /// caller hanging up, `bridged` for a caller taken from a queue.
    public var verb: String {
        switch action {
        case .verb(let name): name.rawValue
        case .callerHungUp: "hangup"
        case .bridged: "bridged"
        }
    }

    /// Whether it is this verb.
    public func `is`(_ name: VoiceVerbName) -> Bool { action == .verb(name) }
}
