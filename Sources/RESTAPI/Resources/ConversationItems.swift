import Simulator

/// What a conversation holds, over the API: Participants (a chat `Identity` or an SMS
/// `MessagingBinding`), Messages and their delivery Receipts, scoped Webhooks; and the Users
/// of a service.
enum ConversationItems {
    private typealias Resource = ConversationsResource

    private static func conversation(_ context: APIContext) throws(APIError) -> (ChatConversation, service: String) {
        (try Resource.conversation(context, "ConversationSid"), try Resource.serviceSid(context))
    }

    // MARK: Participants

    @Sendable static func addParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        let request = context.request
        var declaration = ChatParticipantDeclaration(identity: request.value("Identity"), address: request.value("MessagingBinding.Address"),
                                                     proxyAddress: request.value("MessagingBinding.ProxyAddress"))
        declaration.attributes = try Resource.attributes(request) ?? "{}"
        if declaration.identity == nil, declaration.address == nil {
            throw APIError.invalid(20001, "Identity or MessagingBinding.Address is required")
        }
        if declaration.address != nil, declaration.proxyAddress == nil {
            throw APIError.invalid(20001, "MessagingBinding.ProxyAddress is required with MessagingBinding.Address")
        }
        let participant = try Resource.answer(await context.world.addChatParticipant(declaration, to: conversation.sid, service: service,
                                                                                     origin: Resource.origin(context), cause: context.cause), context)
        return .created(Resource.render(participant, in: conversation, context))
    }

    @Sendable static func listParticipants(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        return .ok(try Pagination(context.request, largest: 100).v1(context.request, key: "participants", items: conversation.participants,
                                                                    sid: \.sid) { Resource.render($0, in: conversation, context) })
    }

    private static func participant(_ context: APIContext, in conversation: ChatConversation) throws(APIError) -> ChatParticipant {
        guard let participant = conversation.participants.first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return participant
    }

    @Sendable static func fetchParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        return .ok(Resource.render(try participant(context, in: conversation), in: conversation, context))
    }

    @Sendable static func updateParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        let sid = try participant(context, in: conversation).sid
        var change = ChatItemChange()
        change.attributes = try Resource.attributes(context.request)
        change.roleSid = context.request.value("RoleSid")
        change.identity = context.request.value("Identity")
        if let index = context.request.value("LastReadMessageIndex") {
            guard let value = Int(index) else { throw APIError.invalid(20001, "LastReadMessageIndex must be a whole number, not '\(index)'") }
            change.lastReadMessageIndex = value
        }
        change.lastReadTimestamp = context.request.value("LastReadTimestamp")
        let updated = try Resource.answer(await context.world.updateChatParticipant(sid, in: conversation.sid, service: service, change,
                                                                                    origin: Resource.origin(context), cause: context.cause), context)
        return .ok(Resource.render(updated, in: conversation, context))
    }

    @Sendable static func removeParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        let sid = try participant(context, in: conversation).sid
        if let error = await context.world.removeChatParticipant(sid, from: conversation.sid, service: service, origin: Resource.origin(context),
                                                                 cause: context.cause) {
            throw context.fail(error)
        }
        return .deleted
    }

    // MARK: Messages

    @Sendable static func addMessage(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        let request = context.request
        let body = request.value("Body")
        if let body, body.count > 1600 { throw APIError.invalid(21617, "The concatenated message body exceeds the 1600 character limit") }
        let message = try Resource.answer(await context.world.addChatMessage(
            to: conversation.sid, service: service, author: request.value("Author"), body: body,
            attributes: try Resource.attributes(request) ?? "{}", origin: Resource.origin(context), cause: context.cause), context)
        let current = context.world.chatConversation(conversation.sid) ?? conversation
        return .created(Resource.render(message, in: current, context))
    }

    @Sendable static func listMessages(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        var messages = conversation.liveMessages
        if let order = context.request.value("Order") {
            guard ["asc", "desc"].contains(order) else { throw APIError.invalid(20001, "Order must be asc or desc, not '\(order)'") }
            if order == "desc" { messages.reverse() }
        }
        return .ok(try Pagination(context.request, largest: 100).v1(context.request, key: "messages", items: messages, sid: \.sid) {
            Resource.render($0, in: conversation, context)
        })
    }

    private static func message(_ context: APIContext, _ name: String, in conversation: ChatConversation) throws(APIError) -> ChatMessage {
        guard let message = conversation.liveMessages.first(where: { $0.sid == context.parameter(name) }) else {
            throw APIError.notFound(context.request.path)
        }
        return message
    }

    @Sendable static func fetchMessage(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        return .ok(Resource.render(try message(context, "Sid", in: conversation), in: conversation, context))
    }

    @Sendable static func updateMessage(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        let sid = try message(context, "Sid", in: conversation).sid
        var change = ChatItemChange()
        change.author = context.request.value("Author")
        change.body = context.request.value("Body")
        change.attributes = try Resource.attributes(context.request)
        let updated = try Resource.answer(await context.world.updateChatMessage(sid, in: conversation.sid, service: service, change,
                                                                                origin: Resource.origin(context), cause: context.cause), context)
        return .ok(Resource.render(updated, in: conversation, context))
    }

    @Sendable static func removeMessage(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        let sid = try message(context, "Sid", in: conversation).sid
        if let error = await context.world.removeChatMessage(sid, from: conversation.sid, service: service, origin: Resource.origin(context),
                                                             cause: context.cause) {
            throw context.fail(error)
        }
        return .deleted
    }

    @Sendable static func listReceipts(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        let message = try message(context, "MessageSid", in: conversation)
        return .ok(try Pagination(context.request, largest: 50).v1(context.request, key: "delivery_receipts", items: message.receipts, sid: \.sid) {
            Resource.render($0, of: message, in: conversation, context)
        })
    }

    @Sendable static func fetchReceipt(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        let message = try message(context, "MessageSid", in: conversation)
        guard let receipt = message.receipts.first(where: { $0.sid == context.parameter("Sid") }) else { throw APIError.notFound(context.request.path) }
        return .ok(Resource.render(receipt, of: message, in: conversation, context))
    }

    // MARK: Scoped webhooks

    private static func configure(_ declaration: inout ChatWebhookDeclaration, from request: APIRequest) throws(APIError) {
        if let url = try APIFormat.url(request, "Configuration.Url", code: 20001) { declaration.url = url }
        if let method = request.value("Configuration.Method") {
            guard ["get", "post"].contains(method.lowercased()) else {
                throw APIError.invalid(20001, "Configuration.Method must be get or post, not '\(method)'")
            }
            declaration.method = method.lowercased()
        }
        if request.has("Configuration.Filters") { declaration.filters = request.values("Configuration.Filters") }
        if request.has("Configuration.Triggers") { declaration.triggers = request.values("Configuration.Triggers") }
        if let flow = request.value("Configuration.FlowSid") { declaration.flowSid = flow }
    }

    @Sendable static func addWebhook(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        guard let target = context.request.value("Target"), ["webhook", "trigger", "studio"].contains(target) else {
            throw APIError.invalid(20001, "Target is required: webhook, trigger or studio")
        }
        var declaration = ChatWebhookDeclaration(target: target)
        try configure(&declaration, from: context.request)
        if target != "studio", declaration.url == nil { throw APIError.invalid(20001, "Configuration.Url is required for a \(target) target") }
        if let replay = context.request.value("Configuration.ReplayAfter") {
            guard let after = Int(replay) else { throw APIError.invalid(20001, "Configuration.ReplayAfter must be a message index, not '\(replay)'") }
            declaration.replayAfter = after
        }
        let webhook = try Resource.answer(await context.world.addChatWebhook(declaration, to: conversation.sid, service: service,
                                                                             cause: context.cause), context)
        return .created(Resource.render(webhook, in: conversation, context))
    }

    @Sendable static func listWebhooks(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        return .ok(try Pagination(context.request, largest: 5).v1(context.request, key: "webhooks", items: conversation.webhooks, sid: \.sid) {
            Resource.render($0, in: conversation, context)
        })
    }

    @Sendable static func fetchWebhook(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, _) = try conversation(context)
        guard let webhook = conversation.webhooks.first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(Resource.render(webhook, in: conversation, context))
    }

    @Sendable static func updateWebhook(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        guard var declaration = conversation.webhooks.first(where: { $0.sid == context.parameter("Sid") })?.declaration else {
            throw APIError.notFound(context.request.path)
        }
        try configure(&declaration, from: context.request)
        let changed = declaration
        let webhook = try Resource.answer(context.world.updateChatWebhook(context.parameter("Sid"), in: conversation.sid, service: service) {
            $0 = changed
        }, context)
        return .ok(Resource.render(webhook, in: conversation, context))
    }

    @Sendable static func removeWebhook(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (conversation, service) = try conversation(context)
        if context.world.removeChatWebhook(context.parameter("Sid"), from: conversation.sid, service: service) != nil {
            throw APIError.notFound(context.request.path)
        }
        return .deleted
    }

    // MARK: Users

    private static func userChange(_ request: APIRequest) throws(APIError) -> ChatItemChange {
        var change = ChatItemChange()
        change.friendlyName = request.value("FriendlyName")
        change.attributes = try Resource.attributes(request)
        change.roleSid = request.value("RoleSid")
        return change
    }

    @Sendable static func createUser(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let identity = context.request.value("Identity"), !identity.isEmpty else {
            throw APIError.invalid(20001, "Missing required parameter Identity in the post body")
        }
        let user = try Resource.answer(await context.world.createChatUser(identity: identity, service: try Resource.serviceSid(context),
                                                                          try userChange(context.request), origin: Resource.origin(context),
                                                                          cause: context.cause), context)
        return .created(Resource.render(user, context))
    }

    @Sendable static func listUsers(_ context: APIContext) async throws(APIError) -> APIResponse {
        let users = context.world.chatUsers(service: try Resource.serviceSid(context))
        return .ok(try Pagination(context.request, largest: 50).v1(context.request, key: "users", items: users, sid: \.sid) {
            Resource.render($0, context)
        })
    }

    private static func user(_ context: APIContext) throws(APIError) -> ChatUser {
        let sid = context.parameter("Sid")
        guard let user = context.world.chatUsers(service: try Resource.serviceSid(context)).first(where: { $0.sid == sid || $0.identity == sid }) else {
            throw APIError.notFound(context.request.path)
        }
        return user
    }

    @Sendable static func fetchUser(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(Resource.render(try user(context), context))
    }

    @Sendable static func updateUser(_ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try user(context).sid
        let updated = try Resource.answer(await context.world.updateChatUser(sid, service: try Resource.serviceSid(context),
                                                                             try userChange(context.request), origin: Resource.origin(context),
                                                                             cause: context.cause), context)
        return .ok(Resource.render(updated, context))
    }

    @Sendable static func deleteUser(_ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try user(context).sid
        if let error = context.world.deleteChatUser(sid, service: try Resource.serviceSid(context)) { throw context.fail(error) }
        return .deleted
    }
}
