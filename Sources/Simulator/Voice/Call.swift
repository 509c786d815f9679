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

/// One thing that happened on a call, for expectations and reports.
public struct CallStep: Sendable {
    /// The verb (`Say`, `Gather`, `Dial` …) or `hangup` when the caller hung up.
    public let verb: String
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
    /// Virtual seconds since 1970 when it started.
    public let time: Double
}
