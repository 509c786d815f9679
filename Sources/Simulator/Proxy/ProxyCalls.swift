import Platform
import Traffic
import Webhooks

/// Calls to pool numbers: relayed to the other participant as a dialled leg from their proxy
/// number, with the interaction callback on each status change; out of session, the callback's
/// Voice TwiML runs on the call, or its JSON creates a session (shared/reference §6).
extension Proxy {
    /// Proxy gives up ringing the other participant after this many seconds.
    static let proxyRingTimeout: Double = 30

    func receiveProxyCall(_ index: Int, script: CallerScript, service: Int, cause: Int) async {
        let call = voice.calls[index]
        let content = InteractionContent.voice(call: index, script: script)
        let route = ProxyRegistry.route(call.from, call.to)
        if let session = registry.routes[route], let participant = registry.sessions[session].participant(call.from) {
            await interact(inSessionAt: session, from: participant, inboundResource: call.sid, content: content, cause: cause)
        } else {
            warnIfExpired(route, cause: cause)
            await outOfSessionCall(index, script: script, service: service, cause: cause)
        }
        // Blocked, not relayed, or dropped: the platform hangs up without answering.
        voice.close(index, status: .canceled, cause: cause)
    }

    /// Connects the caller to the other participant and reports both legs to the interaction callback.
    func relayCall(_ index: Int, script: CallerScript, to participant: ProxyParticipant, interaction: Int, cause: Int) async {
        var session = CallSession(call: index, sid: voice.calls[index].sid, from: voice.calls[index].from, to: voice.calls[index].to, script: script,
                                  fallback: nil, statusCallback: nil)
        await voice.answer(&session, cause: cause)
        registry.interactions[interaction].inbound?.resourceStatus = "in-progress"
        let leg = voice.startCall(from: participant.proxyIdentifier, to: participant.identifier, direction: "outbound-dial", parent: session.sid,
                             cause: cause).call
        registry.interactions[interaction].outbound = InteractionLeg(participantSid: participant.sid, resourceSid: voice.calls[leg].sid,
                                                                  resourceStatus: "initiated")
        await interactionCallback(interaction, cause: cause)
        await outboundChanged(interaction, to: "ringing", cause: cause)
        let rule = voice.partyRule(for: participant.identifier)
        var talked = 0
        var result: CallStatus
        if rule.outcome == .answer, rule.ringTime <= Self.proxyRingTimeout {
            if await voice.spend(rule.ringTime, session: &session) {
                voice.calls[leg].answered = now
                voice.setStatus(leg, .inProgress, cause: cause)
                await outboundChanged(interaction, to: "in-progress", cause: cause)
                let bridged = now
                _ = await voice.spend(rule.talkTime, session: &session)
                talked = Int((now - bridged).rounded())
                result = .completed
            } else {
                result = .canceled
            }
        } else {
            let waited = await voice.spend(rule.outcome == .answer || rule.outcome == .noAnswer ? Self.proxyRingTimeout : rule.ringTime,
                                     session: &session)
            result = waited ? Voice.unansweredStatus(rule.outcome) : .canceled
        }
        voice.step(session, .verb(.dial), participant.identifier, callerId: participant.proxyIdentifier, result: result.rawValue)
        voice.close(leg, status: result, cause: cause)
        registry.interactions[interaction].data = JSONWriter.object([("duration", String(talked))])
        registry.interactions[interaction].inbound?.resourceStatus = "completed"
        await outboundChanged(interaction, to: result.rawValue, cause: cause)
        await voice.finish(&session, status: .completed, cause: cause)
    }

    /// A call from someone without an active session with the number: the out-of-session
    /// callback's Voice TwiML runs on the call, or its JSON creates a session first.
    private func outOfSessionCall(_ index: Int, script: CallerScript, service: Int, cause: Int) async {
        let call = voice.calls[index]
        let configuration = registry.services[service].configuration
        guard let url = configuration.outOfSessionCallbackURL else {
            problem(nil, "\(call.from) has no open session with \(call.to) and Proxy Service '\(configuration.uniqueName)' "
                    + "has no out_of_session_callback_url; the call is not answered", cause: cause)
            return
        }
        let request = WebhookRequest(url: url, parameters: voice.callParameters(index), kind: .voiceDecision, event: call.sid,
                                     idempotencyToken: nextToken(), time: now)
        guard let (outcome, called) = await askOutOfSession(request, sender: call.from, number: call.to, inboundResource: call.sid,
                                                            content: .voice(call: index, script: script), service: service,
                                                            cause: cause) else { return }
        var session = CallSession(call: index, sid: call.sid, from: call.from, to: call.to, script: script, fallback: nil,
                                  statusCallback: nil)
        await voice.continueCall(with: outcome, session: &session, cause: called)
    }
}
