import Platform

/// Proxy Services, their pools and sessions: creation, participants, manual status changes,
/// expiry on the virtual clock, deletion (shared/reference §6.1, §6.2).
extension Proxy {
    /// The pool of the live Proxy Service with this unique name.
    func pool(of service: String) -> NumberPool? {
        registry.services.first { !$0.deleted && $0.configuration.uniqueName == service }?.pool
    }

    /// Creates the configured services, adds their numbers and opens their sessions, in order.
    func setUp() {
        for configuration in configuration.proxyServices {
            var service = ProxyRegistry.Service(configuration: configuration)
            service.configuration.numbers = []
            service.configuration.sessions = []
            registry.services.append(service)
            let index = registry.services.count - 1
            for number in configuration.numbers { addNumber(number, toServiceAt: index, cause: nil) }
            for session in configuration.sessions { createSession(session, inServiceAt: index, cause: nil) }
        }
    }

    /// The application calls the Proxy API.
    func perform(_ request: ProxyRequest) async {
        let cause = timeline.append(.apiRequest(.step(request.summary)), at: now, cause: nil)
        func report(_ error: PlatformError) { problem(error.code, error.message, cause: cause) }
        let service: Int
        switch registry.service(named: request.service) {
        case .failure(let error): return report(error)
        case .success(let index): service = index
        }
        func session(_ name: String) -> Int? {
            switch registry.session(named: name, inServiceAt: service) {
            case .failure(let error): report(error); return nil
            case .success(let index): return index
            }
        }
        switch request {
        case .createSession(_, let specification):
            createSession(specification, inServiceAt: service, cause: cause)
        case .addParticipant(_, let name, let participant):
            guard let index = session(name) else { return }
            if case .failure(let error) = addParticipant(participant, toSessionAt: index) { report(error) }
        case .updateSession(_, let name, let update):
            guard let index = session(name) else { return }
            if let error = updateSession(at: index, update, cause: cause) { report(error) }
        case .messageParticipant(_, let name, let identifier, let body):
            guard let index = session(name) else { return }
            await messageParticipant(identifier, body: body, inSessionAt: index, cause: cause)
        case .addNumber(_, let number):
            addNumber(number, toServiceAt: service, cause: cause)
        case .deleteService:
            deleteProxyService(at: service, cause: cause)
        }
    }

    /// Adds a number to a pool; 80601 when another live service holds it.
    func addNumber(_ number: ProxyNumberConfiguration, toServiceAt index: Int, cause: Int?) {
        if let owner = registry.numberOwners[number.number] {
            if owner != index {
                problem(80601, "\(number.number) belongs to Proxy Service '\(registry.services[owner].configuration.uniqueName)' "
                        + "and cannot join '\(registry.services[index].configuration.uniqueName)'", cause: cause)
            }
            return
        }
        registry.numberOwners[number.number] = index
        registry.services[index].pool.add(number)
    }

    /// Creates a session with its participants. When a participant cannot be added the
    /// session is `failed` and holds no numbers.
    @discardableResult
    func createSession(_ specification: ProxySessionSpecification, inServiceAt service: Int, cause: Int?) -> Int? {
        let configuration = registry.services[service].configuration
        if let name = specification.uniqueName, let existing = registry.sessionsByName[ProxyRegistry.nameKey(configuration.sid, name)],
           registry.sessions[existing].status.isActive {
            problem(nil, "a session named '\(name)' is already open in Proxy Service '\(configuration.uniqueName)'", cause: cause)
            return nil
        }
        guard specification.participants.count <= 2 else {
            problem(nil, "a session has at most 2 participants; \(specification.participants.count) were given", cause: cause)
            return nil
        }
        let ttl = specification.ttl ?? (configuration.defaultTTL > 0 ? configuration.defaultTTL : nil)
        let session = ProxySession(sid: sids.next(.proxySession).description, serviceSid: configuration.sid,
                                   uniqueName: specification.uniqueName, mode: specification.mode, status: .open, ttl: ttl,
                                   dateExpiry: specification.dateExpiry, dateCreated: now, ttlStart: now)
        let index = registry.add(session)
        var refused: PlatformError?
        for participant in specification.participants {
            if case .failure(let error) = addParticipant(participant, toSessionAt: index) {
                refused = error
                break
            }
        }
        let created = recordSession(at: index, cause: cause)
        if let refused {
            problem(refused.code, refused.message, cause: created)
            for added in registry.sessions[index].participants { registry.close(added, session: index) }
            registry.sessions[index].status = .failed
            registry.sessions[index].dateEnded = now
            recordSession(at: index, cause: created)
            return index
        }
        if specification.status != .open {
            registry.sessions[index].status = specification.status
            if !specification.status.isActive {
                for participant in registry.sessions[index].participants { registry.close(participant, session: index) }
                registry.sessions[index].dateEnded = now
            }
            recordSession(at: index, cause: created)
        }
        scheduleExpiry(of: index)
        return index
    }

    /// Adds a participant, choosing its proxy number unless it names one.
    func addParticipant(_ specification: ProxyParticipantSpecification, toSessionAt index: Int) -> Result<ProxyParticipant, PlatformError> {
        let session = registry.sessions[index]
        guard session.status != .closed, session.status != .failed else {
            return .failure(PlatformError(80607, "session '\(session.uniqueName ?? session.sid)' is \(session.status.rawValue); no participant can join"))
        }
        guard session.participants.count < 2 else {
            return .failure(PlatformError(80604, "session '\(session.uniqueName ?? session.sid)' already has 2 participants"))
        }
        guard session.participant(specification.identifier) == nil else {
            return .failure(PlatformError(80604, "\(specification.identifier) is already a participant of '\(session.uniqueName ?? session.sid)'"))
        }
        guard let service = registry.liveService(sid: session.serviceSid) else {
            return .failure(PlatformError(20404, "the session's Proxy Service no longer exists"))
        }
        let configuration = registry.services[service].configuration
        let selection = registry.services[service].pool.select(
            for: specification.identifier, named: specification.proxyIdentifier, mode: session.mode,
            geoMatchLevel: configuration.geoMatchLevel, behavior: configuration.numberSelectionBehavior,
            held: registry.numbersHeld(by: specification.identifier),
            history: registry.history[ProxyRegistry.historyKey(configuration.sid, specification.identifier)] ?? [])
        switch selection {
        case .failure(let error):
            return .failure(error)
        case .success(let number):
            var participant = ProxyParticipant(sid: sids.next(.proxyParticipant).description, identifier: specification.identifier,
                                               friendlyName: specification.friendlyName, proxyIdentifier: number)
            participant.dateCreated = now
            registry.sessions[index].participants.append(participant)
            registry.remember(number, heldBy: participant.identifier, inService: configuration.sid)
            registry.open(participant, session: index)
            return .success(participant)
        }
    }

    /// Applies an update: `ttl` and `date_expiry` first, then the status (80607, 80608).
    func updateSession(at index: Int, _ update: ProxySessionUpdate, cause: Int) -> PlatformError? {
        let session = registry.sessions[index]
        let name = session.uniqueName ?? session.sid
        let reopening = session.status == .closed && update.status == .inProgress
        if session.status == .closed, !reopening {
            return PlatformError(80607, "session '\(name)' is closed and cannot be updated (reopen it with status in-progress)")
        }
        if let status = update.status, !reopening, !(session.status.isActive && status == .closed) {
            return PlatformError(80608, "session '\(name)' cannot go from \(session.status.rawValue) to \(status.rawValue): "
                              + "close an open or in-progress session, or reopen a closed one as in-progress")
        }
        if let ttl = update.ttl { registry.sessions[index].ttl = ttl > 0 ? ttl : nil }
        if let dateExpiry = update.dateExpiry { registry.sessions[index].dateExpiry = dateExpiry }
        if reopening {
            for participant in session.participants {
                let route = ProxyRegistry.route(participant.identifier, participant.proxyIdentifier)
                if let other = registry.routes[route], other != index {
                    return PlatformError(80623, "\(participant.identifier) holds \(participant.proxyIdentifier) in another active "
                                      + "session ('\(registry.sessions[other].uniqueName ?? registry.sessions[other].sid)'); cannot reopen")
                }
            }
            for participant in session.participants { registry.open(participant, session: index) }
            registry.sessions[index].status = .inProgress
            registry.sessions[index].closedReason = nil
            registry.sessions[index].dateEnded = nil
            registry.sessions[index].ttlStart = now
            recordSession(at: index, cause: cause)
        } else if update.status == .closed {
            closeSession(at: index, reason: "api", cause: cause)
        } else if update.ttl != nil || update.dateExpiry != nil {
            recordSession(at: index, cause: cause)
        }
        scheduleExpiry(of: index)
        return nil
    }

    /// Closes an active session: its participants' numbers are free for other sessions.
    func closeSession(at index: Int, reason: String, cause: Int?) {
        guard registry.sessions[index].status.isActive else { return }
        for participant in registry.sessions[index].participants { registry.close(participant, session: index) }
        registry.sessions[index].status = .closed
        registry.sessions[index].closedReason = reason
        registry.sessions[index].dateEnded = now
        recordSession(at: index, cause: cause)
    }

    /// Records the session as it is now on the timeline (its interactions are entries of their own).
    @discardableResult
    func recordSession(at index: Int, cause: Int?) -> Int {
        timeline.append(.proxySession(registry.sessions[index]), at: now, cause: cause)
    }

    /// Puts the session's expiry on the clock (again, after a change of TTL or an interaction).
    func scheduleExpiry(of index: Int) {
        guard registry.sessions[index].status.isActive, let expiry = registry.sessions[index].expiry else { return }
        schedule(.sessionExpiry(session: index), at: max(expiry, now))
    }

    /// A session's expiry is due: it closes unless an interaction or update moved it later.
    func expireSession(at index: Int) {
        let session = registry.sessions[index]
        guard session.status.isActive, let expiry = session.expiry, expiry <= now else { return }
        closeSession(at: index, reason: session.dateExpiry != nil ? "date-expiry" : "ttl", cause: nil)
    }

    /// Deletes a service: its sessions close and its numbers are free to join another service.
    func deleteProxyService(at index: Int, cause: Int) {
        let sid = registry.services[index].configuration.sid
        for session in registry.sessions.indices where registry.sessions[session].serviceSid == sid {
            closeSession(at: session, reason: "service-deleted", cause: cause)
        }
        for entry in registry.services[index].pool.entries { registry.numberOwners[entry.configuration.number] = nil }
        registry.services[index].pool.removeAll()
        registry.services[index].deleted = true
    }
}
