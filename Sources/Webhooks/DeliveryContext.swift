import Traffic

/// What one simulated account brings to a delivery: its auth token, its timeouts, its traffic
/// journal and its SMS cookies. Scenarios running in parallel share a `WebhookClient` (and its
/// connection pools) but each passes its own context.
public struct DeliveryContext: Sendable {
    public var authToken: String
    /// Timeouts and retries before a URL's own `#` overrides.
    public var defaults: ConnectionOverrides
    public var journal: TrafficJournal?
    public var cookies: CookieJar?
    /// The hosts the platform serves itself (`*.twil.io`), when a REST server serves them.
    public var domains: (any PlatformDomains)?

    public init(authToken: String, defaults: ConnectionOverrides = ConnectionOverrides(), journal: TrafficJournal? = nil,
                cookies: CookieJar? = nil) {
        self.authToken = authToken
        self.defaults = defaults
        self.journal = journal
        self.cookies = cookies
    }
}
