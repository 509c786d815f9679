import Foundation
import Platform
import Webhooks

/// Messages to a pool number from someone without an open session with it: the
/// out-of-session callback answers with TwiML (executed as a reply) or with JSON that creates
/// a session in which the message proceeds (shared/reference §6.4).
extension Proxy {
    func outOfSession(_ inbound: InboundMessage, service: Int, cause: Int) async {
        let configuration = registry.services[service].configuration
        guard let url = configuration.outOfSessionCallbackURL else {
            problem(nil, "\(inbound.from) has no open session with \(inbound.to) and Proxy Service '\(configuration.uniqueName)' "
                    + "has no out_of_session_callback_url; the message is dropped", cause: cause)
            return
        }
        let parameters = messaging.incomingParameters(inbound, messagingServiceSid: nil)
        let request = WebhookRequest(url: url, parameters: parameters, kind: .decision, event: inbound.sid,
                                     idempotencyToken: nextToken(), time: now)
        guard let (outcome, called) = await askOutOfSession(request, sender: inbound.from, number: inbound.to, inboundResource: inbound.sid,
                                                            content: .message(body: inbound.body, mediaURLs: inbound.mediaURLs),
                                                            service: service, cause: cause) else { return }
        var session = Messaging.ReplySession(inbound: inbound, service: nil, parameters: parameters)
        await messaging.execute(outcome, session: &session, cause: called)
    }

    /// Calls the out-of-session callback. A failure is 80913; JSON creates a session in which the
    /// message or call proceeds. Returns the answer when it is TwiML, for the caller to run.
    func askOutOfSession(_ request: WebhookRequest, sender: String, number: String, inboundResource: String, content: InteractionContent,
                         service: Int, cause: Int) async -> (outcome: DeliveryOutcome, index: Int)? {
        let (outcome, called) = await call(request, purpose: .outOfSessionCallback, fallback: nil, cause: cause)
        let lost = content.type == .voice ? "the call is not answered" : "the message is dropped"
        switch outcome.result {
        case .failure(let failure):
            problem(80913, "the out-of-session callback failed (\(failure.code.code) \(failure.message)); \(lost)", cause: called)
        case .success(.json(let body)):
            switch AutoCreatedSession.read(body) {
            case .failure(let error):
                problem(80913, "the out-of-session callback's JSON cannot create a session: \(error.message); \(lost)", cause: called)
            case .success(let request):
                await autoCreate(request, sender: sender, number: number, inboundResource: inboundResource, content: content,
                                 service: service, cause: called)
            }
        case .success:
            return (outcome, called)
        }
        return nil
    }

    /// Creates the session the JSON asks for, the sender (or caller) first with the number they
    /// reached, and lets the message or call proceed in it.
    func autoCreate(_ request: AutoCreatedSession, sender: String, number: String, inboundResource: String, content: InteractionContent,
                    service: Int, cause: Int) async {
        var specification = ProxySessionSpecification(uniqueName: request.uniqueName)
        let voiceCapable = registry.services[service].pool.entries.first { $0.configuration.number == number }?
            .configuration.capabilities.contains(.voice) ?? false
        specification.mode = request.mode ?? (voiceCapable ? .voiceAndMessage : .messageOnly)
        specification.ttl = request.ttl
        specification.dateExpiry = request.dateExpiry
        specification.participants = [
            ProxyParticipantSpecification(identifier: sender, proxyIdentifier: number),
            ProxyParticipantSpecification(identifier: request.participantIdentifier, friendlyName: request.participantFriendlyName,
                                          proxyIdentifier: request.participantProxyIdentifier),
        ]
        guard let index = createSession(specification, inServiceAt: service, cause: cause), registry.sessions[index].status.isActive,
              let participant = registry.sessions[index].participant(sender) else { return }
        await interact(inSessionAt: index, from: participant, inboundResource: inboundResource, content: content, cause: cause)
    }
}

/// The auto-create session JSON of an out-of-session answer.
struct AutoCreatedSession {
    let participantIdentifier: String
    var uniqueName: String?
    var mode: ProxySessionMode?
    var ttl: Double?
    var dateExpiry: Double?
    var participantProxyIdentifier: String?
    var participantFriendlyName: String?

    /// Reads the JSON; numbers may be written as strings, as form-minded apps do.
    static func read(_ body: [UInt8]) -> Result<AutoCreatedSession, PlatformError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)), let fields = object as? [String: Any] else {
            return .failure(PlatformError(80913, "the body is not a JSON object"))
        }
        func text(_ key: String) -> String? {
            if let value = fields[key] as? String { return value }
            if let value = fields[key] as? NSNumber { return value.stringValue }
            return nil
        }
        guard let identifier = text("participantIdentifier"), !identifier.isEmpty else {
            return .failure(PlatformError(80913, "participantIdentifier is required"))
        }
        var session = AutoCreatedSession(participantIdentifier: identifier)
        session.uniqueName = text("uniqueName")
        if let mode = text("mode") {
            guard let value = ProxySessionMode(rawValue: mode) else {
                return .failure(PlatformError(80913, "mode '\(mode)' is not message-only, voice-only or voice-and-message"))
            }
            session.mode = value
        }
        if let ttl = text("ttl") {
            guard let seconds = Double(ttl), seconds >= 0 else { return .failure(PlatformError(80913, "ttl '\(ttl)' is not a number of seconds")) }
            session.ttl = seconds
        }
        if let date = text("dateExpiry") {
            guard let parsed = ISO8601DateFormatter().date(from: date) else {
                return .failure(PlatformError(80913, "dateExpiry '\(date)' is not an ISO 8601 date"))
            }
            session.dateExpiry = parsed.timeIntervalSince1970
        }
        session.participantProxyIdentifier = text("participantProxyIdentifier")
        session.participantFriendlyName = text("participantFriendlyName")
        return .success(session)
    }
}
