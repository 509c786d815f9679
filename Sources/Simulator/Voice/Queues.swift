import Platform
import TwiML
import Webhooks

/// `<Enqueue>`, `<Leave>` and `<Dial><Queue>` (docs/scenarios.md, Conferences and queues): the
/// caller waits in a queue hearing the wait URL's TwiML until the queue's declared agent takes
/// them, that TwiML says `<Leave>`, or they hang up; an agent's `<Dial><Queue>` takes the first
/// of the callers the scenario declares waiting.
extension Voice {
    func enqueue(_ enqueue: VoiceVerb.Enqueue, documentURL: String, session: inout CallSession, cause: Int) async -> CallContinuation? {
        step(session, .verb(.enqueue), enqueue.queueName)
        let queue = queueSid(enqueue.queueName)
        let start = now
        let agent = configuration.queues.first { $0.name == enqueue.queueName }?.agent
        let taken = agent.map { start + $0.answersAfter } ?? .infinity
        var end = WaitEnd.deadline
        if let wait = enqueue.waitURL {
            end = await playWaitURL(WebhookURL.resolve(wait, against: documentURL), method: enqueue.waitURLMethod, until: taken,
                                    parameters: { [Parameter("QueuePosition", "1"), Parameter("QueueSid", queue),
                                                   Parameter("QueueTime", String(Int(self.now - start))),
                                                   Parameter("AvgQueueTime", "0"), Parameter("CurrentQueueSize", "1"),
                                                   Parameter("MaxQueueSize", "100")] },
                                    allowsLeave: true, nested: false, session: &session, cause: cause)
        } else {
            end = await spend(max(0, taken - now), session: &session) ? .deadline : .hungUp
        }
        var result: String
        var queueTime = Int(now - start)
        switch end {
        case .leave:
            result = "leave"
        case .hungUp:
            result = "hangup"
        case .deadline:
            if let agent, taken.isFinite {
                result = "bridged"
                step(session, .bridged, "taken from queue \(enqueue.queueName) by \(agent.number)", nested: true)
                queueTime = Int(now - start)
                if !(await spend(agent.talks, session: &session)) { result = "hangup" }
            } else {
                // Nobody takes callers from this queue: the caller waits until they hang up.
                _ = await stayUntilHangUp(&session)
                result = "hangup"
                queueTime = Int(now - start)
            }
        }
        let extra = [Parameter("QueueResult", result), Parameter("QueueSid", queue), Parameter("QueueTime", String(queueTime))]
        if let action = enqueue.action {
            return .fetch(url: WebhookURL.resolve(action, against: documentURL), method: enqueue.method, extra: extra, purpose: .enqueueAction)
        }
        return result == "leave" ? nil : .hangUp
    }

    /// An agent's `<Dial><Queue>`: the first caller waiting is taken; the noun's `url` TwiML plays
    /// to that caller before they are bridged; an empty queue keeps the agent waiting until they
    /// hang up. Returns the dequeued call and the seconds bridged.
    func dialQueue(name: String, url: String?, method: HTTPMethod, documentURL: String, timeLimit: Double, session: inout CallSession,
                   cause: Int) async -> (dequeued: String?, bridged: Int) {
        let waiting = configuration.queues.first { $0.name == name }?.waiting ?? []
        let taken = dequeued[name, default: 0]
        guard taken < waiting.count else {
            _ = await stayUntilHangUp(&session)
            return (nil, 0)
        }
        dequeued[name] = taken + 1
        let caller = waiting[taken]
        let callerSid = sids.next(.call).description
        if let url {
            let parameters = [
                Parameter("AccountSid", accountSid.description), Parameter("CallSid", callerSid), Parameter("From", caller.number),
                Parameter("QueueSid", queueSid(name)), Parameter("QueueTime", String(Int(caller.waited))),
                Parameter("DequeueingCallSid", session.sid), Parameter("ApiVersion", "2010-04-01"),
            ]
            let request = WebhookRequest(url: WebhookURL.resolve(url, against: documentURL), method: method, parameters: parameters,
                                         kind: .voice, event: callerSid, idempotencyToken: nextToken(), time: now)
            let (outcome, _) = await call(request, purpose: .queueURL, fallback: nil, cause: cause)
            let announcement = (outcome.document?.voiceVerbs() ?? []).reduce(0) { $0 + Self.duration(of: $1, once: true) }
            guard await spend(announcement, session: &session) else { return (callerSid, 0) }
        }
        let bridged = now
        _ = await spend(min(caller.talks, timeLimit), session: &session)
        return (callerSid, Int((now - bridged).rounded()))
    }

    /// The SID of a named queue, the same for every use in a scenario.
    private func queueSid(_ name: String) -> String {
        if let sid = queueSids[name] { return sid }
        let sid = sids.next(.queue).description
        queueSids[name] = sid
        return sid
    }
}
