import Simulator

/// A call's path and end (the first call matching `from`, `to` and `direction`). Lists are
/// checked in order: `said: [Welcome, Goodbye]` needs a `<Say>` containing "Welcome" and a
/// later one containing "Goodbye".
public struct CallExpectation: Sendable {
    public var from: String?
    public var to: String?
    /// `inbound`, `outbound-dial` (a leg a `<Dial>` rang) or `outbound-api` (placed through the REST API).
    public var direction: String?
    public var status: CallStatus?
    /// Seconds from answer to end.
    public var duration: Int?
    /// Every verb executed, exactly, in order (prompts nested in a `<Gather>`, the caller
    /// hanging up and the platform's own application-error announcement are not verbs of the app's).
    public var verbs: [String]?
    public var said: [String]?
    public var played: [String]?
    /// What each `<Gather>` with input got: digits, or the speech recognised.
    public var gathered: [String]?
    /// The parties each `<Dial>` rang, in order.
    public var dialled: [String]?
    /// The caller ID presented by the first `<Dial>`.
    public var callerId: String?
    /// The `DialCallStatus` of the last `<Dial>`.
    public var dialStatus: String?
    /// The `CallStatus` values the call's status callback received, in order.
    public var statusCallbacks: [String]?
    /// Whether the caller hung up (rather than the application or the end of a document).
    public var callerHungUp: Bool?
}
