import Platform

/// The Proxy v1 resources over the world's Proxy state, by SID as the API names them: services
/// and their pools, sessions, participants (deleted softly, as the platform does), message
/// interactions the app sends, and interactions.
extension World {
    /// The Proxy Services not deleted, in the order they were created.
    public var proxyServices: [ProxyServiceConfiguration] {
        proxy.registry.services.filter { !$0.deleted }.map(\.configuration)
    }

    public func proxyService(sid: String) -> ProxyServiceConfiguration? {
        proxy.registry.liveService(sid: sid).map { proxy.registry.services[$0].configuration }
    }

    /// Creates a Proxy Service: unique names are unique among live services (80603... the
    /// platform answers 80611 "unique name already in use" (M)).
    public func createProxyService(_ change: (inout ProxyServiceConfiguration) -> Void) -> Result<ProxyServiceConfiguration, PlatformError> {
        var configuration = ProxyServiceConfiguration(uniqueName: "", sid: sids.next(.proxyService).description)
        change(&configuration)
        let name = configuration.uniqueName
        guard !proxyServices.contains(where: { $0.uniqueName == name }) else {
            return .failure(PlatformError(80611, "a Proxy Service named '\(name)' exists already"))
        }
        configuration.created = now
        proxy.registry.services.append(ProxyRegistry.Service(configuration: configuration))
        return .success(configuration)
    }

    public func updateProxyService(sid: String, _ change: (inout ProxyServiceConfiguration) -> Void) -> Result<ProxyServiceConfiguration, PlatformError> {
        guard let index = proxy.registry.liveService(sid: sid) else { return .failure(Self.notFound(sid)) }
        change(&proxy.registry.services[index].configuration)
        return .success(proxy.registry.services[index].configuration)
    }

    /// Deletes a service: its sessions close (`service-deleted`) and its numbers leave the pool.
    public func deleteProxyService(sid: String, cause: Int) -> PlatformError? {
        guard let index = proxy.registry.liveService(sid: sid) else { return Self.notFound(sid) }
        proxy.deleteProxyService(at: index, cause: cause)
        return nil
    }

    /// A service's pool, in the order the numbers were added.
    public func proxyPool(sid: String) -> [NumberPool.Entry]? {
        proxy.registry.liveService(sid: sid).map { proxy.registry.services[$0].pool.entries }
    }

    /// The SID a pool number is known by: the account's number's, or one derived from the number.
    public func proxyNumberSid(_ number: String) -> String {
        if let owned = configuration.numbers.first(where: { $0.number == number }) { return owned.sid }
        var generator = SIDGenerator(seed: configuration.seed, stream: "proxy-number/" + number)
        return generator.next(number.hasPrefix("+") ? .phoneNumber : .shortCode).description
    }

    /// Adds a number to a pool (80601 when another live service holds it).
    public func addProxyNumber(_ number: ProxyNumberConfiguration, toService sid: String) -> Result<NumberPool.Entry, PlatformError> {
        guard let index = proxy.registry.liveService(sid: sid) else { return .failure(Self.notFound(sid)) }
        if let owner = proxy.registry.numberOwners[number.number], owner != index {
            return .failure(PlatformError(80601, "\(number.number) belongs to Proxy Service \(proxy.registry.services[owner].configuration.sid)"))
        }
        if !proxy.registry.services[index].pool.contains(number.number) { proxy.addNumber(number, toServiceAt: index, cause: nil) }
        return .success(proxy.registry.services[index].pool.entries.first { $0.configuration.number == number.number }!)
    }

    /// Removes a number from a pool.
    public func removeProxyNumber(_ number: String, fromService sid: String) -> PlatformError? {
        guard let index = proxy.registry.liveService(sid: sid) else { return Self.notFound(sid) }
        guard proxy.registry.services[index].pool.contains(number) else { return Self.notFound(proxyNumberSid(number)) }
        proxy.registry.services[index].pool.remove(number)
        proxy.registry.numberOwners[number] = nil
        return nil
    }

    /// Changes whether a pool number is reserved.
    public func reserveProxyNumber(_ number: String, inService sid: String, reserved: Bool) -> Result<NumberPool.Entry, PlatformError> {
        guard let index = proxy.registry.liveService(sid: sid), proxy.registry.services[index].pool.contains(number) else {
            return .failure(Self.notFound(proxyNumberSid(number)))
        }
        proxy.registry.services[index].pool.setReserved(number, reserved)
        return .success(proxy.registry.services[index].pool.entries.first { $0.configuration.number == number }!)
    }

    public func proxySession(sid: String) -> ProxySession? {
        proxy.registry.sessions.first { $0.sid == sid && !$0.deleted }
    }

    /// Creates a session with its participants: the error of the first participant that cannot join.
    public func createProxySession(_ specification: ProxySessionSpecification, inService sid: String, cause: Int) -> Result<ProxySession, PlatformError> {
        guard let service = proxy.registry.liveService(sid: sid) else { return .failure(Self.notFound(sid)) }
        if let name = specification.uniqueName,
           let existing = proxy.registry.sessionsByName[ProxyRegistry.nameKey(sid, name)], proxy.registry.sessions[existing].status.isActive {
            return .failure(PlatformError(80603, "a session named '\(name)' is already open in this service"))
        }
        guard specification.participants.count <= 2 else {
            return .failure(PlatformError(80604, "a session has at most 2 participants; \(specification.participants.count) were given"))
        }
        guard let index = proxy.createSession(specification, inServiceAt: service, cause: cause) else {
            return .failure(PlatformError(80603, "the session could not be created"))
        }
        return .success(proxy.registry.sessions[index])
    }

    public func updateProxySession(sid: String, _ update: ProxySessionUpdate, cause: Int) -> Result<ProxySession, PlatformError> {
        guard let index = sessionIndex(sid) else { return .failure(Self.notFound(sid)) }
        if let error = proxy.updateSession(at: index, update, cause: cause) { return .failure(error) }
        return .success(proxy.registry.sessions[index])
    }

    /// Deletes a session: it closes, and is no longer listed.
    public func deleteProxySession(sid: String, cause: Int) -> PlatformError? {
        guard let index = sessionIndex(sid) else { return Self.notFound(sid) }
        proxy.closeSession(at: index, reason: "api", cause: cause)
        proxy.registry.sessions[index].deleted = true
        return nil
    }

    public func addProxyParticipant(_ specification: ProxyParticipantSpecification, toSession sid: String, cause: Int)
        -> Result<ProxyParticipant, PlatformError> {
        guard let index = sessionIndex(sid) else { return .failure(Self.notFound(sid)) }
        let result = proxy.addParticipant(specification, toSessionAt: index)
        if case .success = result { proxy.recordSession(at: index, cause: cause) }
        return result
    }

    /// Removes a participant softly: it stays on the session with `date_deleted`, and no longer relays.
    public func removeProxyParticipant(_ participantSid: String, fromSession sid: String, cause: Int) -> Result<ProxyParticipant, PlatformError> {
        guard let index = sessionIndex(sid),
              let position = proxy.registry.sessions[index].participants.firstIndex(where: { $0.sid == participantSid }) else {
            return .failure(Self.notFound(participantSid))
        }
        let participant = proxy.registry.sessions[index].participants[position]
        guard participant.dateDeleted == nil else { return .success(participant) }
        proxy.registry.close(participant, session: index)
        proxy.registry.sessions[index].participants[position].dateDeleted = now
        proxy.recordSession(at: index, cause: cause)
        return .success(proxy.registry.sessions[index].participants[position])
    }

    /// A message the app sends a participant through the session (MessageInteractions create).
    public func messageProxyParticipant(_ participantSid: String, inSession sid: String, body: String, cause: Int) async
        -> Result<ProxyInteraction, PlatformError> {
        guard let index = sessionIndex(sid) else { return .failure(Self.notFound(sid)) }
        let session = proxy.registry.sessions[index]
        guard session.status.isActive else {
            return .failure(PlatformError(80607, "the session is \(session.status.rawValue); no message can be sent"))
        }
        guard let participant = session.participants.first(where: { $0.sid == participantSid && $0.dateDeleted == nil }) else {
            return .failure(Self.notFound(participantSid))
        }
        let before = proxy.registry.interactions.count
        await proxy.messageParticipant(participant.identifier, body: body, inSessionAt: index, cause: cause)
        guard proxy.registry.interactions.count > before else { return .failure(PlatformError(80607, "the message was not sent")) }
        return .success(proxy.registry.interactions[before])
    }

    public func proxyInteraction(sid: String) -> ProxyInteraction? {
        proxy.registry.interactions.first { $0.sid == sid && !$0.deleted }
    }

    public func deleteProxyInteraction(sid: String) -> PlatformError? {
        guard let index = proxy.registry.interactions.firstIndex(where: { $0.sid == sid && !$0.deleted }) else { return Self.notFound(sid) }
        proxy.registry.interactions[index].deleted = true
        return nil
    }

    private func sessionIndex(_ sid: String) -> Int? {
        proxy.registry.sessions.firstIndex { $0.sid == sid && !$0.deleted }
    }
}
