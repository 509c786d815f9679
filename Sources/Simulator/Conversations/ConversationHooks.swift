import Foundation
import Platform
import Traffic
import TwiML
import Webhooks

/// Where a Conversations action comes from, which decides whether webhooks fire: the SDK of a
/// chat user and SMS participants always; the REST API only with `X-Twilio-Webhook-Enabled:
/// true`; the platform itself (timers, delivery receipts) always.
public enum ChatOrigin: Sendable, Equatable {
    case sdk(identity: String)
    case api(webhooksEnabled: Bool)
    case sms
    case platform

    var firesWebhooks: Bool {
        if case .api(let enabled) = self { return enabled }
        return true
    }

    /// The `Source` parameter of the webhooks.
    var source: String {
        switch self {
        case .sdk: "SDK"
        case .api: "API"
        case .sms: "SMS"
        case .platform: "API"
        }
    }
}

/// What a pre-event webhook allowed: the fields its JSON answer changed (camelCase names:
/// `body`, `author` …), and the timeline entry the action follows.
struct PreEventGrant {
    let changes: [String: String]
    let cause: Int?
}

/// The webhooks of Conversations (shared/reference §7): pre-event hooks wait for the answer and
/// may change or block the action; post-event hooks follow it. Each fires where its event is in
/// the filters of the level serving the conversation: the service's own webhooks, else the
/// account-level ones for the default service; conversation-scoped webhooks hear the post events.
extension Conversations {
    /// The level that serves a service's conversations.
    func targets(ofService serviceSid: String) -> ConversationWebhookTargets? {
        guard let service = services.first(where: { $0.sid == serviceSid }) else { return nil }
        if service.webhooks.isSet { return service.webhooks }
        return service.isDefault && accountWebhooks.isSet ? accountWebhooks : nil
    }

    /// Asks the pre-event webhook, if one listens for `event`: what it changed, and the entry the
    /// action follows (the webhook's, or `cause`). A blocked action is recorded (`detail` says
    /// what it was) and thrown as the error its REST request gets.
    func preEvent(_ event: String, conversation index: Int?, serviceSid: String, parameters: [Parameter], origin: ChatOrigin,
                  resource: String, detail: String, cause: Int?) async throws(PlatformError) -> PreEventGrant {
        guard origin.firesWebhooks, let targets = targets(ofService: serviceSid), let url = targets.preWebhookURL,
              targets.filters.contains(event) else { return PreEventGrant(changes: [:], cause: cause) }
        let request = WebhookRequest(url: url, method: targets.method, parameters: common(event, serviceSid: serviceSid, origin: origin) + parameters,
                                     kind: .conversationPreEvent, event: resource, idempotencyToken: nextToken(), time: now)
        let (outcome, asked) = await call(request, purpose: .conversationPreEvent, fallback: nil, cause: cause)
        switch outcome.result {
        case .failure(let failure):
            record(event, conversation: index, resource: resource, detail: detail, blocked: failure, cause: asked)
            throw PlatformError(failure.code, "the pre-event webhook (\(event)) rejected the action: \(failure.message)")
        case .success(.json(let body)):
            return PreEventGrant(changes: Self.changes(in: body), cause: asked)
        case .success:
            return PreEventGrant(changes: [:], cause: asked)
        }
    }

    /// Sends the post event to the level serving the conversation, and to its scoped webhooks.
    func postEvent(_ event: String, conversation index: Int?, serviceSid: String? = nil, parameters: [Parameter], origin: ChatOrigin,
                   cause: Int?, messageBody: String? = nil) async {
        guard origin.firesWebhooks else { return }
        let service = serviceSid ?? index.map { conversations[$0].serviceSid } ?? defaultService.sid
        let resource = index.map { conversations[$0].sid } ?? service
        let parameters = common(event, serviceSid: service, origin: origin) + parameters + [Parameter("RetryCount", "0")]
        if let targets = targets(ofService: service), let url = targets.postWebhookURL, targets.filters.contains(event) {
            let request = WebhookRequest(url: url, method: targets.method, parameters: parameters, kind: .conversationEvent,
                                         event: resource, idempotencyToken: nextToken(), time: now)
            _ = await call(request, purpose: .conversationPostEvent, fallback: nil, cause: cause)
        }
        guard let index else { return }
        for webhook in conversations[index].webhooks where Self.hears(webhook.declaration, event: event, body: messageBody) {
            await callScoped(webhook, parameters: parameters, resource: resource, cause: cause)
        }
    }

    func callScoped(_ webhook: ChatWebhook, parameters: [Parameter], resource: String, cause: Int?) async {
        guard let url = webhook.declaration.url else { return }
        let method: HTTPMethod = webhook.declaration.method.lowercased() == "get" ? .get : .post
        let request = WebhookRequest(url: url, method: method, parameters: parameters + [Parameter("WebhookSid", webhook.sid)],
                                     kind: .conversationEvent, event: resource, idempotencyToken: nextToken(), time: now)
        _ = await call(request, purpose: .conversationScoped, fallback: nil, cause: cause)
    }

    /// Whether a scoped webhook hears this post event: a `webhook` target when its filters list
    /// it; a `trigger` target when a message's body has one of its keywords as a word.
    static func hears(_ webhook: ChatWebhookDeclaration, event: String, body: String?) -> Bool {
        switch webhook.target {
        case "webhook":
            return webhook.filters.contains(event)
        case "trigger":
            guard event == "onMessageAdded", let body else { return false }
            let words = Set(body.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
            return webhook.triggers.contains { words.contains($0.lowercased()) }
        default:
            return false
        }
    }

    /// The parameters every Conversations webhook carries.
    private func common(_ event: String, serviceSid: String, origin: ChatOrigin) -> [Parameter] {
        var parameters = [Parameter("EventType", event), Parameter("AccountSid", accountSid.description),
                          Parameter("ChatServiceSid", serviceSid), Parameter("Source", origin.source)]
        if case .sdk(let identity) = origin { parameters.append(Parameter("ClientIdentity", identity)) }
        return parameters
    }

    /// A pre-event webhook's JSON answer as field changes: strings as they are, anything else
    /// (an `attributes` object) as its JSON text.
    static func changes(in body: [UInt8]) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return [:] }
        var changes: [String: String] = [:]
        for (key, value) in object {
            if let text = value as? String {
                changes[key] = text
            } else if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                changes[key] = String(decoding: data, as: UTF8.self)
            }
        }
        return changes
    }

    /// Records an action (or a blocked one) on the timeline, with the conversation's state after
    /// it and, for a message, the message as it stands.
    @discardableResult
    func record(_ event: String, conversation index: Int?, resource: String, detail: String, message: ChatMessage? = nil,
                blocked: WebhookFailure? = nil, cause: Int?) -> Int {
        let conversation = index.map { conversations[$0] }
        let summary = message.map { ConversationEvent.Message(sid: $0.sid, index: $0.index, author: $0.author, body: $0.body ?? "") }
        let entry = ConversationEvent(event: event, conversationSid: conversation?.sid, uniqueName: conversation?.uniqueName,
                                      state: conversation?.state, resourceSid: resource, detail: detail, message: summary,
                                      blockedCode: blocked?.code)
        return timeline.append(.conversation(entry), at: now, cause: cause)
    }

    // MARK: Parameters of each resource

    func conversationParameters(_ index: Int) -> [Parameter] {
        let conversation = conversations[index]
        var parameters = [Parameter("ConversationSid", conversation.sid), Parameter("Attributes", conversation.attributes),
                          Parameter("State", conversation.state.rawValue), Parameter("DateCreated", CivilTime.iso8601(conversation.dateCreated))]
        if let name = conversation.friendlyName { parameters.append(Parameter("FriendlyName", name)) }
        if let name = conversation.uniqueName { parameters.append(Parameter("UniqueName", name)) }
        if let service = conversation.messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", service)) }
        return parameters
    }

    func participantParameters(_ participant: ChatParticipant, conversation index: Int) -> [Parameter] {
        var parameters = [Parameter("ConversationSid", conversations[index].sid), Parameter("ParticipantSid", participant.sid),
                          Parameter("Attributes", participant.attributes), Parameter("DateCreated", CivilTime.iso8601(participant.dateCreated))]
        if let identity = participant.identity { parameters.append(Parameter("Identity", identity)) }
        if let address = participant.address { parameters.append(Parameter("MessagingBinding.Address", address)) }
        if let proxy = participant.proxyAddress { parameters.append(Parameter("MessagingBinding.ProxyAddress", proxy)) }
        if let role = participant.roleSid { parameters.append(Parameter("RoleSid", role)) }
        return parameters
    }

    func messageParameters(_ message: ChatMessage, conversation index: Int) -> [Parameter] {
        var parameters = [Parameter("ConversationSid", conversations[index].sid), Parameter("MessageSid", message.sid),
                          Parameter("Index", String(message.index)), Parameter("Author", message.author),
                          Parameter("Body", message.body ?? ""), Parameter("Attributes", message.attributes),
                          Parameter("DateCreated", CivilTime.iso8601(message.dateCreated))]
        if let participant = message.participantSid { parameters.append(Parameter("ParticipantSid", participant)) }
        if let service = conversations[index].messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", service)) }
        if !message.media.isEmpty {
            let media = message.media.map { JSONWriter.object([("sid", $0.sid), ("url", $0.url)]) }
            parameters.append(Parameter("Media", "[" + media.joined(separator: ",") + "]"))
        }
        return parameters
    }
}
