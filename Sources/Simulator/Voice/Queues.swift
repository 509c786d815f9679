import Platform
import TwiML
import Webhooks

/// `<Enqueue>` and `<Leave>`: the caller waits in a queue, hearing the wait URL's TwiML, until
/// that TwiML says `<Leave>` or the caller hangs up; the action gets `QueueResult`.
extension World {
    func enqueue(_ enqueue: VoiceVerb.Enqueue, documentURL: String, session: inout CallSession, cause: Int) async -> CallContinuation? {
        step(session, "Enqueue", enqueue.queueName)
        let queue = sids.next(.queue).description
        let start = now
        var result = "hangup"
        if let wait = enqueue.waitURL {
            let parameters = callParameters(session.call) + [
                Parameter("QueuePosition", "1"), Parameter("QueueSid", queue), Parameter("QueueTime", "0"), Parameter("AvgQueueTime", "0"),
                Parameter("CurrentQueueSize", "1"), Parameter("MaxQueueSize", "100"),
            ]
            let request = WebhookRequest(url: WebhookURL.resolve(wait, against: documentURL), method: enqueue.waitURLMethod,
                                         parameters: parameters, kind: .voice, event: session.sid, idempotencyToken: nextToken(), time: now)
            let (outcome, _) = await call(request, purpose: "wait-url", fallback: nil, cause: cause)
            for verb in outcome.document?.voiceVerbs() ?? [] {
                if case .leave = verb {
                    step(session, "Leave", enqueue.queueName)
                    result = "leave"
                    break
                }
                let text = Self.promptText(verb)
                if !text.isEmpty { step(session, Self.promptName(verb), text) }
                guard await spend(Self.duration(of: verb), session: &session) else { break }
            }
        }
        if result != "leave", !session.callerHungUp {
            // Nobody dequeues callers in the simulation: the caller waits until they hang up.
            if let hangUpAt = session.hangUpAt { _ = await spend(hangUpAt - now, session: &session) }
            session.callerHungUp = true
        }
        let extra = [Parameter("QueueResult", result), Parameter("QueueSid", queue), Parameter("QueueTime", String(Int(now - start)))]
        if let action = enqueue.action {
            return .fetch(url: WebhookURL.resolve(action, against: documentURL), method: enqueue.method, extra: extra, purpose: "enqueue-action")
        }
        return result == "leave" ? nil : .hangUp
    }
}
