import Simulator

/// A Proxy session's state when the scenario ends. The session is the latest one with this
/// unique name, or the latest one with this participant.
public struct ProxySessionExpectation: Sendable {
    public var uniqueName: String?
    public var participant: String?
    public var status: ProxySessionStatus?
    public var closedReason: String?
    public var mode: ProxySessionMode?
    /// Participant identifier → the proxy number it must hold.
    public var proxyNumbers: [String: String] = [:]
    /// How many interactions the session had.
    public var interactions: Int?

    /// How the expectation names its session.
    var selector: String {
        uniqueName.map { "session '\($0)'" } ?? participant.map { "the session of \($0)" } ?? "the session"
    }
}

/// Which Proxy interactions an expectation is about. Unset fields match anything.
public struct InteractionMatcher: Sendable {
    /// The unique name of the session.
    public var session: String?
    /// The identifier of the participant who wrote or called (the inbound leg).
    public var from: String?
    /// The identifier of the participant it was relayed to (the outbound leg).
    public var to: String?
    public var type: InteractionType?
    public var body: String?
    /// Whether the intercept callback blocked it.
    public var blocked: Bool?
    public var inboundStatus: String?
    public var outboundStatus: String?
}
