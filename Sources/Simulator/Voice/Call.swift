import Webhooks

/// A call as the simulated platform holds it: its legs' statuses and what happened on it.
public struct Call: Sendable {
    public let sid: String
    public let from: String
    public let to: String
    /// `inbound`, `outbound-dial`.
    public let direction: String
    /// The call that dialled this one.
    public let parentSid: String?
    public internal(set) var status: CallStatus
    public let created: Double
    public internal(set) var answered: Double?
    public internal(set) var ended: Double?
    /// What the call did, in order: verbs executed, what was said and gathered, who was dialled.
    /// Filled only in a `TimelineRecord` (the world records steps on its timeline).
    public internal(set) var steps: [CallStep] = []
    /// Webhook parameters the scenario gives in place of (or beside) the platform's.
    var parameterOverrides: [Parameter] = []

    /// Seconds from answer to end (0 for a call never answered).
    public var duration: Int {
        guard let answered, let ended else { return 0 }
        return Int((ended - answered).rounded())
    }
}

/// A call's `CallStatus`.
public enum CallStatus: String, Sendable, CaseIterable {
    case queued
    case ringing
    case inProgress = "in-progress"
    case completed
    case busy
    case failed
    case noAnswer = "no-answer"
    case canceled

    /// Whether the call is over.
    var isFinal: Bool { ![.queued, .ringing, .inProgress].contains(self) }
}
