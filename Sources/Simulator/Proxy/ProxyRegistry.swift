/// The Proxy state of a world: services with their pools, sessions, interactions, and the
/// indexes that route an inbound message to its session in constant time.
struct ProxyRegistry {
    /// A service as it stands: its configuration and pool; deleted services keep their place.
    struct Service {
        var configuration: ProxyServiceConfiguration
        var pool = NumberPool()
        var deleted = false
    }

    var services: [Service] = []
    var sessions: [ProxySession] = []
    var interactions: [ProxyInteraction] = []
    /// The service (index) each pool number belongs to.
    var numberOwners: [String: Int] = [:]
    /// The active session (index) of each participant identifier and proxy number pair.
    var routes: [String: Int] = [:]
    /// The session (index) a pair was last in, after it closed.
    var closedRoutes: [String: Int] = [:]
    /// The proxy numbers each identifier holds in active sessions.
    var held: [String: Set<String>] = [:]
    /// Numbers each identifier held in a service, least recently held first.
    var history: [String: [String]] = [:]
    /// The interaction (index) an outbound message or call belongs to.
    var interactionsByResource: [String: Int] = [:]
    /// The latest session (index) of each service SID and unique name.
    var sessionsByName: [String: Int] = [:]

    static func route(_ identifier: String, _ proxyNumber: String) -> String {
        identifier + "|" + proxyNumber
    }

    static func historyKey(_ serviceSid: String, _ identifier: String) -> String {
        serviceSid + "|" + identifier
    }

    /// The live service with this unique name; the only live one when the name is nil.
    func service(named name: String?) -> Result<Int, PlatformError> {
        let live = services.indices.filter { !services[$0].deleted }
        if let name {
            guard let index = live.first(where: { services[$0].configuration.uniqueName == name }) else {
                return .failure(PlatformError(20404, "there is no Proxy Service named '\(name)'"))
            }
            return .success(index)
        }
        guard live.count == 1 else {
            return .failure(PlatformError(20404, live.isEmpty ? "there is no Proxy Service" : "name the Proxy Service ('service'): there are \(live.count)"))
        }
        return .success(live[0])
    }

    static func nameKey(_ serviceSid: String, _ name: String) -> String {
        serviceSid + "|" + name
    }

    /// Records a new session.
    mutating func add(_ session: ProxySession) -> Int {
        sessions.append(session)
        if let name = session.uniqueName { sessionsByName[Self.nameKey(session.serviceSid, name)] = sessions.count - 1 }
        return sessions.count - 1
    }

    /// The live service (index) with this SID.
    func liveService(sid: String) -> Int? {
        services.firstIndex { $0.configuration.sid == sid && !$0.deleted }
    }

    /// The latest session of a service with this unique name.
    func session(named name: String, inServiceAt service: Int) -> Result<Int, PlatformError> {
        guard let index = sessionsByName[Self.nameKey(services[service].configuration.sid, name)] else {
            return .failure(PlatformError(20404, "there is no session named '\(name)' in Proxy Service '\(services[service].configuration.uniqueName)'"))
        }
        return .success(index)
    }

    /// Numbers this identifier holds in active sessions.
    func numbersHeld(by identifier: String) -> Set<String> {
        held[identifier] ?? []
    }

    /// A participant of an active session: messages from it to its proxy number reach the session.
    mutating func open(_ participant: ProxyParticipant, session: Int) {
        routes[Self.route(participant.identifier, participant.proxyIdentifier)] = session
        held[participant.identifier, default: []].insert(participant.proxyIdentifier)
        if let service = numberOwners[participant.proxyIdentifier] {
            services[service].pool.adjustUse(of: participant.proxyIdentifier, by: 1)
        }
    }

    /// A participant whose session closed: its pair routes out of session from now on.
    mutating func close(_ participant: ProxyParticipant, session: Int) {
        let route = Self.route(participant.identifier, participant.proxyIdentifier)
        guard routes[route] == session else { return }
        routes[route] = nil
        closedRoutes[route] = session
        held[participant.identifier]?.remove(participant.proxyIdentifier)
        if let service = numberOwners[participant.proxyIdentifier] {
            services[service].pool.adjustUse(of: participant.proxyIdentifier, by: -1)
        }
    }

    mutating func remember(_ number: String, heldBy identifier: String, inService serviceSid: String) {
        let key = Self.historyKey(serviceSid, identifier)
        var numbers = history[key] ?? []
        numbers.removeAll { $0 == number }
        numbers.append(number)
        history[key] = numbers
    }
}
