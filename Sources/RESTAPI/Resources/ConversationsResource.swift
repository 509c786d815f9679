import Foundation
import Platform
import Simulator

/// Conversations v1: the account's configuration and webhooks, Services with their
/// configuration and webhooks, Conversations with Participants, Messages (and their delivery
/// Receipts) and scoped Webhooks, and Users. Every conversation and user path also exists
/// service-scoped (`/v1/Services/{ChatServiceSid}/…`, operation `…Service…`); the account-level
/// paths reach the default service. Actions fire webhooks only with `X-Twilio-Webhook-Enabled: true`.
enum ConversationsResource {
    static let routes: [Route] = accountRoutes + scoped(conversationRoutes) + scoped(userRoutes)

    private static let accountRoutes: [Route] = [
        Route(.conversations, "GET", "/v1/Configuration", "FetchConfiguration", fetchConfiguration),
        Route(.conversations, "POST", "/v1/Configuration", "UpdateConfiguration", updateConfiguration),
        Route(.conversations, "GET", "/v1/Configuration/Webhooks", "FetchConfigurationWebhook", fetchWebhooks),
        Route(.conversations, "POST", "/v1/Configuration/Webhooks", "UpdateConfigurationWebhook", updateWebhooks),
        Route(.conversations, "POST", "/v1/Services", "CreateService", createService),
        Route(.conversations, "GET", "/v1/Services", "ListService", listServices),
        Route(.conversations, "GET", "/v1/Services/{Sid}", "FetchService", fetchService),
        Route(.conversations, "DELETE", "/v1/Services/{Sid}", "DeleteService", deleteService),
        Route(.conversations, "GET", "/v1/Services/{ChatServiceSid}/Configuration", "FetchServiceConfiguration", fetchServiceConfiguration),
        Route(.conversations, "POST", "/v1/Services/{ChatServiceSid}/Configuration", "UpdateServiceConfiguration", fetchServiceConfiguration),
        Route(.conversations, "GET", "/v1/Services/{ChatServiceSid}/Configuration/Webhooks", "FetchServiceWebhookConfiguration", fetchWebhooks),
        Route(.conversations, "POST", "/v1/Services/{ChatServiceSid}/Configuration/Webhooks", "UpdateServiceWebhookConfiguration", updateWebhooks),
    ]

    /// The conversation paths as the account-level API writes them (`{Sid}` a CH… or a unique name).
    private static let conversationRoutes: [(String, String, String, Route.Handler)] = [
        ("POST", "/Conversations", "CreateConversation", createConversation),
        ("GET", "/Conversations", "ListConversation", listConversations),
        ("GET", "/Conversations/{Sid}", "FetchConversation", fetchConversation),
        ("POST", "/Conversations/{Sid}", "UpdateConversation", updateConversation),
        ("DELETE", "/Conversations/{Sid}", "DeleteConversation", deleteConversation),
        ("POST", "/Conversations/{ConversationSid}/Participants", "CreateConversationParticipant", ConversationItems.addParticipant),
        ("GET", "/Conversations/{ConversationSid}/Participants", "ListConversationParticipant", ConversationItems.listParticipants),
        ("GET", "/Conversations/{ConversationSid}/Participants/{Sid}", "FetchConversationParticipant", ConversationItems.fetchParticipant),
        ("POST", "/Conversations/{ConversationSid}/Participants/{Sid}", "UpdateConversationParticipant", ConversationItems.updateParticipant),
        ("DELETE", "/Conversations/{ConversationSid}/Participants/{Sid}", "DeleteConversationParticipant", ConversationItems.removeParticipant),
        ("POST", "/Conversations/{ConversationSid}/Messages", "CreateConversationMessage", ConversationItems.addMessage),
        ("GET", "/Conversations/{ConversationSid}/Messages", "ListConversationMessage", ConversationItems.listMessages),
        ("GET", "/Conversations/{ConversationSid}/Messages/{Sid}", "FetchConversationMessage", ConversationItems.fetchMessage),
        ("POST", "/Conversations/{ConversationSid}/Messages/{Sid}", "UpdateConversationMessage", ConversationItems.updateMessage),
        ("DELETE", "/Conversations/{ConversationSid}/Messages/{Sid}", "DeleteConversationMessage", ConversationItems.removeMessage),
        ("GET", "/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts", "ListConversationMessageReceipt", ConversationItems.listReceipts),
        ("GET", "/Conversations/{ConversationSid}/Messages/{MessageSid}/Receipts/{Sid}", "FetchConversationMessageReceipt",
         ConversationItems.fetchReceipt),
        ("POST", "/Conversations/{ConversationSid}/Webhooks", "CreateConversationScopedWebhook", ConversationItems.addWebhook),
        ("GET", "/Conversations/{ConversationSid}/Webhooks", "ListConversationScopedWebhook", ConversationItems.listWebhooks),
        ("GET", "/Conversations/{ConversationSid}/Webhooks/{Sid}", "FetchConversationScopedWebhook", ConversationItems.fetchWebhook),
        ("POST", "/Conversations/{ConversationSid}/Webhooks/{Sid}", "UpdateConversationScopedWebhook", ConversationItems.updateWebhook),
        ("DELETE", "/Conversations/{ConversationSid}/Webhooks/{Sid}", "DeleteConversationScopedWebhook", ConversationItems.removeWebhook),
    ]

    private static let userRoutes: [(String, String, String, Route.Handler)] = [
        ("POST", "/Users", "CreateUser", ConversationItems.createUser),
        ("GET", "/Users", "ListUser", ConversationItems.listUsers),
        ("GET", "/Users/{Sid}", "FetchUser", ConversationItems.fetchUser),
        ("POST", "/Users/{Sid}", "UpdateUser", ConversationItems.updateUser),
        ("DELETE", "/Users/{Sid}", "DeleteUser", ConversationItems.deleteUser),
    ]

    /// Each route at `/v1…` and at `/v1/Services/{ChatServiceSid}…`, whose operation names the
    /// service after its verb (`CreateConversation`, `CreateServiceConversation`).
    private static func scoped(_ routes: [(String, String, String, Route.Handler)]) -> [Route] {
        routes.flatMap { method, path, operation, handler in
            let verb = operation.prefix(1) + operation.dropFirst().prefix { $0.isLowercase }
            let scopedOperation = verb + "Service" + operation.dropFirst(verb.count)
            return [Route(.conversations, method, "/v1" + path, operation, handler),
                    Route(.conversations, method, "/v1/Services/{ChatServiceSid}" + path, String(scopedOperation), handler)]
        }
    }

    // MARK: Shared reading

    /// The service a request is about: its path's, else the default one; 404 when deleted.
    static func serviceSid(_ context: APIContext) throws(APIError) -> String {
        guard let sid = context.path["ChatServiceSid"] else { return context.world.defaultChatService.sid }
        guard context.world.chatService(sid: sid) != nil else { throw APIError.notFound(context.request.path) }
        return sid
    }

    /// Where the action comes from: the REST API, firing webhooks only when the header asks.
    static func origin(_ context: APIContext) -> ChatOrigin {
        .api(webhooksEnabled: context.request.header("X-Twilio-Webhook-Enabled")?.lowercased() == "true")
    }

    /// `Attributes`, which must hold JSON.
    static func attributes(_ request: APIRequest) throws(APIError) -> String? {
        guard let text = request.value("Attributes") else { return nil }
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil else {
            throw APIError.invalid(20001, "Attributes must be valid JSON, not '\(text.prefix(60))'")
        }
        return text
    }

    static func conversation(_ context: APIContext, _ name: String) throws(APIError) -> ChatConversation {
        guard let conversation = context.world.chatConversation(context.parameter(name), service: try serviceSid(context)) else {
            throw APIError.notFound(context.request.path)
        }
        return conversation
    }

    static func answer<Value>(_ result: Result<Value, PlatformError>, _ context: APIContext) throws(APIError) -> Value {
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error.code == 20404 ? APIError.notFound(context.request.path) : context.fail(error)
        }
    }

    // MARK: Configuration

    @Sendable static func fetchConfiguration(_ context: APIContext) async throws(APIError) -> APIResponse {
        let base = context.request.baseURL + "/v1/Configuration"
        return .ok(.object([
            ("account_sid", account(context)), ("default_chat_service_sid", .string(context.world.defaultChatService.sid)),
            ("default_messaging_service_sid", .optional(context.world.configuration.messagingServices.first?.sid)),
            ("default_inactive_timer", .null), ("default_closed_timer", .null), ("url", .string(base)),
            ("links", .object([("service", .string(context.request.baseURL + "/v1/Services/" + context.world.defaultChatService.sid)),
                               ("webhooks", .string(base + "/Webhooks"))])),
        ]))
    }

    /// The account's defaults: the emulator keeps its one default service, so an update answers
    /// the configuration as it stands.
    @Sendable static func updateConfiguration(_ context: APIContext) async throws(APIError) -> APIResponse {
        if let sid = context.request.value("DefaultChatServiceSid"), context.world.chatService(sid: sid) == nil {
            throw APIError.invalid(20001, "DefaultChatServiceSid \(sid) is not a Conversation Service of this account")
        }
        return try await fetchConfiguration(context)
    }

    @Sendable static func fetchWebhooks(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = context.path["ChatServiceSid"]
        if service != nil { _ = try serviceSid(context) }
        return .ok(renderTargets(context.world.conversationWebhooks(service: service) ?? ConversationWebhookTargets(), service: service, context))
    }

    @Sendable static func updateWebhooks(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = context.path["ChatServiceSid"]
        if service != nil { _ = try serviceSid(context) }
        var targets = context.world.conversationWebhooks(service: service) ?? ConversationWebhookTargets()
        if let method = try APIFormat.method(context.request, "Method") { targets.method = method }
        if context.request.has("Filters") { targets.filters = context.request.values("Filters").filter { !$0.isEmpty } }
        if let url = try APIFormat.urlChange(context.request, "PreWebhookUrl", code: 20001) { targets.preWebhookURL = url }
        if let url = try APIFormat.urlChange(context.request, "PostWebhookUrl", code: 20001) { targets.postWebhookURL = url }
        if let target = context.request.value("Target"), !["webhook", "flex"].contains(target) {
            throw APIError.invalid(20001, "Target must be webhook or flex, not '\(target)'")
        }
        context.world.setConversationWebhooks(service: service, targets)
        return .ok(renderTargets(targets, service: service, context))
    }

    // MARK: Services

    @Sendable static func createService(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let name = context.request.value("FriendlyName"), !name.isEmpty else {
            throw APIError.invalid(20001, "Missing required parameter FriendlyName in the post body")
        }
        guard name.count <= 256 else { throw APIError.invalid(20001, "FriendlyName is limited to 256 characters") }
        return .created(render(context.world.createChatService(friendlyName: name), context))
    }

    @Sendable static func listServices(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(try Pagination(context.request, largest: 100).v1(context.request, key: "services", items: context.world.chatServices, sid: \.sid) {
            render($0, context)
        })
    }

    @Sendable static func fetchService(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let service = context.world.chatService(sid: context.parameter("Sid")) else { throw APIError.notFound(context.request.path) }
        return .ok(render(service, context))
    }

    @Sendable static func deleteService(_ context: APIContext) async throws(APIError) -> APIResponse {
        if let error = context.world.deleteChatService(sid: context.parameter("Sid")) {
            throw error.code == 20404 ? APIError.notFound(context.request.path) : context.fail(error)
        }
        return .deleted
    }

    @Sendable static func fetchServiceConfiguration(_ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try serviceSid(context)
        let url = context.request.baseURL + "/v1/Services/\(sid)/Configuration"
        return .ok(.object([
            ("chat_service_sid", .string(sid)), ("default_conversation_creator_role_sid", .null), ("default_conversation_role_sid", .null),
            ("default_chat_service_role_sid", .null), ("url", .string(url)),
            ("links", .object([("notifications", .string(url + "/Notifications")), ("webhooks", .string(url + "/Webhooks"))])),
            ("reachability_enabled", .bool(false)),
        ]))
    }

    // MARK: Conversations

    /// `Timers.Inactive` (at least a minute) and `Timers.Closed` (at least ten), ISO 8601 durations.
    static func timer(_ request: APIRequest, _ name: String, atLeast minimum: Double) throws(APIError) -> Double? {
        guard let text = request.value(name) else { return nil }
        guard let seconds = ISO8601Duration.seconds(text), seconds >= minimum else {
            throw APIError.invalid(20001, "\(name) must be an ISO 8601 duration of at least \(Int(minimum / 60)) minutes, not '\(text)'")
        }
        return seconds
    }

    static func state(_ request: APIRequest) throws(APIError) -> ChatConversationState? {
        guard let text = request.value("State") else { return nil }
        guard let state = ChatConversationState(rawValue: text), state != .initializing else {
            throw APIError.invalid(20001, "State must be active, inactive or closed, not '\(text)'")
        }
        return state
    }

    @Sendable static func createConversation(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        var declaration = ChatConversationDeclaration()
        declaration.friendlyName = request.value("FriendlyName")
        if let name = declaration.friendlyName, name.count > 256 { throw APIError.invalid(20001, "FriendlyName is limited to 256 characters") }
        declaration.uniqueName = request.value("UniqueName")
        declaration.attributes = try attributes(request) ?? "{}"
        declaration.state = try state(request) ?? .active
        declaration.messagingServiceSid = request.value("MessagingServiceSid")
        declaration.inactiveTimer = try timer(request, "Timers.Inactive", atLeast: 60)
        declaration.closedTimer = try timer(request, "Timers.Closed", atLeast: 600)
        let created = try answer(await context.world.createChatConversation(declaration, service: try serviceSid(context), origin: origin(context),
                                                                            cause: context.cause), context)
        return .created(render(created, context))
    }

    @Sendable static func listConversations(_ context: APIContext) async throws(APIError) -> APIResponse {
        var items = context.world.chatConversations(service: try serviceSid(context))
        if let state = context.request.value("State") { items = items.filter { $0.state.rawValue == state } }
        return .ok(try Pagination(context.request, largest: 100).v1(context.request, key: "conversations", items: items, sid: \.sid) {
            render($0, context)
        })
    }

    @Sendable static func fetchConversation(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try conversation(context, "Sid"), context))
    }

    @Sendable static func updateConversation(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        var change = ChatConversationChange()
        change.friendlyName = request.value("FriendlyName")
        change.uniqueName = request.value("UniqueName")
        change.attributes = try attributes(request)
        change.state = try state(request)
        change.messagingServiceSid = request.value("MessagingServiceSid")
        change.inactiveTimer = try timer(request, "Timers.Inactive", atLeast: 60)
        change.closedTimer = try timer(request, "Timers.Closed", atLeast: 600)
        let sid = try conversation(context, "Sid").sid
        let updated = try answer(await context.world.updateChatConversation(sid, service: try serviceSid(context), change, origin: origin(context),
                                                                            cause: context.cause), context)
        return .ok(render(updated, context))
    }

    @Sendable static func deleteConversation(_ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try conversation(context, "Sid").sid
        if let error = await context.world.deleteChatConversation(sid, service: try serviceSid(context), origin: origin(context), cause: context.cause) {
            throw context.fail(error)
        }
        return .deleted
    }
}
