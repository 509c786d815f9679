import Platform
import TwiML
import Webhooks

/// Runs a call's Voice TwiML verb by verb on the virtual clock (shared/reference §4.3): verbs
/// take time, input verbs ask the caller's script, `action` and `<Redirect>` move to another
/// document, the end of a document hangs up.
extension Voice {
    /// Fetches a document for the call and runs it, then each document it leads to, until the
    /// call ends; then the call is completed (or keeps the status a `<Reject>` gave it).
    func runCall(fetching url: String, method: HTTPMethod, extra: [Parameter], purpose: WebhookPurpose, session: inout CallSession,
                 cause: Int) async {
        var next = CallContinuation.fetch(url: url, method: method, extra: extra, purpose: purpose)
        var cause = cause
        while case .fetch(let url, let method, let extra, let purpose) = next {
            session.documents += 1
            // An action requested after the caller hung up reports the call as completed.
            if session.callerHungUp { close(session.call, status: .completed, cause: cause) }
            guard session.documents <= Self.maximumCallDocuments else {
                problem(nil, "the call fetched more than \(Self.maximumCallDocuments) documents; Switchboard hangs it up", cause: cause)
                break
            }
            let request = WebhookRequest(url: url, method: method, parameters: callParameters(session.call) + extra, kind: .voice,
                                         event: session.sid, idempotencyToken: nextToken(), cookiePair: (session.sid, "call"), time: now)
            let (outcome, index) = await call(request, purpose: purpose, fallback: session.fallback, cause: cause)
            cause = index
            // After the caller hung up an action is still requested (a recording's, a dial's); its answer is not run.
            if session.callerHungUp { break }
            // The app changed the call through the API while this document was being fetched: that wins.
            if let changed = await takeUpdate(&session, cause: index) {
                next = changed
                continue
            }
            next = await run(outcome, session: &session, cause: index)
        }
        await finish(&session, status: .completed, cause: cause)
    }

    /// Runs a document already fetched (an out-of-session answer), then what it leads to.
    func continueCall(with outcome: DeliveryOutcome, session: inout CallSession, cause: Int) async {
        let next = await run(outcome, session: &session, cause: cause)
        if case .fetch(let url, let method, let extra, let purpose) = next, !session.callerHungUp {
            await runCall(fetching: url, method: method, extra: extra, purpose: purpose, session: &session, cause: cause)
        } else {
            await finish(&session, status: .completed, cause: cause)
        }
    }

    /// Runs what a voice webhook answered; a failure is the platform's application error.
    func run(_ outcome: DeliveryOutcome, session: inout CallSession, cause: Int) async -> CallContinuation {
        session.document = cause
        guard let document = outcome.document else {
            await answer(&session, cause: cause)
            step(session, .verb(.say), "An application error has occurred. Goodbye.", byPlatform: true)
            _ = await spend(3, session: &session)
            return .hangUp
        }
        return await execute(document.voiceVerbs(), documentURL: outcome.finalURL, session: &session, cause: cause)
    }

    /// Executes verbs top to bottom.
    func execute(_ verbs: [VoiceVerb], documentURL: String, session: inout CallSession, cause: Int) async -> CallContinuation {
        for (position, verb) in verbs.enumerated() {
            if let changed = await takeUpdate(&session, cause: cause) { return changed }
            // A verb that waited (a conference's wait URL) ran other documents meanwhile.
            session.document = cause
            session.verbLine = verb.position.line
            if case .reject(let reject) = verb, position == 0, calls[session.call].answered == nil {
                step(session, .verb(.reject), reject.reason)
                await finish(&session, status: reject.reason == "busy" ? .busy : .noAnswer, cause: cause)
                return .hangUp
            }
            await answer(&session, cause: cause)
            switch verb {
            case .say(let say):
                step(session, .verb(.say), say.text)
                session.heard += " " + say.text
                guard await spend(Self.duration(of: verb), session: &session) else { return .hangUp }
            case .play(let play):
                if play.digits == nil, let code = await world.fetchAudio(play, documentURL: documentURL, session: session, cause: cause) {
                    step(session, .verb(.play), play.url, result: "not played: \(code.code)")
                    continue
                }
                step(session, .verb(.play), play.digits.map { "digits \($0)" } ?? play.url)
                session.heard += " " + play.url
                guard await spend(Self.duration(of: verb), session: &session) else { return .hangUp }
            case .pause(let pause):
                step(session, .verb(.pause), "\(pause.length) s")
                guard await spend(Double(pause.length), session: &session) else { return .hangUp }
            case .gather(let gather):
                if let next = await self.gather(gather, documentURL: documentURL, session: &session, cause: cause) { return next }
            case .record(let record):
                if let next = await self.record(record, documentURL: documentURL, session: &session, cause: cause) { return next }
            case .dial(let dial):
                if let next = await self.dial(dial, documentURL: documentURL, session: &session, cause: cause) { return next }
            case .enqueue(let enqueue):
                if let next = await self.enqueue(enqueue, documentURL: documentURL, session: &session, cause: cause) { return next }
            case .redirect(let redirect):
                step(session, .verb(.redirect), redirect.url)
                return .fetch(url: WebhookURL.resolve(redirect.url, against: documentURL), method: redirect.method, extra: [],
                              purpose: .redirect)
            case .hangup:
                step(session, .verb(.hangup), "")
                return .hangUp
            case .reject(let reject):
                step(session, .verb(.reject), reject.reason)
                problem(nil, "<Reject> is only honoured as the first verb of an unanswered call; here it hangs up", cause: cause)
                return .hangUp
            case .leave:
                step(session, .verb(.leave), "not in a queue")
            case .refer(let refer):
                step(session, .verb(.refer), refer.target)
                return .hangUp
            case .sms(let message):
                step(session, .verb(.sms), message.body)
                messaging.createMessage(from: message.from ?? session.to, to: message.to ?? session.from, body: message.body, mediaURLs: [],
                              service: nil, statusCallback: message.statusCallback.map { WebhookURL.resolve($0, against: documentURL) },
                              isReply: false, cause: cause)
            case .other(let element):
                if let name = verb.name { step(session, .verb(name), "not simulated") }
                problem(nil, "<\(element.name)> is not simulated; the call goes on with the next verb", cause: cause)
            }
            if session.callerHungUp { return .hangUp }
            let name = verb.name?.rawValue
            if let after = session.script.hangUpAfterVerb, after == name {
                session.callerHungUp = true
                step(session, .callerHungUp, "the caller hung up after <\(after)>")
                return .hangUp
            }
        }
        return .hangUp
    }

    /// Lets the call's time pass; false when the caller hangs up (or the call reaches its
    /// length limit) first.
    func spend(_ seconds: Double, session: inout CallSession) async -> Bool {
        let target = now + max(0, seconds)
        let limit = min(session.hangUpAt ?? .infinity, calls[session.call].created + Self.maximumCallLength)
        guard target > limit else {
            await advance(by: target - now)
            return true
        }
        await advance(by: max(0, limit - now))
        session.callerHungUp = true
        step(session, .callerHungUp, session.hangUpAt == limit ? "the caller hung up" : "the call reached 4 hours")
        return false
    }

    /// Keeps the caller on the line where nobody ends the call for them (a conference, a queue)
    /// until they hang up, or the call reaches its length limit; false, as the caller is gone.
    func stayUntilHangUp(_ session: inout CallSession) async -> Bool {
        let limit = min(session.hangUpAt ?? .infinity, calls[session.call].created + Self.maximumCallLength)
        await advance(by: max(0, limit - now))
        session.callerHungUp = true
        step(session, .callerHungUp, limit == session.hangUpAt ? "the caller hung up" : "the call reached 4 hours")
        return false
    }

    /// Records a step of the call on the timeline, caused by the document that runs (the verb's
    /// line in it is the session's `verbLine`, except for the platform's own words).
    func step(_ session: CallSession, _ action: CallStep.Action, _ detail: String, callerId: String? = nil, result: String? = nil,
              nested: Bool = false, byPlatform: Bool = false) {
        let step = CallStep(action: action, detail: detail, callerId: callerId, result: result, nested: nested, byPlatform: byPlatform,
                            line: byPlatform || action == .callerHungUp ? nil : session.verbLine, time: now)
        timeline.append(.callStep(sid: session.sid, step), at: now, cause: session.document)
    }

    /// Virtual seconds a prompt takes: speech at 15 characters a second, 5 s of audio, half a
    /// second a DTMF digit; `loop="0"` repeats a thousand times (until input or hang-up), or
    /// once with `once`.
    static func duration(of verb: VoiceVerb, once: Bool = false) -> Double {
        func loops(_ loop: Int) -> Double { loop == 0 ? (once ? 1 : 1_000) : Double(loop) }
        switch verb {
        case .say(let say):
            return Double(max(1, (say.text.count + 14) / 15)) * loops(say.loop)
        case .play(let play):
            if let digits = play.digits { return Double(digits.count) * 0.5 }
            return 5 * loops(play.loop)
        case .pause(let pause):
            return Double(pause.length)
        default:
            return 0
        }
    }
}
