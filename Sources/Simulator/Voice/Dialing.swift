import Platform
import TwiML
import Webhooks

/// `<Dial>`: child legs rung in parallel, the first to answer wins and the others are
/// canceled; the `Number` whisper; the action with `DialCallStatus` (shared/reference §4.3); a
/// `<Conference>` or a `<Queue>` instead (Conferences.swift, Queues.swift).
extension Voice {
    /// A party a dial rings: the child leg and what the scenario says the party does.
    private struct RingingLeg {
        var session: CallSession
        let rule: PartyRule
        let whisper: (url: String, method: HTTPMethod)?
    }

    func dial(_ dial: VoiceVerb.Dial, documentURL: String, session: inout CallSession, cause: Int) async -> CallContinuation? {
        let callerId = dial.callerId ?? session.from
        var legs: [RingingLeg] = []
        for target in dial.targets {
            switch target {
            case .number(let leg), .sip(let leg), .whatsApp(let leg), .application(let leg):
                legs.append(ring(leg.address, from: callerId, leg: leg, parent: session, documentURL: documentURL))
            case .client(let leg):
                legs.append(ring("client:" + leg.address, from: callerId, leg: leg, parent: session, documentURL: documentURL))
            case .conference(let conference):
                let start = now
                _ = await joinConference(conference, documentURL: documentURL, timeLimit: Double(dial.timeLimit), session: &session,
                                         cause: cause)
                return room("conference " + conference.name, dial, callerId: callerId, dequeued: nil,
                            duration: Int((now - start).rounded()), documentURL: documentURL, session: session)
            case .queue(let name, let url, let method):
                let (dequeued, bridged) = await dialQueue(name: name, url: url, method: method, documentURL: documentURL,
                                                             timeLimit: Double(dial.timeLimit), session: &session, cause: cause)
                return room("queue " + name, dial, callerId: callerId, dequeued: dequeued, duration: bridged, documentURL: documentURL,
                            session: session)
            case .sim(let sid):
                problem(nil, "<Dial><Sim>\(sid)</Sim> is not simulated; the dial ends at once", cause: cause)
            }
        }
        for index in legs.indices {
            await callStatusCallback(.initiated, session: &legs[index].session, cause: cause)
            await callStatusCallback(.ringing, session: &legs[index].session, cause: cause)
        }
        let dialled = legs.map { calls[$0.session.call].to }.joined(separator: ", ")
        let timeout = Double(dial.timeout)
        var status: String
        var duration = 0
        var connected: String?
        if legs.isEmpty {
            status = "failed"
        } else if let winner = legs.indices.filter({ legs[$0].rule.outcome == .answer && legs[$0].rule.ringTime <= timeout })
            .min(by: { legs[$0].rule.ringTime < legs[$1].rule.ringTime }) {
            let rang = await spend(legs[winner].rule.ringTime, session: &session)
            for index in legs.indices where index != winner {
                // A leg that was busy or failed before the winner answered keeps that status.
                let rule = legs[index].rule
                let over = rule.outcome != .answer && rule.outcome != .noAnswer && rule.ringTime <= legs[winner].rule.ringTime
                await finish(&legs[index].session, status: over ? Self.unansweredStatus(rule.outcome) : .canceled, cause: cause)
            }
            if rang {
                await answer(&legs[winner].session, cause: cause)
                connected = legs[winner].session.sid
                if let whisper = legs[winner].whisper { await playWhisper(whisper, to: &legs[winner].session, cause: cause) }
                let bridged = now
                _ = await spend(min(legs[winner].rule.talkTime, Double(dial.timeLimit)), session: &session)
                duration = Int((now - bridged).rounded())
                await finish(&legs[winner].session, status: .completed, cause: cause)
                status = "completed"
            } else {
                await finish(&legs[winner].session, status: .canceled, cause: cause)
                status = "canceled"
            }
        } else {
            let unanswered = legs.contains { $0.rule.outcome == .noAnswer || $0.rule.outcome == .answer }
            let waited = await spend(unanswered ? timeout : legs.map(\.rule.ringTime).max() ?? 0, session: &session)
            for index in legs.indices {
                await finish(&legs[index].session, status: waited ? Self.unansweredStatus(legs[index].rule.outcome) : .canceled,
                             cause: cause)
            }
            status = !waited ? "canceled" : unanswered ? "no-answer" : legs.contains { $0.rule.outcome == .busy } ? "busy" : "failed"
        }
        step(session, .verb(.dial), dialled, callerId: callerId, result: status)
        guard let action = dial.action else { return session.callerHungUp ? .hangUp : nil }
        var extra = [Parameter("DialCallStatus", status)]
        if let sid = connected ?? legs.first?.session.sid { extra.append(Parameter("DialCallSid", sid)) }
        extra += [Parameter("DialCallDuration", String(duration)), Parameter("DialBridged", connected == nil ? "false" : "true")]
        if dial.record != "do-not-record", dial.record != "false", connected != nil {
            let recording = sids.next(.recording).description
            extra += [Parameter("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/\(accountSid)/Recordings/\(recording)"),
                      Parameter("RecordingSid", recording), Parameter("RecordingDuration", String(duration))]
        }
        return .fetch(url: WebhookURL.resolve(action, against: documentURL), method: dial.method, extra: extra, purpose: .dialAction)
    }

    /// How a dial into a conference or a queue ends: its step, and its action (with
    /// `DialCallStatus=completed`, requested even when the caller hung up) or the next verb.
    private func room(_ name: String, _ dial: VoiceVerb.Dial, callerId: String, dequeued: String?, duration: Int, documentURL: String,
                      session: CallSession) -> CallContinuation? {
        step(session, .verb(.dial), name, callerId: callerId, result: "completed")
        guard let action = dial.action else { return session.callerHungUp ? .hangUp : nil }
        var extra = [Parameter("DialCallStatus", "completed")]
        if let dequeued { extra.append(Parameter("DialCallSid", dequeued)) }
        extra += [Parameter("DialCallDuration", String(duration)), Parameter("DialBridged", dequeued == nil ? "false" : "true")]
        return .fetch(url: WebhookURL.resolve(action, against: documentURL), method: dial.method, extra: extra, purpose: .dialAction)
    }

    /// Creates a child leg for a dialled party.
    private func ring(_ address: String, from callerId: String, leg: DialTarget.Leg, parent: CallSession,
                      documentURL: String) -> RingingLeg {
        let index = startCall(from: callerId, to: address, direction: "outbound-dial", parent: parent.sid, cause: parent.document).call
        let events = leg.statusCallbackEvents.compactMap(CallEvent.init(rawValue:))
        let session = CallSession(call: index, sid: calls[index].sid, from: callerId, to: address, script: CallerScript(), fallback: nil,
                                  statusCallback: leg.statusCallback.map {
                                      StatusCallbackTarget(url: WebhookURL.resolve($0, against: documentURL), method: leg.statusCallbackMethod,
                                                           events: events.isEmpty ? [.completed] : events)
                                  })
        return RingingLeg(session: session, rule: partyRule(for: address),
                          whisper: leg.url.map { (WebhookURL.resolve($0, against: documentURL), leg.method) })
    }

    /// The final status of a leg that was not answered.
    static func unansweredStatus(_ outcome: PartyOutcome) -> CallStatus {
        switch outcome {
        case .busy: return .busy
        case .failed: return .failed
        case .answer, .noAnswer: return .noAnswer
        }
    }

    /// What the scenario says this party does.
    func partyRule(for address: String) -> PartyRule {
        configuration.parties.first { $0.address == nil || $0.address == address } ?? PartyRule()
    }

    /// The `Number url` whisper: its TwiML is fetched on the callee's leg and its prompts play to
    /// the callee before the two are connected.
    private func playWhisper(_ whisper: (url: String, method: HTTPMethod), to session: inout CallSession, cause: Int) async {
        let request = WebhookRequest(url: whisper.url, method: whisper.method, parameters: callParameters(session.call), kind: .voice,
                                     event: session.sid, idempotencyToken: nextToken(), time: now)
        let (outcome, index) = await call(request, purpose: .whisper, fallback: nil, cause: cause)
        session.document = index
        for verb in outcome.document?.voiceVerbs() ?? [] {
            session.verbLine = verb.position.line
            if let name = verb.name { step(session, .verb(name), Self.promptText(verb)) }
            await advance(by: Self.duration(of: verb))
        }
    }
}
