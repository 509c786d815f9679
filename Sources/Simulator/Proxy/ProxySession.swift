/// A Proxy session as the simulated platform holds it (the Session resource).
public struct ProxySession: Sendable {
    public let sid: String
    public let serviceSid: String
    public let uniqueName: String?
    public let mode: ProxySessionMode
    public internal(set) var status: ProxySessionStatus
    public internal(set) var ttl: Double?
    public internal(set) var dateExpiry: Double?
    public let dateCreated: Double
    public internal(set) var dateStarted: Double?
    public internal(set) var dateEnded: Double?
    public internal(set) var dateLastInteraction: Double?
    /// Why the session closed: `ttl`, `date-expiry`, `api` or `service-deleted`.
    public internal(set) var closedReason: String?
    public internal(set) var participants: [ProxyParticipant] = []
    /// The SIDs of its interactions, in order.
    public internal(set) var interactionSids: [String] = []
    /// Where the TTL counts from: creation, the last interaction, or a reopening.
    var ttlStart: Double
    /// Deleted through the API: no longer listed.
    var deleted = false

    /// When the session expires on the virtual clock: `date_expiry`, else `ttl` seconds after
    /// its creation, last interaction or reopening; nil when neither applies (unlimited).
    public var expiry: Double? {
        if let dateExpiry { return dateExpiry }
        guard let ttl, ttl > 0 else { return nil }
        return ttlStart + ttl
    }

    /// The participant with this identifier.
    public func participant(_ identifier: String) -> ProxyParticipant? {
        participants.first { $0.identifier == identifier }
    }

    /// The participant other than this one.
    func other(than participant: ProxyParticipant) -> ProxyParticipant? {
        participants.first { $0.sid != participant.sid }
    }
}

/// One side of a session (the Participant resource).
public struct ProxyParticipant: Sendable {
    public let sid: String
    /// The real address: a phone number or a channel address.
    public let identifier: String
    public let friendlyName: String?
    /// The pool number this participant writes to and is reached from.
    public let proxyIdentifier: String
    /// When it was removed through the API (it stays on the session, and relays no more).
    public internal(set) var dateDeleted: Double?
    /// When it joined.
    public internal(set) var dateCreated: Double = 0
}
