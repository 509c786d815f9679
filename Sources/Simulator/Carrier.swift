import Platform
/// What the carrier does with outbound messages: the scenario's rules, first match wins.
public struct CarrierRule: Sendable {
    /// Recipients the rule applies to (E.164), all when nil.
    public var to: String?
    public var outcome: CarrierOutcome
    /// The error code reported with `undelivered` or `failed` (30003 … 30008 …).
    public var errorCode: TwilioErrorCode?
    /// Seconds from creation to the final status.
    public var delay: Double
    /// Seconds the message waits in the queue before it is sent (longer than the validity
    /// period: it fails with 30001).
    public var queueTime: Double
    /// Whether the recipient's handset takes MMS; when not, a Messaging Service's MMS converter
    /// sends media as links in an SMS, and without it the message is undelivered (30011).
    public var acceptsMMS = true

    public init(to: String? = nil, outcome: CarrierOutcome = .delivered, errorCode: TwilioErrorCode? = nil, delay: Double = 3,
                queueTime: Double = 0) {
        self.to = to
        self.outcome = outcome
        self.errorCode = errorCode
        self.delay = delay
        self.queueTime = queueTime
    }
}

/// The final fate of an outbound message.
public enum CarrierOutcome: String, Sendable, CaseIterable {
    case delivered
    case undelivered
    case failed
}
