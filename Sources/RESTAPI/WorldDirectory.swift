import Simulator
import Synchronization
import Webhooks

/// The worlds the REST API serves while their scenarios run, found by the credentials of a
/// request: the account SID with its auth token, or an API key with its secret. A request
/// may also name its world (`Switchboard-World`, the header the built-in functions and a
/// scenario's `rest` steps send), so that scenarios sharing an account can run side by side.
///
/// It also knows which world serves each Serverless domain (`*.twil.io`), and routes the
/// webhooks to them to the REST server's gateway.
public final class WorldDirectory: PlatformDomains {
    /// The header that names a world by its number.
    public static let worldHeader = "Switchboard-World"

    private struct Entry {
        let world: WorldHandle
        /// User (AC… or SK…) to password, read when the world was registered.
        let credentials: [String: String]
        /// The test credentials' account SID, among the users.
        let testUser: String?
    }

    private struct Entries {
        var byNumber: [Int: Entry] = [:]
        /// The worlds each user (account or key SID) opens, oldest first.
        var byUser: [String: [Int]] = [:]
        /// The world serving each Serverless domain, and each world's domains.
        var byDomain: [String: Int] = [:]
        var domainsOf: [Int: [String]] = [:]
    }

    private let entries = Mutex(Entries())
    private let nextNumber = Mutex(0)
    /// The port of the REST server's gateway (its tunnel port, which answers as `https`).
    private let gateway = Mutex<Int?>(nil)
    /// Starts (once) the run's Node.js runtime and tells its port; nil when there is none.
    private let nodeRuntime = Mutex<(@Sendable () async -> Int?)?>(nil)

    public init() {}

    /// Serves a world until `unregister`; returns its number. Call it from the task holding
    /// the world's gate.
    public func register(_ world: World) -> Int {
        var credentials = [world.accountSid.description: world.configuration.authToken]
        for key in world.configuration.apiKeys { credentials[key.sid] = key.secret }
        let test = world.configuration.testCredentials
        if let test { credentials[test.accountSid] = test.authToken }
        let number = nextNumber.withLock { value in
            value += 1
            return value
        }
        let entry = Entry(world: WorldHandle(world: world, number: number), credentials: credentials, testUser: test?.accountSid)
        entries.withLock { entries in
            entries.byNumber[number] = entry
            for user in credentials.keys { entries.byUser[user, default: []].append(number) }
        }
        world.servePlatformDomains(self) { [weak self] domains in self?.setDomains(domains, of: number) }
        return number
    }

    /// Serves the platform's domains on this port of 127.0.0.1 (the REST server's gateway).
    public func serveDomains(on port: Int) {
        gateway.withLock { $0 = port }
    }

    /// Runs the Node.js functions of the Serverless domains with the runtime `start` gives the
    /// port of (started the first time a function needs it).
    public func runNodeFunctions(with start: @escaping @Sendable () async -> Int?) {
        nodeRuntime.withLock { $0 = start }
    }

    /// The Node.js runtime's port, starting it if need be.
    func nodeFunctionsPort() async -> Int? {
        guard let start = nodeRuntime.withLock({ $0 }) else { return nil }
        return await start()
    }

    public func route(_ host: String) -> PlatformDomainRoute {
        guard PlatformDomainRoute.isPlatformDomain(host) else { return .elsewhere }
        let name = host.split(separator: ":").first.map { $0.lowercased() } ?? ""
        guard let port = gateway.withLock({ $0 }), entries.withLock({ $0.byDomain[name] }) != nil else { return .unknown }
        return .loopback(port: port)
    }

    /// The world serving a Serverless domain.
    func world(domain: String) -> WorldHandle? {
        let name = domain.split(separator: ":").first.map { $0.lowercased() } ?? ""
        return entries.withLock { entries in entries.byDomain[name].flatMap { entries.byNumber[$0]?.world } }
    }

    private func setDomains(_ domains: [String], of number: Int) {
        entries.withLock { entries in
            guard entries.byNumber[number] != nil else { return }
            for domain in entries.domainsOf[number] ?? [] where entries.byDomain[domain] == number { entries.byDomain[domain] = nil }
            entries.domainsOf[number] = domains
            for domain in domains { entries.byDomain[domain] = number }
        }
    }

    public func unregister(_ number: Int) {
        entries.withLock { entries in
            guard let entry = entries.byNumber.removeValue(forKey: number) else { return }
            for domain in entries.domainsOf.removeValue(forKey: number) ?? [] where entries.byDomain[domain] == number {
                entries.byDomain[domain] = nil
            }
            for user in entry.credentials.keys {
                entries.byUser[user]?.removeAll { $0 == number }
                if entries.byUser[user]?.isEmpty == true { entries.byUser[user] = nil }
            }
        }
    }

    /// Records a request the HTTPS proxy refused (a host that is not the platform's) on the
    /// oldest running world of this account, as a request answered 403: it counts as an error.
    public func recordRefusal(account: String, method: String, target: String, reason: String) async {
        guard let handle = entries.withLock({ entries in entries.byUser[account]?.first.flatMap { entries.byNumber[$0]?.world } }) else { return }
        await handle.withWorld { world in
            let host = String(target.split(separator: "/").first { !$0.hasSuffix(":") } ?? Substring(target))
            let cause = world.timeline.append(
                .apiRequest(APIRequestEvent(operation: "RefusedByProxy", method: method, host: host, path: target, parameters: [], user: account)),
                at: world.now, cause: nil)
            world.timeline.append(.apiResponse(APIResponseEvent(request: cause, status: 403, errorMessage: reason)), at: world.now, cause: cause)
        }
    }

    /// The world with this number, whatever the credentials.
    func world(number: Int) -> WorldHandle? {
        entries.withLock { $0.byNumber[number]?.world }
    }

    /// The world these credentials open (the one named, if any), when the password is right,
    /// and whether they are its test credentials.
    func world(for credentials: Credentials, named number: Int?) -> (world: WorldHandle, test: Bool)? {
        entries.withLock { entries in
            if let number {
                guard let entry = entries.byNumber[number], entry.credentials[credentials.user] == credentials.password else { return nil }
                return (entry.world, entry.testUser == credentials.user)
            }
            // The oldest world of the account: worlds sharing an account run one at a time
            // unless their requests name them.
            for number in entries.byUser[credentials.user] ?? [] {
                if let entry = entries.byNumber[number], entry.credentials[credentials.user] == credentials.password {
                    return (entry.world, entry.testUser == credentials.user)
                }
            }
            return nil
        }
    }
}

/// A world as code outside its scenario's task reaches it (the REST API, `switchboard serve`'s
/// clock and handsets): only through its gate.
public struct WorldHandle: @unchecked Sendable {
    private let world: World
    let number: Int

    public init(world: World, number: Int) {
        self.world = world
        self.number = number
    }

    /// Runs `body` holding the world's gate (the world runs no other code meanwhile, except at
    /// the webhook deliveries `body` makes).
    public func withWorld<Result>(_ body: (World) async -> Result) async -> Result {
        await world.gate.enter()
        let result = await body(world)
        world.gate.leave()
        return result
    }
}
