import Foundation
import Platform
import Simulator

/// The JSON of the Conversations resources, with the platform's field names: ISO 8601 dates,
/// `attributes` as a string holding JSON, the service-level webhook `method` upper-case and the
/// conversation-scoped one lower-case, URLs on the path the request took (account-level or
/// service-scoped).
extension ConversationsResource {
    static func account(_ context: APIContext) -> JSON { .string(context.world.accountSid.description) }

    /// `/v1/Conversations/CH…` or `/v1/Services/IS…/Conversations/CH…`, as the request came.
    static func conversationURL(_ conversation: ChatConversation, _ context: APIContext) -> String {
        let scope = context.path["ChatServiceSid"].map { "/v1/Services/\($0)" } ?? "/v1"
        return context.request.baseURL + scope + "/Conversations/" + conversation.sid
    }

    /// `chat_service_sid`, which the service-scoped paths add to what a conversation holds.
    static func scope(_ conversation: ChatConversation, _ context: APIContext) -> [(String, JSON)] {
        context.path["ChatServiceSid"] == nil ? [] : [("chat_service_sid", .string(conversation.serviceSid))]
    }

    static func render(_ service: ChatService, _ context: APIContext) -> JSON {
        let url = context.request.baseURL + "/v1/Services/" + service.sid
        return .object([
            ("account_sid", account(context)), ("sid", .string(service.sid)), ("friendly_name", .string(service.friendlyName)),
            ("date_created", APIFormat.dateV1(service.dateCreated)), ("date_updated", APIFormat.dateV1(service.dateUpdated)),
            ("url", .string(url)),
            ("links", .object(["conversations", "users", "roles", "bindings", "configuration", "participant_conversations",
                               "conversation_with_participants"].map { link in
                (link, .string(url + "/" + link.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()))
            })),
        ])
    }

    static func renderTargets(_ targets: ConversationWebhookTargets, service: String?, _ context: APIContext) -> JSON {
        var fields: [(String, JSON)] = [("account_sid", account(context))]
        if let service { fields.append(("chat_service_sid", .string(service))) }
        fields += [
            ("method", .string(targets.method.rawValue)), ("filters", .array(targets.filters.map(JSON.string))),
            ("pre_webhook_url", .optional(targets.preWebhookURL)), ("post_webhook_url", .optional(targets.postWebhookURL)),
        ]
        if service == nil { fields.append(("target", .string("webhook"))) }
        let path = service.map { "/v1/Services/\($0)/Configuration/Webhooks" } ?? "/v1/Configuration/Webhooks"
        fields.append(("url", .string(context.request.baseURL + path)))
        return .object(fields)
    }

    static func render(_ conversation: ChatConversation, _ context: APIContext) -> JSON {
        let url = conversationURL(conversation, context)
        var timers: [(String, JSON)] = []
        if let date = conversation.dateInactive { timers.append(("date_inactive", APIFormat.dateV1(date))) }
        if let date = conversation.dateClosed { timers.append(("date_closed", APIFormat.dateV1(date))) }
        return .object([
            ("account_sid", account(context)), ("chat_service_sid", .string(conversation.serviceSid)),
            ("messaging_service_sid", .optional(conversation.messagingServiceSid)), ("sid", .string(conversation.sid)),
            ("friendly_name", .optional(conversation.friendlyName)), ("unique_name", .optional(conversation.uniqueName)),
            ("attributes", .string(conversation.attributes)), ("state", .string(conversation.state.rawValue)),
            ("date_created", APIFormat.dateV1(conversation.dateCreated)), ("date_updated", APIFormat.dateV1(conversation.dateUpdated)),
            ("timers", .object(timers)), ("url", .string(url)),
            ("links", .object([("participants", .string(url + "/Participants")), ("messages", .string(url + "/Messages")),
                               ("webhooks", .string(url + "/Webhooks")), ("export", .string(url + "/Export"))])),
            ("bindings", .null),
        ])
    }

    static func render(_ participant: ChatParticipant, in conversation: ChatConversation, _ context: APIContext) -> JSON {
        var binding = JSON.null
        if let address = participant.address {
            binding = .object([("type", .string(address.hasPrefix("whatsapp:") ? "whatsapp" : "sms")), ("address", .string(address)),
                               ("proxy_address", .optional(participant.proxyAddress))])
        }
        return .object([("account_sid", account(context))] + scope(conversation, context) + [
            ("conversation_sid", .string(conversation.sid)), ("sid", .string(participant.sid)),
            ("identity", .optional(participant.identity)), ("attributes", .string(participant.attributes)), ("messaging_binding", binding),
            ("role_sid", .optional(participant.roleSid)),
            ("date_created", APIFormat.dateV1(participant.dateCreated)), ("date_updated", APIFormat.dateV1(participant.dateUpdated)),
            ("url", .string(conversationURL(conversation, context) + "/Participants/" + participant.sid)),
            ("last_read_message_index", participant.lastReadMessageIndex.map(JSON.int) ?? .null),
            ("last_read_timestamp", .optional(participant.lastReadTimestamp)),
        ])
    }

    static func render(_ message: ChatMessage, in conversation: ChatConversation, _ context: APIContext) -> JSON {
        let url = conversationURL(conversation, context) + "/Messages/" + message.sid
        let media: JSON = message.media.isEmpty ? .null : .array(message.media.map { medium in
            .object([("sid", .string(medium.sid)), ("filename", .string((medium.url as NSString).lastPathComponent)), ("url", .string(medium.url))])
        })
        return .object([("account_sid", account(context))] + scope(conversation, context) + [
            ("conversation_sid", .string(conversation.sid)), ("sid", .string(message.sid)),
            ("index", .int(message.index)), ("author", .string(message.author)), ("body", .optional(message.body)), ("media", media),
            ("attributes", .string(message.attributes)), ("participant_sid", .optional(message.participantSid)),
            ("date_created", APIFormat.dateV1(message.dateCreated)), ("date_updated", APIFormat.dateV1(message.dateUpdated)),
            ("url", .string(url)), ("delivery", delivery(of: message)),
            ("links", .object([("delivery_receipts", .string(url + "/Receipts")), ("channel_metadata", .string(url + "/ChannelMetadata"))])),
            ("content_sid", .null),
        ])
    }

    /// `delivery`: null without SMS receipts, else each status as `all`, `some` or `none` of them.
    static func delivery(of message: ChatMessage) -> JSON {
        let receipts = message.receipts
        guard !receipts.isEmpty else { return .null }
        func share(_ statuses: Set<String>) -> JSON {
            let count = receipts.filter { statuses.contains($0.status) }.count
            return .string(count == receipts.count ? "all" : count == 0 ? "none" : "some")
        }
        return .object([
            ("total", .int(receipts.count)), ("sent", share(["sent", "delivered", "read"])), ("delivered", share(["delivered", "read"])),
            ("read", share(["read"])), ("failed", share(["failed"])), ("undelivered", share(["undelivered"])),
        ])
    }

    static func render(_ receipt: ChatDeliveryReceipt, of message: ChatMessage, in conversation: ChatConversation, _ context: APIContext) -> JSON {
        .object([("account_sid", account(context))] + scope(conversation, context) + [
            ("conversation_sid", .string(conversation.sid)), ("sid", .string(receipt.sid)),
            ("message_sid", .string(message.sid)), ("channel_message_sid", .string(receipt.channelMessageSid)),
            ("participant_sid", .string(receipt.participantSid)), ("status", .string(receipt.status)), ("error_code", .int(receipt.errorCode ?? 0)),
            ("date_created", APIFormat.dateV1(receipt.dateCreated)), ("date_updated", APIFormat.dateV1(receipt.dateUpdated)),
            ("url", .string(conversationURL(conversation, context) + "/Messages/\(message.sid)/Receipts/\(receipt.sid)")),
        ])
    }

    static func render(_ webhook: ChatWebhook, in conversation: ChatConversation, _ context: APIContext) -> JSON {
        let declaration = webhook.declaration
        var configuration: [(String, JSON)] = [("method", .string(declaration.method)), ("filters", .array(declaration.filters.map(JSON.string)))]
        if let url = declaration.url { configuration.insert(("url", .string(url)), at: 0) }
        if !declaration.triggers.isEmpty { configuration.append(("triggers", .array(declaration.triggers.map(JSON.string)))) }
        if let flow = declaration.flowSid { configuration.append(("flow_sid", .string(flow))) }
        return .object([("sid", .string(webhook.sid)), ("account_sid", account(context))] + scope(conversation, context) + [
            ("conversation_sid", .string(conversation.sid)),
            ("target", .string(declaration.target)), ("url", .string(conversationURL(conversation, context) + "/Webhooks/" + webhook.sid)),
            ("configuration", .object(configuration)),
            ("date_created", APIFormat.dateV1(webhook.dateCreated)), ("date_updated", APIFormat.dateV1(webhook.dateUpdated)),
        ])
    }

    static func render(_ user: ChatUser, _ context: APIContext) -> JSON {
        let scope = context.path["ChatServiceSid"].map { "/v1/Services/\($0)" } ?? "/v1"
        let url = context.request.baseURL + scope + "/Users/" + user.sid
        return .object([
            ("sid", .string(user.sid)), ("account_sid", account(context)), ("chat_service_sid", .string(user.serviceSid)),
            ("role_sid", .optional(user.roleSid)), ("identity", .string(user.identity)), ("friendly_name", .optional(user.friendlyName)),
            ("attributes", .string(user.attributes)), ("is_online", .null), ("is_notifiable", .null),
            ("date_created", APIFormat.dateV1(user.dateCreated)), ("date_updated", APIFormat.dateV1(user.dateUpdated)),
            ("url", .string(url)),
            ("links", .object([("user_conversations", .string(url + "/Conversations"))])),
        ])
    }
}
