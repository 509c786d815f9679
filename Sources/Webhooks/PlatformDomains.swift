/// Hosts the simulated platform serves itself (the domains of Serverless environments,
/// `*.twil.io`): a webhook to one goes to the loopback port that serves it, as plain HTTP with
/// its own `Host`, signed for its own `https://` URL; one that no environment holds any more
/// does not resolve.
public protocol PlatformDomains: Sendable {
    func route(_ host: String) -> PlatformDomainRoute
}

/// Where a request to a host goes.
public enum PlatformDomainRoute: Sendable, Equatable {
    /// Not a host of the platform's: to the network as it names it.
    case elsewhere
    /// A platform domain nothing serves (a deleted service's): its name does not resolve (11210).
    case unknown
    /// Served on this port of 127.0.0.1.
    case loopback(port: Int)

    /// Whether the host is one the platform serves itself.
    public static func isPlatformDomain(_ host: String) -> Bool {
        host.lowercased().hasSuffix(".twil.io")
    }
}
