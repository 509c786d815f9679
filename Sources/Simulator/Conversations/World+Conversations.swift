import Platform

/// The Conversations resources over the world's state, as the REST API and the scenario steps
/// reach them: a conversation by its SID or unique name, within a service (nil: any service,
/// as the account-level paths reach the default service's and every other).
extension World {
    /// The Conversation Services not deleted, the account's default one first.
    public var chatServices: [ChatService] { conversations.services.filter { !$0.deleted } }

    public var defaultChatService: ChatService { conversations.defaultService }

    public func chatService(sid: String) -> ChatService? {
        chatServices.first { $0.sid == sid }
    }

    public func createChatService(friendlyName: String) -> ChatService {
        let service = ChatService(sid: conversations.sids.next(.conversationService).description, friendlyName: friendlyName, dateCreated: now,
                                  dateUpdated: now, webhooks: ConversationWebhookTargets(), isDefault: false)
        conversations.services.append(service)
        return service
    }

    /// Deletes a service with its conversations and users (their bindings are free again).
    public func deleteChatService(sid: String) -> PlatformError? {
        guard let index = conversations.services.firstIndex(where: { $0.sid == sid && !$0.deleted }) else {
            return PlatformError(20404, "no Conversation Service \(sid)")
        }
        guard !conversations.services[index].isDefault else {
            return PlatformError(20001, "\(sid) is the account's default Conversation Service; make another the default first")
        }
        conversations.services[index].deleted = true
        for position in conversations.conversations.indices where conversations.conversations[position].serviceSid == sid {
            conversations.conversations[position].deleted = true
            conversations.releaseBindings(of: position)
        }
        for position in conversations.users.indices where conversations.users[position].serviceSid == sid {
            conversations.users[position].deleted = true
        }
        return nil
    }

    /// The webhooks of a service, or the account-level ones (`service` nil).
    public func conversationWebhooks(service: String?) -> ConversationWebhookTargets? {
        guard let service else { return conversations.accountWebhooks }
        return chatService(sid: service)?.webhooks
    }

    public func setConversationWebhooks(service: String?, _ targets: ConversationWebhookTargets) {
        guard let service else {
            conversations.accountWebhooks = targets
            return
        }
        guard let index = conversations.services.firstIndex(where: { $0.sid == service && !$0.deleted }) else { return }
        conversations.services[index].webhooks = targets
        conversations.services[index].dateUpdated = now
    }

    /// The conversations not deleted, in the order they were created.
    public func chatConversations(service: String? = nil) -> [ChatConversation] {
        conversations.conversations.filter { !$0.deleted && (service == nil || $0.serviceSid == service) }
    }

    public func chatConversation(_ sidOrName: String, service: String? = nil) -> ChatConversation? {
        conversations.conversation(sidOrName, service: service).map { conversations.conversations[$0] }
    }

    public func createChatConversation(_ declaration: ChatConversationDeclaration, service: String?, origin: ChatOrigin,
                                       cause: Int?) async -> Result<ChatConversation, PlatformError> {
        let serviceSid = service ?? defaultChatService.sid
        guard chatService(sid: serviceSid) != nil else { return .failure(PlatformError(20404, "no Conversation Service \(serviceSid)")) }
        return await catching { () async throws(PlatformError) in
            conversations.conversations[try await conversations.createConversation(declaration, serviceSid: serviceSid, origin: origin, cause: cause)]
        }
    }

    public func updateChatConversation(_ sidOrName: String, service: String?, _ change: ChatConversationChange, origin: ChatOrigin,
                                       cause: Int?) async -> Result<ChatConversation, PlatformError> {
        await inConversation(sidOrName, service: service) { (index) async throws(PlatformError) in
            conversations.conversations[try await conversations.updateConversation(index, change, origin: origin, cause: cause)]
        }
    }

    public func deleteChatConversation(_ sidOrName: String, service: String?, origin: ChatOrigin, cause: Int?) async -> PlatformError? {
        await failure(of: inConversation(sidOrName, service: service) { (index) async throws(PlatformError) in
            try await conversations.deleteConversation(index, origin: origin, cause: cause)
        })
    }

    public func addChatParticipant(_ declaration: ChatParticipantDeclaration, to conversation: String, service: String?, origin: ChatOrigin,
                                   cause: Int?) async -> Result<ChatParticipant, PlatformError> {
        await inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            try await conversations.addParticipant(declaration, to: index, origin: origin, cause: cause)
        }
    }

    public func updateChatParticipant(_ sid: String, in conversation: String, service: String?, _ change: ChatItemChange, origin: ChatOrigin,
                                      cause: Int?) async -> Result<ChatParticipant, PlatformError> {
        await inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            try await conversations.updateParticipant(sid, in: index, change, origin: origin, cause: cause)
        }
    }

    public func removeChatParticipant(_ sid: String, from conversation: String, service: String?, origin: ChatOrigin,
                                      cause: Int?) async -> PlatformError? {
        await failure(of: inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            try await conversations.removeParticipant(sid, from: index, origin: origin, cause: cause)
        })
    }

    /// Adds a message; from a chat user (`.sdk`), its author is the identity and its
    /// participant the one with that identity.
    public func addChatMessage(to conversation: String, service: String?, author: String?, body: String?, attributes: String = "{}",
                               mediaURLs: [String] = [], origin: ChatOrigin, cause: Int?) async -> Result<ChatMessage, PlatformError> {
        await inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            var participant: String?
            var author = author ?? "system"
            if case .sdk(let identity) = origin {
                author = identity
                participant = conversations.conversations[index].participants.first { $0.identity == identity }?.sid
            } else {
                participant = conversations.conversations[index].participants.first { $0.identity == author || $0.address == author }?.sid
            }
            return try await conversations.addMessage(to: index, author: author, body: body, attributes: attributes, mediaURLs: mediaURLs,
                                                  participantSid: participant, origin: origin, cause: cause)
        }
    }

    public func updateChatMessage(_ sid: String, in conversation: String, service: String?, _ change: ChatItemChange, origin: ChatOrigin,
                                  cause: Int?) async -> Result<ChatMessage, PlatformError> {
        await inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            try await conversations.updateMessage(sid, in: index, change, origin: origin, cause: cause)
        }
    }

    public func removeChatMessage(_ sid: String, from conversation: String, service: String?, origin: ChatOrigin, cause: Int?) async -> PlatformError? {
        await failure(of: inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            try await conversations.removeMessage(sid, from: index, origin: origin, cause: cause)
        })
    }

    public func addChatWebhook(_ declaration: ChatWebhookDeclaration, to conversation: String, service: String?,
                               cause: Int?) async -> Result<ChatWebhook, PlatformError> {
        await inConversation(conversation, service: service) { (index) async throws(PlatformError) in
            await conversations.addWebhook(declaration, to: index, cause: cause)
        }
    }

    public func updateChatWebhook(_ sid: String, in conversation: String, service: String?,
                                  _ change: (inout ChatWebhookDeclaration) -> Void) -> Result<ChatWebhook, PlatformError> {
        guard let index = conversations.conversation(conversation, service: service),
              let position = conversations.conversations[index].webhooks.firstIndex(where: { $0.sid == sid }) else {
            return .failure(PlatformError(20404, "no webhook \(sid) in conversation \(conversation)"))
        }
        change(&conversations.conversations[index].webhooks[position].declaration)
        conversations.conversations[index].webhooks[position].dateUpdated = now
        return .success(conversations.conversations[index].webhooks[position])
    }

    public func removeChatWebhook(_ sid: String, from conversation: String, service: String?) -> PlatformError? {
        guard let index = conversations.conversation(conversation, service: service),
              let position = conversations.conversations[index].webhooks.firstIndex(where: { $0.sid == sid }) else {
            return PlatformError(20404, "no webhook \(sid) in conversation \(conversation)")
        }
        conversations.conversations[index].webhooks.remove(at: position)
        return nil
    }

    /// The users not deleted.
    public func chatUsers(service: String? = nil) -> [ChatUser] {
        conversations.users.filter { !$0.deleted && (service == nil || $0.serviceSid == service) }
    }

    public func createChatUser(identity: String, service: String?, _ change: ChatItemChange, origin: ChatOrigin,
                               cause: Int?) async -> Result<ChatUser, PlatformError> {
        let serviceSid = service ?? defaultChatService.sid
        guard chatService(sid: serviceSid) != nil else { return .failure(PlatformError(20404, "no Conversation Service \(serviceSid)")) }
        return await catching { () async throws(PlatformError) in
            try await conversations.createUser(identity: identity, serviceSid: serviceSid, change: change, origin: origin, cause: cause)
        }
    }

    /// A user by SID or identity.
    public func updateChatUser(_ sidOrIdentity: String, service: String?, _ change: ChatItemChange, origin: ChatOrigin,
                               cause: Int?) async -> Result<ChatUser, PlatformError> {
        guard let position = userPosition(sidOrIdentity, service: service) else {
            return .failure(PlatformError(20404, "no user \(sidOrIdentity)"))
        }
        return await catching { () async throws(PlatformError) in try await conversations.updateUser(position, change, origin: origin, cause: cause) }
    }

    public func deleteChatUser(_ sidOrIdentity: String, service: String?) -> PlatformError? {
        guard let position = userPosition(sidOrIdentity, service: service) else { return PlatformError(20404, "no user \(sidOrIdentity)") }
        conversations.users[position].deleted = true
        return nil
    }

    private func userPosition(_ sidOrIdentity: String, service: String?) -> Int? {
        conversations.users.firstIndex { user in
            !user.deleted && (user.sid == sidOrIdentity || user.identity == sidOrIdentity) && (service == nil || user.serviceSid == service)
        }
    }

    private func inConversation<Value>(_ sidOrName: String, service: String?,
                                       _ body: (Int) async throws(PlatformError) -> Value) async -> Result<Value, PlatformError> {
        guard let index = conversations.conversation(sidOrName, service: service) else {
            return .failure(PlatformError(20404, "no conversation \(sidOrName)"))
        }
        return await catching { () async throws(PlatformError) in try await body(index) }
    }

    private func catching<Value>(_ body: () async throws(PlatformError) -> Value) async -> Result<Value, PlatformError> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    private func failure(of result: Result<Void, PlatformError>) -> PlatformError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
