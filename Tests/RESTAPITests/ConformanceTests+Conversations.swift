@testable import RESTAPI
import Simulator
import Testing

/// The Conversations operations, account-level and service-scoped, each sent a success and an
/// error case.
extension ConformanceTests {
    static func exerciseConversations(_ checker: Checker, world: WorldHandle) async throws {
        let host = "https://conversations.twilio.com/v1"
        let unknown = String(repeating: "0", count: 32)
        await checker.send(.conversations, "FetchConfiguration", "GET", host + "/Configuration", status: 200)
        await checker.send(.conversations, "UpdateConfiguration", "POST", host + "/Configuration", [("DefaultInactiveTimer", "PT1H")], status: 200)
        await checker.send(.conversations, "UpdateConfiguration", "POST", host + "/Configuration", [("DefaultChatServiceSid", "IS\(unknown)")],
                           status: 400)
        await checker.send(.conversations, "FetchConfigurationWebhook", "GET", host + "/Configuration/Webhooks", status: 200)
        await checker.send(.conversations, "UpdateConfigurationWebhook", "POST", host + "/Configuration/Webhooks",
                           [("Filters", "onMessageAdd"), ("Method", "POST")], status: 200)
        await checker.send(.conversations, "UpdateConfigurationWebhook", "POST", host + "/Configuration/Webhooks", [("Method", "PUT")], status: 400)

        let created = await checker.send(.conversations, "CreateService", "POST", host + "/Services", [("FriendlyName", "Support")], status: 201)
        await checker.send(.conversations, "CreateService", "POST", host + "/Services", [], status: 400)
        let service = try #require(created["sid"]?.text, "\(checker.failures.joined(separator: "\n"))")
        await checker.send(.conversations, "ListService", "GET", host + "/Services", status: 200)
        await checker.send(.conversations, "ListService", "GET", host + "/Services?PageSize=101", status: 400)
        await checker.send(.conversations, "FetchService", "GET", host + "/Services/\(service)", status: 200)
        await checker.send(.conversations, "FetchService", "GET", host + "/Services/IS\(unknown)", status: 404)
        let scoped = host + "/Services/\(service)"
        await checker.send(.conversations, "FetchServiceConfiguration", "GET", scoped + "/Configuration", status: 200)
        await checker.send(.conversations, "FetchServiceConfiguration", "GET", host + "/Services/IS\(unknown)/Configuration", status: 404)
        await checker.send(.conversations, "UpdateServiceConfiguration", "POST", scoped + "/Configuration", [("ReachabilityEnabled", "false")],
                           status: 200)
        await checker.send(.conversations, "UpdateServiceConfiguration", "POST", host + "/Services/IS\(unknown)/Configuration", status: 404)
        await checker.send(.conversations, "FetchServiceWebhookConfiguration", "GET", scoped + "/Configuration/Webhooks", status: 200)
        await checker.send(.conversations, "FetchServiceWebhookConfiguration", "GET", host + "/Services/IS\(unknown)/Configuration/Webhooks",
                           status: 404)
        await checker.send(.conversations, "UpdateServiceWebhookConfiguration", "POST", scoped + "/Configuration/Webhooks",
                           [("PostWebhookUrl", "https://example.com/post"), ("Filters", "onMessageAdded")], status: 200)
        await checker.send(.conversations, "UpdateServiceWebhookConfiguration", "POST", scoped + "/Configuration/Webhooks",
                           [("PreWebhookUrl", "not a url")], status: 400)

        for (base, scope, name) in [(host, "", "a"), (scoped, "Service", "b")] {
            try await exercise(checker, world: world, base: base, scope: scope, name: name)
        }

        await checker.send(.conversations, "DeleteService", "DELETE", host + "/Services/\(service)", status: 204)
        await checker.send(.conversations, "DeleteService", "DELETE", host + "/Services/\(service)", status: 404)
    }

    /// One scope's conversation and user operations: `scope` is "" or "Service", as the operation
    /// names put it after their verb.
    private static func exercise(_ checker: Checker, world: WorldHandle, base: String, scope: String, name: String) async throws {
        let unknown = String(repeating: "0", count: 32)
        func operation(_ verb: String, _ rest: String) -> String { verb + scope + rest }
        func send(_ verb: String, _ rest: String, _ method: String, _ url: String, _ parameters: [(String, String)] = [],
                  status: Int) async -> JSONValue {
            await checker.send(.conversations, operation(verb, rest), method, url, parameters, status: status)
        }
        let conversations = base + "/Conversations"
        let conversation = await send("Create", "Conversation", "POST", conversations, [("FriendlyName", "Order 7"), ("UniqueName", "order-\(name)"),
                                                                                   ("Timers.Inactive", "PT10M")], status: 201)
        await send("Create", "Conversation", "POST", conversations, [("State", "asleep")], status: 400)
        let sid = try #require(conversation["sid"]?.text, "\(checker.failures.joined(separator: "\n"))")
        await send("List", "Conversation", "GET", conversations, status: 200)
        await send("List", "Conversation", "GET", conversations + "?PageSize=101", status: 400)
        await send("Fetch", "Conversation", "GET", conversations + "/\(sid)", status: 200)
        await send("Fetch", "Conversation", "GET", conversations + "/CH\(unknown)", status: 404)
        await send("Update", "Conversation", "POST", conversations + "/order-\(name)", [("FriendlyName", "Order 7 (paid)")], status: 200)
        await send("Update", "Conversation", "POST", conversations + "/\(sid)", [("Attributes", "{not json")], status: 400)

        let participants = conversations + "/\(sid)/Participants"
        let chat = await send("Create", "ConversationParticipant", "POST", participants, [("Identity", "alice-\(name)")], status: 201)
        await send("Create", "ConversationParticipant", "POST", participants, [], status: 400)
        await send("Create", "ConversationParticipant", "POST", participants,
                   [("MessagingBinding.Address", "+1555867531\(name == "a" ? 0 : 1)"), ("MessagingBinding.ProxyAddress", "+14155550100")], status: 201)
        let participant = try #require(chat["sid"]?.text)
        await send("List", "ConversationParticipant", "GET", participants, status: 200)
        await send("List", "ConversationParticipant", "GET", conversations + "/CH\(unknown)/Participants", status: 404)
        await send("Fetch", "ConversationParticipant", "GET", participants + "/\(participant)", status: 200)
        await send("Fetch", "ConversationParticipant", "GET", participants + "/MB\(unknown)", status: 404)
        await send("Update", "ConversationParticipant", "POST", participants + "/\(participant)", [("Attributes", "{\"vip\":true}")], status: 200)
        await send("Update", "ConversationParticipant", "POST", participants + "/\(participant)", [("LastReadMessageIndex", "many")], status: 400)

        let messages = conversations + "/\(sid)/Messages"
        let message = await send("Create", "ConversationMessage", "POST", messages, [("Author", "alice-\(name)"), ("Body", "Where is my order?")],
                                 status: 201)
        await send("Create", "ConversationMessage", "POST", conversations + "/CH\(unknown)/Messages", [("Body", "hi")], status: 404)
        let messageSid = try #require(message["sid"]?.text)
        // The SMS participant's copy is sent and delivered on the clock: its receipt follows.
        await world.withWorld { await $0.advance(by: 5) }
        await send("List", "ConversationMessage", "GET", messages, status: 200)
        await send("List", "ConversationMessage", "GET", messages + "?Order=sideways", status: 400)
        await send("Fetch", "ConversationMessage", "GET", messages + "/\(messageSid)", status: 200)
        await send("Fetch", "ConversationMessage", "GET", messages + "/IM\(unknown)", status: 404)
        let receipts = messages + "/\(messageSid)/Receipts"
        let listed = await send("List", "ConversationMessageReceipt", "GET", receipts, status: 200)
        await send("List", "ConversationMessageReceipt", "GET", messages + "/IM\(unknown)/Receipts", status: 404)
        guard case .array(let listedReceipts) = listed["delivery_receipts"] else { Issue.record("no delivery_receipts: \(listed)"); return }
        let receipt = try #require(listedReceipts.first?["sid"]?.text, "the SMS participant's receipt")
        await send("Fetch", "ConversationMessageReceipt", "GET", receipts + "/\(receipt)", status: 200)
        await send("Fetch", "ConversationMessageReceipt", "GET", receipts + "/DY\(unknown)", status: 404)
        await send("Update", "ConversationMessage", "POST", messages + "/\(messageSid)", [("Body", "Where is order 7?")], status: 200)
        await send("Update", "ConversationMessage", "POST", messages + "/IM\(unknown)", [("Body", "x")], status: 404)

        let webhooks = conversations + "/\(sid)/Webhooks"
        let webhook = await send("Create", "ConversationScopedWebhook", "POST", webhooks,
                                 [("Target", "trigger"), ("Configuration.Url", "https://example.com/help"), ("Configuration.Triggers", "help")],
                                 status: 201)
        await send("Create", "ConversationScopedWebhook", "POST", webhooks, [("Target", "pigeon")], status: 400)
        let webhookSid = try #require(webhook["sid"]?.text)
        await send("List", "ConversationScopedWebhook", "GET", webhooks, status: 200)
        await send("List", "ConversationScopedWebhook", "GET", webhooks + "?PageSize=6", status: 400)
        await send("Fetch", "ConversationScopedWebhook", "GET", webhooks + "/\(webhookSid)", status: 200)
        await send("Fetch", "ConversationScopedWebhook", "GET", webhooks + "/WH\(unknown)", status: 404)
        await send("Update", "ConversationScopedWebhook", "POST", webhooks + "/\(webhookSid)", [("Configuration.Method", "get")], status: 200)
        await send("Update", "ConversationScopedWebhook", "POST", webhooks + "/\(webhookSid)", [("Configuration.Method", "put")], status: 400)
        await send("Delete", "ConversationScopedWebhook", "DELETE", webhooks + "/\(webhookSid)", status: 204)
        await send("Delete", "ConversationScopedWebhook", "DELETE", webhooks + "/\(webhookSid)", status: 404)

        await send("Delete", "ConversationMessage", "DELETE", messages + "/\(messageSid)", status: 204)
        await send("Delete", "ConversationMessage", "DELETE", messages + "/\(messageSid)", status: 404)
        await send("Delete", "ConversationParticipant", "DELETE", participants + "/\(participant)", status: 204)
        await send("Delete", "ConversationParticipant", "DELETE", participants + "/\(participant)", status: 404)
        await send("Delete", "Conversation", "DELETE", conversations + "/\(sid)", status: 204)
        await send("Delete", "Conversation", "DELETE", conversations + "/\(sid)", status: 404)

        let users = base + "/Users"
        let user = await send("Create", "User", "POST", users, [("Identity", "bob-\(name)"), ("FriendlyName", "Bob")], status: 201)
        await send("Create", "User", "POST", users, [("Identity", "bob-\(name)")], status: 409)
        let userSid = try #require(user["sid"]?.text)
        await send("List", "User", "GET", users, status: 200)
        await send("List", "User", "GET", users + "?PageSize=51", status: 400)
        await send("Fetch", "User", "GET", users + "/\(userSid)", status: 200)
        await send("Fetch", "User", "GET", users + "/US\(unknown)", status: 404)
        await send("Update", "User", "POST", users + "/\(userSid)", [("FriendlyName", "Robert")], status: 200)
        await send("Update", "User", "POST", users + "/\(userSid)", [("Attributes", "[unclosed")], status: 400)
        await send("Delete", "User", "DELETE", users + "/\(userSid)", status: 204)
        await send("Delete", "User", "DELETE", users + "/\(userSid)", status: 404)
    }
}
