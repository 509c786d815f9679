import Platform
import Traffic
import Webhooks

/// Interactions: a participant writes to their proxy number; the intercept callback may block
/// it; it is relayed to the other participant from that participant's proxy number; the
/// interaction callback follows every status change (shared/reference §6.2, §6.4). Voice calls
/// take the same path with a call as the inbound and outbound resource.
extension Proxy {
    /// What an interaction carries: a message, or a call (with what its caller does).
    enum InteractionContent {
        case message(body: String, mediaURLs: [String])
        case voice(call: Int, script: CallerScript)

        var type: InteractionType {
            if case .voice = self { return .voice }
            return .message
        }

        /// The Interaction resource's `data` when it is created.
        var data: String {
            switch self {
            case .message(let body, _): return JSONWriter.object([("body", body)])
            case .voice: return JSONWriter.object([("duration", "0")])
            }
        }
    }

    /// A message to a pool number: relayed in the sender's active session with that number,
    /// otherwise handed to the out-of-session callback.
    func receiveProxyMessage(_ inbound: InboundMessage, service: Int, cause: Int) async {
        let route = ProxyRegistry.route(inbound.from, inbound.to)
        let content = InteractionContent.message(body: inbound.body, mediaURLs: inbound.mediaURLs)
        if let index = registry.routes[route], let participant = registry.sessions[index].participant(inbound.from) {
            await interact(inSessionAt: index, from: participant, inboundResource: inbound.sid, content: content, cause: cause)
            return
        }
        warnIfExpired(route, cause: cause)
        await outOfSession(inbound, service: service, cause: cause)
    }

    /// 80904 when the pair's last session expired: what reaches it now is out of session.
    func warnIfExpired(_ route: String, cause: Int) {
        guard let closed = registry.closedRoutes[route], let reason = registry.sessions[closed].closedReason,
              reason == "ttl" || reason == "date-expiry" else { return }
        let session = registry.sessions[closed]
        problem(80904, "session '\(session.uniqueName ?? session.sid)' expired (\(reason)) at "
                + CivilTime.iso8601(session.dateEnded ?? now) + "; what reaches it now is out of session", cause: cause)
    }

    /// Creates an interaction from a participant and relays it unless the intercept callback blocks it.
    func interact(inSessionAt index: Int, from participant: ProxyParticipant, inboundResource: String, content: InteractionContent,
                  cause: Int) async {
        let session = registry.sessions[index]
        guard session.mode.relays(content.type) else {
            problem(nil, "session '\(session.uniqueName ?? session.sid)' is \(session.mode.rawValue); the \(content.type.rawValue) "
                    + "from \(participant.identifier) is not relayed", cause: cause)
            return
        }
        let interaction = startInteraction(inSessionAt: index, content: content,
                                           inbound: InteractionLeg(participantSid: participant.sid, resourceSid: inboundResource,
                                                                   resourceStatus: "received"))
        let created = recordInteraction(interaction, cause: cause)
        let service = proxyService(sid: session.serviceSid)
        if let url = service?.interceptCallbackURL {
            let request = WebhookRequest(url: url, parameters: registry.interactions[interaction].parameters(accountSid: accountSid),
                                         kind: .intercept, event: registry.interactions[interaction].sid, idempotencyToken: nextToken(),
                                         time: now)
            let (outcome, called) = await call(request, purpose: .interceptCallback, fallback: nil, cause: created)
            if case .success(.blocked) = outcome.result {
                registry.interactions[interaction].blocked = true
                await interactionCallback(interaction, cause: called)
                return
            }
        }
        guard let other = registry.sessions[index].other(than: participant) else {
            problem(nil, "session '\(session.uniqueName ?? session.sid)' has no other participant; the \(content.type.rawValue) "
                    + "from \(participant.identifier) is not relayed", cause: created)
            return
        }
        await relay(content, to: other, interaction: interaction, cause: created)
    }

    /// `MessageInteractions`: the application sends a message to a participant from their proxy number.
    func messageParticipant(_ identifier: String, body: String, inSessionAt index: Int, cause: Int) async {
        let session = registry.sessions[index]
        let name = session.uniqueName ?? session.sid
        guard session.status.isActive else {
            problem(80607, "session '\(name)' is \(session.status.rawValue); no message is sent", cause: cause)
            return
        }
        guard let participant = session.participant(identifier) else {
            problem(20404, "\(identifier) is not a participant of session '\(name)'", cause: cause)
            return
        }
        let content = InteractionContent.message(body: body, mediaURLs: [])
        let interaction = startInteraction(inSessionAt: index, content: content, inbound: nil)
        let created = recordInteraction(interaction, cause: cause)
        await relay(content, to: participant, interaction: interaction, cause: created)
    }

    /// Records a new interaction: the session is in progress and its TTL starts again.
    private func startInteraction(inSessionAt index: Int, content: InteractionContent, inbound: InteractionLeg?) -> Int {
        let session = registry.sessions[index]
        registry.interactions.append(ProxyInteraction(sid: sids.next(.proxyInteraction).description, serviceSid: session.serviceSid,
                                                   sessionSid: session.sid, type: content.type, data: content.data, dateCreated: now,
                                                   dateUpdated: now, inbound: inbound))
        registry.sessions[index].interactionSids.append(registry.interactions[registry.interactions.count - 1].sid)
        registry.sessions[index].dateLastInteraction = now
        registry.sessions[index].ttlStart = now
        if session.status == .open {
            registry.sessions[index].status = .inProgress
            registry.sessions[index].dateStarted = now
            recordSession(at: index, cause: nil)
        }
        scheduleExpiry(of: index)
        return registry.interactions.count - 1
    }

    /// Sends the outbound leg to a participant from their proxy number.
    private func relay(_ content: InteractionContent, to participant: ProxyParticipant, interaction: Int, cause: Int) async {
        switch content {
        case .message(let body, let mediaURLs):
            let sid = messaging.createMessage(from: participant.proxyIdentifier, to: participant.identifier, body: body, mediaURLs: mediaURLs,
                                    service: nil, statusCallback: nil, isReply: false, cause: cause)
            registry.interactions[interaction].outbound = InteractionLeg(participantSid: participant.sid, resourceSid: sid,
                                                                      resourceStatus: messaging.message(sid)?.status.rawValue ?? "queued")
            registry.interactionsByResource[sid] = interaction
            await interactionCallback(interaction, cause: cause)
        case .voice(let call, let script):
            await relayCall(call, script: script, to: participant, interaction: interaction, cause: cause)
        }
    }

    /// The outbound message of an interaction changed status.
    func interactionResourceChanged(_ resource: String, status: String, cause: Int) async {
        guard let interaction = registry.interactionsByResource[resource] else { return }
        await outboundChanged(interaction, to: status, cause: cause)
    }

    /// The outbound leg (message or call) of an interaction has a new status: the interaction
    /// callback hears of it.
    func outboundChanged(_ interaction: Int, to status: String, cause: Int) async {
        registry.interactions[interaction].outbound?.resourceStatus = status
        registry.interactions[interaction].dateUpdated = now
        await interactionCallback(interaction, cause: cause)
    }

    /// Records the interaction as it stands after a change, and tells the service's
    /// `callback_url` of it.
    func interactionCallback(_ interaction: Int, cause: Int) async {
        let cause = recordInteraction(interaction, cause: cause)
        guard let url = proxyService(sid: registry.interactions[interaction].serviceSid)?.callbackURL else { return }
        let request = WebhookRequest(url: url, parameters: registry.interactions[interaction].parameters(accountSid: accountSid),
                                     kind: .status, event: registry.interactions[interaction].sid, idempotencyToken: nextToken(), time: now)
        _ = await call(request, purpose: .interactionCallback, fallback: nil, cause: cause)
    }

    /// Records the interaction as it is now on the timeline.
    private func recordInteraction(_ interaction: Int, cause: Int?) -> Int {
        timeline.append(.interaction(registry.interactions[interaction]), at: now, cause: cause)
    }

    func proxyService(sid: String) -> ProxyServiceConfiguration? {
        registry.services.first { $0.configuration.sid == sid }?.configuration
    }
}
