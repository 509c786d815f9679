import Foundation
import Platform
import Simulator
import TwiML

/// Reads the Conversations parts of a scenario (docs/scenarios.md, Conversations): the
/// account-level webhooks, services, conversations with their participants and scoped webhooks,
/// the `chat` and `conversation_update` steps and the `conversation` expectation.
enum ConversationsReader {
    static let topLevelKeys = ["conversation_webhooks", "conversation_services", "conversations"]
    static let stepKinds = ["chat", "conversation_update"]
    static let webhookKeys = ["pre_webhook_url", "post_webhook_url", "method", "filters"]
    /// The events the filters may name (shared/reference §7.2).
    static let events: Set<String> = [
        "onMessageAdd", "onMessageAdded", "onMessageUpdate", "onMessageUpdated", "onMessageRemove", "onMessageRemoved",
        "onConversationAdd", "onConversationAdded", "onConversationUpdate", "onConversationUpdated", "onConversationRemove",
        "onConversationRemoved", "onParticipantAdd", "onParticipantAdded", "onParticipantUpdate", "onParticipantUpdated",
        "onParticipantRemove", "onParticipantRemoved", "onUserUpdate", "onUserUpdated", "onUserAdded", "onConversationStateUpdated",
        "onDeliveryUpdated",
    ]

    static func read(_ fields: Fields, into configuration: inout ConversationsConfiguration) throws(ScenarioError) {
        if let webhooks = fields["conversation_webhooks"] {
            configuration.webhooks = try targets(try webhooks.fields("conversation_webhooks", allowed: webhookKeys))
        }
        if let services = fields["conversation_services"] {
            for entry in try services.sequence("a list of Conversation Services") {
                let values = try entry.fields("a Conversation Service", allowed: ["friendly_name", "sid"] + webhookKeys)
                let name = try values.required("friendly_name").string("a friendly name")
                guard !configuration.services.contains(where: { $0.friendlyName == name }) else {
                    throw entry.fail("a Conversation Service named '\(name)' is declared already")
                }
                var sid: String?
                if let node = values["sid"] {
                    let text = try node.string()
                    guard text.hasPrefix("IS"), SID(text) != nil else { throw node.fail("expected a Conversation Service SID: IS and 32 hex digits") }
                    sid = text
                }
                configuration.services.append(ChatServiceDeclaration(friendlyName: name, sid: sid, webhooks: try targets(values)))
            }
        }
        if let conversations = fields["conversations"] {
            for entry in try conversations.sequence("a list of conversations") {
                let conversation = try self.conversation(entry, services: configuration.services)
                if let name = conversation.uniqueName, configuration.conversations.contains(where: { $0.uniqueName == name }) {
                    throw entry.fail("a conversation named '\(name)' is declared already")
                }
                configuration.conversations.append(conversation)
            }
        }
    }

    private static func targets(_ fields: Fields) throws(ScenarioError) -> ConversationWebhookTargets {
        var targets = ConversationWebhookTargets()
        targets.preWebhookURL = try fields.url("pre_webhook_url")
        targets.postWebhookURL = try fields.url("post_webhook_url")
        if let method = fields["method"] { targets.method = try method.choice(HTTPMethod.self) }
        if let filters = fields["filters"] { targets.filters = try eventList(filters) }
        return targets
    }

    private static func eventList(_ node: YAMLNode) throws(ScenarioError) -> [String] {
        try node.list("a list of events").map { (entry) throws(ScenarioError) in
            let event = try entry.string("an event")
            guard events.contains(event) else {
                throw entry.fail("'\(event)' is not a Conversations event; expected one of \(events.sorted().joined(separator: ", "))")
            }
            return event
        }
    }

    private static func conversation(_ node: YAMLNode, services: [ChatServiceDeclaration]) throws(ScenarioError) -> ChatConversationDeclaration {
        let fields = try node.fields("a conversation", allowed: ["unique_name", "friendly_name", "service", "attributes", "state", "timers",
                                                                 "messaging_service_sid", "participants", "webhooks"])
        var conversation = ChatConversationDeclaration()
        conversation.uniqueName = try fields["unique_name"]?.string()
        conversation.friendlyName = try fields["friendly_name"]?.string()
        if let service = fields["service"] {
            let name = try service.string("a Conversation Service's friendly name")
            guard services.contains(where: { $0.friendlyName == name }) else {
                throw service.fail("no Conversation Service named '\(name)' is declared (conversation_services)")
            }
            conversation.service = name
        }
        if let attributes = fields["attributes"] { conversation.attributes = try json(attributes) }
        if let state = fields["state"] { conversation.state = try state.choice(ChatConversationState.self) }
        if let timers = fields["timers"] {
            let values = try timers.fields("timers", allowed: ["inactive", "closed"])
            if let inactive = values["inactive"] {
                conversation.inactiveTimer = try inactive.duration()
                guard conversation.inactiveTimer! >= 60 else { throw inactive.fail("the inactive timer is at least 1 minute") }
            }
            if let closed = values["closed"] {
                conversation.closedTimer = try closed.duration()
                guard conversation.closedTimer! >= 600 else { throw closed.fail("the closed timer is at least 10 minutes") }
            }
        }
        conversation.messagingServiceSid = try fields["messaging_service_sid"]?.string()
        if let participants = fields["participants"] {
            conversation.participants = try participants.sequence("a list of participants").map { (entry) throws(ScenarioError) in
                let values = try entry.fields("a participant", allowed: ["identity", "address", "proxy_address", "attributes"])
                var participant = ChatParticipantDeclaration(identity: try values["identity"]?.string(),
                                                             address: try values["address"]?.phoneNumber(),
                                                             proxyAddress: try values["proxy_address"]?.phoneNumber())
                if let attributes = values["attributes"] { participant.attributes = try json(attributes) }
                if participant.identity == nil, participant.address == nil { throw entry.fail("a participant needs 'identity' or 'address'") }
                if (participant.address == nil) != (participant.proxyAddress == nil) {
                    throw entry.fail("an SMS participant needs both 'address' and 'proxy_address'")
                }
                return participant
            }
        }
        if let webhooks = fields["webhooks"] {
            conversation.webhooks = try webhooks.sequence("a list of webhooks").map { (entry) throws(ScenarioError) in try webhook(entry) }
        }
        return conversation
    }

    private static func webhook(_ node: YAMLNode) throws(ScenarioError) -> ChatWebhookDeclaration {
        let fields = try node.fields("a conversation webhook", allowed: ["target", "url", "method", "filters", "triggers", "flow_sid", "replay_after"])
        let targetNode = try fields.required("target")
        let target = try targetNode.string()
        guard ["webhook", "trigger", "studio"].contains(target) else { throw targetNode.fail("expected webhook, trigger or studio") }
        var webhook = ChatWebhookDeclaration(target: target, url: try fields.url("url"))
        if target != "studio", webhook.url == nil { throw node.fail("a \(target) webhook needs 'url'") }
        if let method = fields["method"] { webhook.method = try method.choice(HTTPMethod.self).rawValue.lowercased() }
        if let filters = fields["filters"] { webhook.filters = try eventList(filters) }
        if let triggers = fields["triggers"] {
            webhook.triggers = try triggers.list("a list of keywords").map { (entry) throws(ScenarioError) in try entry.string("a keyword") }
        }
        webhook.flowSid = try fields["flow_sid"]?.string()
        webhook.replayAfter = try fields["replay_after"]?.integer("a message index", in: -1...Int.max)
        return webhook
    }

    /// Attributes: a mapping (written as JSON) or a string that holds JSON.
    static func json(_ node: YAMLNode) throws(ScenarioError) -> String {
        if case .scalar = node.node {
            let text = try node.string()
            guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
                throw node.fail("expected attributes as JSON, found '\(text.prefix(40))'")
            }
            return text
        }
        let pairs = try node.stringPairs("attributes")
        let object = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { throw node.fail("expected attributes") }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Steps

    static func step(_ kind: String, _ node: YAMLNode) throws(ScenarioError) -> Step {
        switch kind {
        case "chat":
            let fields = try node.fields("a chat step", allowed: ["conversation", "identity", "body", "attributes"])
            return .chat(conversation: try fields.required("conversation").string("a conversation's unique name or SID"),
                         identity: try fields.required("identity").string("a chat identity"), body: try fields["body"]?.string() ?? "",
                         attributes: try fields["attributes"].map { (node) throws(ScenarioError) in try json(node) } ?? "{}")
        default:
            let fields = try node.fields("a conversation_update step", allowed: ["conversation", "identity", "state", "friendly_name", "attributes"])
            var change = ChatConversationChange()
            if let state = fields["state"] { change.state = try state.choice(ChatConversationState.self) }
            change.friendlyName = try fields["friendly_name"]?.string()
            change.attributes = try fields["attributes"].map { (node) throws(ScenarioError) in try json(node) }
            return .conversationUpdate(conversation: try fields.required("conversation").string("a conversation's unique name or SID"),
                                       identity: try fields["identity"]?.string() ?? "system", change: change)
        }
    }

    // MARK: The expectation

    static func expectation(_ node: YAMLNode) throws(ScenarioError) -> ConversationExpectation {
        let fields = try node.fields("a conversation expectation", allowed: ["conversation", "state", "messages", "message_count", "participants",
                                                                            "blocked"])
        var expected = ConversationExpectation(conversation: try fields.required("conversation").string("a conversation's unique name or SID"))
        if let state = fields["state"] { expected.state = try state.choice(ChatConversationState.self) }
        if let messages = fields["messages"] {
            expected.messages = try messages.list("a list of messages").map { (entry) throws(ScenarioError) in
                let values = try entry.fields("a message", allowed: ["author", "body"])
                return (try values["author"]?.string(), try values["body"]?.string())
            }
        }
        expected.messageCount = try fields["message_count"]?.integer("a number of messages", in: 0...Int.max)
        expected.participants = try fields["participants"]?.integer("a number of participants", in: 0...Int.max)
        expected.blocked = try fields["blocked"]?.integer("a number of blocked actions", in: 0...Int.max)
        return expected
    }
}
