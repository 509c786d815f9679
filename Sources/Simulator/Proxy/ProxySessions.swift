import Platform

/// Proxy Services, their pools and sessions: creation, participants, manual status changes,
/// expiry on the virtual clock, deletion (shared/reference §6.1, §6.2).
extension World {
    /// The Proxy sessions in the order they were created.
    public var proxySessions: [ProxySession] { proxy.sessions }
    /// The Proxy interactions in the order they were created.
    public var proxyInteractions: [ProxyInteraction] { proxy.interactions }

    /// The pool of the live Proxy Service with this unique name.
    public func proxyPool(of service: String) -> NumberPool? {
        proxy.services.first { !$0.deleted && $0.configuration.uniqueName == service }?.pool
    }

    /// Creates the configured services, adds their numbers and opens their sessions, in order.
    func setUpProxy() {
        for configuration in configuration.proxyServices {
            var service = ProxyRegistry.Service(configuration: configuration)
            service.configuration.numbers = []
            service.configuration.sessions = []
            proxy.services.append(service)
            let index = proxy.services.count - 1
            for number in configuration.numbers { addNumber(number, toServiceAt: index, cause: nil) }
            for session in configuration.sessions { createSession(session, inServiceAt: index, cause: nil) }
        }
    }

    /// The application calls the Proxy API.
    public func perform(_ request: ProxyRequest) async {
        let cause = timeline.append(.apiRequest(request.summary), at: now, cause: nil)
        func report(_ error: ProxyError) { problem(error.code, error.message, cause: cause) }
        let service: Int
        switch proxy.service(named: request.service) {
        case .failure(let error): return report(error)
        case .success(let index): service = index
        }
        func session(_ name: String) -> Int? {
            switch proxy.session(named: name, inServiceAt: service) {
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
        if let owner = proxy.numberOwners[number.number] {
            if owner != index {
                problem(80601, "\(number.number) belongs to Proxy Service '\(proxy.services[owner].configuration.uniqueName)' "
                        + "and cannot join '\(proxy.services[index].configuration.uniqueName)'", cause: cause)
            }
            return
        }
        proxy.numberOwners[number.number] = index
        proxy.services[index].pool.add(number)
    }

    /// Creates a session with its participants. When a participant cannot be added the
    /// session is `failed` and holds no numbers.
    @discardableResult
    func createSession(_ specification: ProxySessionSpecification, inServiceAt service: Int, cause: Int?) -> Int? {
        let configuration = proxy.services[service].configuration
        if let name = specification.uniqueName, let existing = proxy.sessionsByName[ProxyRegistry.nameKey(configuration.sid, name)],
           proxy.sessions[existing].status.isActive {
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
        let index = proxy.add(session)
        var refused: ProxyError?
        for participant in specification.participants {
            if case .failure(let error) = addParticipant(participant, toSessionAt: index) {
                refused = error
                break
            }
        }
        let created = recordSession(at: index, cause: cause)
        if let refused {
            problem(refused.code, refused.message, cause: created)
            for added in proxy.sessions[index].participants { proxy.close(added, session: index) }
            proxy.sessions[index].status = .failed
            proxy.sessions[index].dateEnded = now
            recordSession(at: index, cause: created)
            return index
        }
        if specification.status != .open {
            proxy.sessions[index].status = specification.status
            if !specification.status.isActive {
                for participant in proxy.sessions[index].participants { proxy.close(participant, session: index) }
                proxy.sessions[index].dateEnded = now
            }
            recordSession(at: index, cause: created)
        }
        scheduleExpiry(of: index)
        return index
    }

    /// Adds a participant, choosing its proxy number unless it names one.
    func addParticipant(_ specification: ProxyParticipantSpecification, toSessionAt index: Int) -> Result<ProxyParticipant, ProxyError> {
        let session = proxy.sessions[index]
        guard session.status != .closed, session.status != .failed else {
            return .failure(ProxyError(80607, "session '\(session.uniqueName ?? session.sid)' is \(session.status.rawValue); no participant can join"))
        }
        guard session.participants.count < 2 else {
            return .failure(ProxyError(80604, "session '\(session.uniqueName ?? session.sid)' already has 2 participants"))
        }
        guard session.participant(specification.identifier) == nil else {
            return .failure(ProxyError(80604, "\(specification.identifier) is already a participant of '\(session.uniqueName ?? session.sid)'"))
        }
        guard let service = proxy.liveService(sid: session.serviceSid) else {
            return .failure(ProxyError(20404, "the session's Proxy Service no longer exists"))
        }
        let configuration = proxy.services[service].configuration
        let selection = proxy.services[service].pool.select(
            for: specification.identifier, named: specification.proxyIdentifier, mode: session.mode,
            geoMatchLevel: configuration.geoMatchLevel, behavior: configuration.numberSelectionBehavior,
            held: proxy.numbersHeld(by: specification.identifier),
            history: proxy.history[ProxyRegistry.historyKey(configuration.sid, specification.identifier)] ?? [])
        switch selection {
        case .failure(let error):
            return .failure(error)
        case .success(let number):
            let participant = ProxyParticipant(sid: sids.next(.proxyParticipant).description, identifier: specification.identifier,
                                               friendlyName: specification.friendlyName, proxyIdentifier: number)
            proxy.sessions[index].participants.append(participant)
            proxy.remember(number, heldBy: participant.identifier, inService: configuration.sid)
            proxy.open(participant, session: index)
            return .success(participant)
        }
    }

    /// Applies an update: `ttl` and `date_expiry` first, then the status (80607, 80608).
    func updateSession(at index: Int, _ update: ProxySessionUpdate, cause: Int) -> ProxyError? {
        let session = proxy.sessions[index]
        let name = session.uniqueName ?? session.sid
        let reopening = session.status == .closed && update.status == .inProgress
        if session.status == .closed, !reopening {
            return ProxyError(80607, "session '\(name)' is closed and cannot be updated (reopen it with status in-progress)")
        }
        if let status = update.status, !reopening, !(session.status.isActive && status == .closed) {
            return ProxyError(80608, "session '\(name)' cannot go from \(session.status.rawValue) to \(status.rawValue): "
                              + "close an open or in-progress session, or reopen a closed one as in-progress")
        }
        if let ttl = update.ttl { proxy.sessions[index].ttl = ttl > 0 ? ttl : nil }
        if let dateExpiry = update.dateExpiry { proxy.sessions[index].dateExpiry = dateExpiry }
        if reopening {
            for participant in session.participants {
                let route = ProxyRegistry.route(participant.identifier, participant.proxyIdentifier)
                if let other = proxy.routes[route], other != index {
                    return ProxyError(80623, "\(participant.identifier) holds \(participant.proxyIdentifier) in another active "
                                      + "session ('\(proxy.sessions[other].uniqueName ?? proxy.sessions[other].sid)'); cannot reopen")
                }
            }
            for participant in session.participants { proxy.open(participant, session: index) }
            proxy.sessions[index].status = .inProgress
            proxy.sessions[index].closedReason = nil
            proxy.sessions[index].dateEnded = nil
            proxy.sessions[index].ttlStart = now
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
        guard proxy.sessions[index].status.isActive else { return }
        for participant in proxy.sessions[index].participants { proxy.close(participant, session: index) }
        proxy.sessions[index].status = .closed
        proxy.sessions[index].closedReason = reason
        proxy.sessions[index].dateEnded = now
        recordSession(at: index, cause: cause)
    }

    /// Records the session as it is now on the timeline (its interactions are entries of their own).
    @discardableResult
    func recordSession(at index: Int, cause: Int?) -> Int {
        timeline.append(.proxySession(proxy.sessions[index]), at: now, cause: cause)
    }

    /// Puts the session's expiry on the clock (again, after a change of TTL or an interaction).
    func scheduleExpiry(of index: Int) {
        guard proxy.sessions[index].status.isActive, let expiry = proxy.sessions[index].expiry else { return }
        schedule(.sessionExpiry(session: index), at: max(expiry, now))
    }

    /// A session's expiry is due: it closes unless an interaction or update moved it later.
    func expireSession(at index: Int) {
        let session = proxy.sessions[index]
        guard session.status.isActive, let expiry = session.expiry, expiry <= now else { return }
        closeSession(at: index, reason: session.dateExpiry != nil ? "date-expiry" : "ttl", cause: nil)
    }

    /// Deletes a service: its sessions close and its numbers are free to join another service.
    func deleteProxyService(at index: Int, cause: Int) {
        let sid = proxy.services[index].configuration.sid
        for session in proxy.sessions.indices where proxy.sessions[session].serviceSid == sid {
            closeSession(at: session, reason: "service-deleted", cause: cause)
        }
        for entry in proxy.services[index].pool.entries { proxy.numberOwners[entry.configuration.number] = nil }
        proxy.services[index].pool.removeAll()
        proxy.services[index].deleted = true
    }
}
