import TwiML
import Webhooks

/// What a caller hears while they wait in a queue or for a conference: the wait URL's TwiML
/// (`<Say>`, `<Play>`, `<Pause>`, `<Redirect>`, and in a queue `<Leave>`), requested again each
/// time it has played, until a deadline.
extension Voice {
    /// How a wait ended.
    enum WaitEnd {
        case deadline
        /// The wait TwiML said `<Leave>` (queues only).
        case leave
        case hungUp
    }

    /// Plays the wait URL until `deadline`. `parameters` are the request's, asked anew for each
    /// request (a queue's position and time change); `nested` whether the prompts are the call's
    /// own verbs (a queue's) or nested under a `<Dial>` (a conference's).
    func playWaitURL(_ url: String, method: HTTPMethod, until deadline: Double, parameters: () -> [Parameter], allowsLeave: Bool,
                     nested: Bool, session: inout CallSession, cause: Int) async -> WaitEnd {
        var url = url
        var method = method
        // The steps of the wait documents are theirs; the caller's document resumes after.
        let (document, line) = (session.document, session.verbLine)
        defer { (session.document, session.verbLine) = (document, line) }
        while now < deadline, session.documents < Self.maximumCallDocuments {
            session.documents += 1
            let request = WebhookRequest(url: url, method: method, parameters: callParameters(session.call) + parameters(), kind: .voice,
                                         event: session.sid, idempotencyToken: nextToken(), cookiePair: (session.sid, "call"), time: now)
            let (outcome, index) = await call(request, purpose: .waitURL, fallback: nil, cause: cause)
            let started = now
            var redirected = false
            session.document = index
            verbs: for verb in outcome.document?.voiceVerbs() ?? [] where now < deadline {
                session.verbLine = verb.position.line
                switch verb {
                case .leave where allowsLeave:
                    step(session, .verb(.leave), "", nested: nested)
                    return .leave
                case .redirect(let redirect):
                    url = WebhookURL.resolve(redirect.url, against: outcome.finalURL)
                    method = redirect.method
                    redirected = true
                    break verbs
                case .play(let play) where play.digits == nil:
                    if await world.fetchAudio(play, documentURL: outcome.finalURL, session: session, cause: index) != nil { continue }
                    fallthrough
                case .say, .play, .pause:
                    let text = Self.promptText(verb)
                    if case .pause(let pause) = verb {
                        step(session, .verb(.pause), "\(pause.length) s", nested: nested)
                    } else if !text.isEmpty, let name = verb.name {
                        step(session, .verb(name), text, nested: nested)
                    }
                    guard await spend(min(Self.duration(of: verb), deadline - now), session: &session) else { return .hungUp }
                default:
                    continue
                }
            }
            // A wait document that takes no time is not requested again and again: the caller waits in silence.
            if now == started, !redirected { break }
        }
        return await spend(max(0, deadline - now), session: &session) ? .deadline : .hungUp
    }
}
