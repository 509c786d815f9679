import Foundation
import Platform
import TwiML
import Webhooks

/// Incoming SMS/MMS: routing to the service's or the number's webhook, the fallback, and the
/// reply session that executes the TwiML (shared/reference/twilio-behaviour.md §1, §3).
extension Messaging {
    /// The platform's limits on one message-reply session.
    static let maximumReplies = 10
    static let maximumDocuments = 50

    /// A handset sends a message to one of the account's numbers.
    /// `parameters` replace (or join) the webhook's own, as a scenario's `params:` do.
    func receive(from: String, to: String, body: String, mediaURLs: [String], parameters: [Parameter]) async {
        let sid = sids.next(mediaURLs.isEmpty ? .message : .mediaMessage).description
        let inbound = InboundMessage(sid: sid, from: from, to: to, body: body, mediaURLs: mediaURLs, parameterOverrides: parameters)
        let cause = timeline.append(.inboundMessage(inbound), at: now, cause: nil)
        recordOptOut(from: from, to: to, body: body)
        if let (conversation, participant) = conversations.binding(from: from, to: to) {
            await conversations.receiveSMS(inbound, conversation: conversation, participant: participant, cause: cause)
            return
        }
        if let service = proxy.registry.numberOwners[to] {
            await proxy.receiveProxyMessage(inbound, service: service, cause: cause)
            return
        }
        guard let number = configuration.numbers.first(where: { $0.number == to }) else {
            problem(21606, "\(to) is not a number of this account; the message is dropped", cause: cause)
            return
        }
        let service = configuration.messagingServices.first { $0.senders.contains(to) }
        let route: (url: String?, method: HTTPMethod, fallback: (url: String, method: HTTPMethod)?)
        if let service, !(service.useInboundWebhookOnNumber && number.smsURL != nil) {
            route = (service.inboundRequestURL, service.inboundMethod, service.fallbackURL.map { ($0, service.fallbackMethod) })
        } else {
            route = (number.smsURL, number.smsMethod, number.smsFallbackURL.map { ($0, number.smsFallbackMethod) })
        }
        guard let url = route.url else {
            let owner = service.map { "Messaging Service '\($0.name)' has no inbound_request_url" } ?? "\(to) has no SMS URL"
            problem(nil, "inbound receiving is disabled: \(owner); the message is dropped", cause: cause)
            return
        }
        let parameters = incomingParameters(inbound, messagingServiceSid: service.flatMap { SID($0.sid) })
        let request = WebhookRequest(url: url, method: route.method, parameters: parameters, kind: .incomingMessage, event: sid,
                                     idempotencyToken: nextToken(), cookiePair: (from, to), time: now)
        let (outcome, index) = await call(request, purpose: .incomingMessage, fallback: route.fallback, cause: cause)
        var session = ReplySession(inbound: inbound, service: service, parameters: parameters)
        await execute(outcome, session: &session, cause: index)
    }

    /// The platform's default opt-out and opt-in keywords: after STOP the number may not text
    /// the handset (21610) until it texts START.
    static let optOutKeywords: Set<String> = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]
    static let optInKeywords: Set<String> = ["START", "YES", "UNSTOP"]

    private func recordOptOut(from: String, to: String, body: String) {
        let keyword = body.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if Self.optOutKeywords.contains(keyword) { optedOut.insert(from + "|" + to) }
        if Self.optInKeywords.contains(keyword) { optedOut.remove(from + "|" + to) }
    }

    /// The incoming-message webhook's parameters, with the scenario's overrides in place.
    func incomingParameters(_ inbound: InboundMessage, messagingServiceSid: SID?) -> [Parameter] {
        let parameters = WebhookParameters.incomingMessage(
            accountSid: accountSid, messageSid: SID(inbound.sid)!, from: inbound.from, to: inbound.to, body: inbound.body,
            media: inbound.mediaURLs.map { ($0, Self.contentType(of: $0)) }, numSegments: Segments.count(inbound.body),
            messagingServiceSid: messagingServiceSid)
        return WebhookParameters.overriding(parameters, with: inbound.parameterOverrides)
    }

    /// The state of one message-reply session: the inbound message, replies and documents so far.
    struct ReplySession {
        let inbound: InboundMessage
        let service: MessagingServiceConfiguration?
        let parameters: [Parameter]
        var replies = 0
        var documents = 1
    }

    /// Executes what a webhook answered: TwiML verbs top to bottom, a plain-text reply, or nothing.
    func execute(_ outcome: DeliveryOutcome, session: inout ReplySession, cause: Int) async {
        switch outcome.result {
        case .failure(let failure):
            problem(failure.code, "\(failure.message) (\(failure.url)); no reply is sent", cause: cause)
        case .success(.empty), .success(.json), .success(.blocked), .success(.recordedTwiML):
            return
        case .success(.text(let text)):
            await reply(body: text, media: [], to: nil, from: nil, statusCallback: nil, documentURL: outcome.finalURL, session: &session,
                        cause: cause)
        case .success(.twiml(let document, _)):
            for verb in document.messagingVerbs() {
                switch verb {
                case .message(let message):
                    let callback = (message.action ?? message.statusCallback).map { WebhookURL.resolve($0, against: outcome.finalURL) }
                    guard await reply(body: message.body, media: message.mediaURLs, to: message.to, from: message.from,
                                      statusCallback: callback, documentURL: outcome.finalURL, session: &session, cause: cause) else { return }
                case .redirect(let redirect):
                    session.documents += 1
                    guard session.documents <= Self.maximumDocuments else {
                        problem(14106, "the reply session fetched more than \(Self.maximumDocuments) documents", cause: cause)
                        return
                    }
                    let url = WebhookURL.resolve(redirect.url, against: outcome.finalURL)
                    let request = WebhookRequest(url: url, method: redirect.method, parameters: session.parameters,
                                                 kind: .messagingRedirect, event: session.inbound.sid, idempotencyToken: nextToken(),
                                                 cookiePair: (session.inbound.from, session.inbound.to), time: now)
                    let (next, index) = await call(request, purpose: .redirect, fallback: nil, cause: cause)
                    await execute(next, session: &session, cause: index)
                    return
                }
            }
        }
    }

    /// Sends one reply of the session; false once the session's reply limit is passed.
    @discardableResult
    private func reply(body: String, media: [String], to: String?, from: String?, statusCallback: String?, documentURL: String,
                       session: inout ReplySession, cause: Int) async -> Bool {
        session.replies += 1
        guard session.replies <= Self.maximumReplies else {
            problem(14109, "more than \(Self.maximumReplies) replies to one inbound message; the rest are not sent", cause: cause)
            return false
        }
        let sender = from ?? session.inbound.to
        let mediaFailure = await world.fetchMedia(media.map { WebhookURL.resolve($0, against: documentURL) }, event: session.inbound.sid,
                                            cause: cause)
        createMessage(from: sender, to: to.map { Self.international($0, sender: sender) } ?? session.inbound.from, body: body, mediaURLs: media,
                      service: session.service, statusCallback: statusCallback ?? session.service?.statusCallback,
                      isReply: true, mediaFailure: mediaFailure, cause: cause)
        return true
    }

    /// A `<Message to>` written without `+` gets the sender's country code (a national trunk
    /// `0` dropped); E.164 numbers and channel addresses (`whatsapp:+1…`) stay as written.
    static func international(_ recipient: String, sender: String) -> String {
        let digits = recipient.filter { !" -.()".contains($0) }
        guard !digits.hasPrefix("+"), !digits.isEmpty, digits.allSatisfy(\.isNumber),
              let code = PhoneNumber(sender)?.callingCode else { return recipient }
        let national = digits.hasPrefix("0") ? String(digits.dropFirst()) : digits
        return national.hasPrefix(code) && code == "1" && national.count == 11 ? "+" + national : "+" + code + national
    }

    static func contentType(of url: String) -> String {
        let lowered = url.lowercased()
        for (suffix, type) in [(".png", "image/png"), (".gif", "image/gif"), (".mp4", "video/mp4"), (".pdf", "application/pdf"),
                               (".mp3", "audio/mpeg"), (".vcf", "text/vcard")] where lowered.hasSuffix(suffix) {
            return type
        }
        return "image/jpeg"
    }
}
