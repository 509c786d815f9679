import Platform
import Webhooks

/// Fields an update changes (nil: unchanged).
public struct ChatConversationChange: Sendable {
    public var friendlyName: String?
    public var uniqueName: String?
    public var attributes: String?
    public var state: ChatConversationState?
    public var messagingServiceSid: String?
    public var inactiveTimer: Double?
    public var closedTimer: Double?

    public init() {}
}

/// Fields a participant or message update changes (nil: unchanged).
public struct ChatItemChange: Sendable {
    public var author: String?
    public var body: String?
    public var attributes: String?
    public var identity: String?
    public var roleSid: String?
    public var friendlyName: String?
    public var lastReadMessageIndex: Int?
    public var lastReadTimestamp: String?

    public init() {}
}

/// The actions on conversations, participants, messages, scoped webhooks and users: each asks
/// its pre-event webhook (which may block it or change its fields), happens, is recorded, and
/// sends its post event.
extension Conversations {
    // MARK: Conversations

    func createConversation(_ declaration: ChatConversationDeclaration, serviceSid: String, origin: ChatOrigin,
                            cause: Int?) async throws(PlatformError) -> Int {
        var declaration = declaration
        if let name = declaration.uniqueName, conversation(name, service: serviceSid) != nil {
            throw PlatformError(50353, "a conversation named '\(name)' exists already")
        }
        var parameters = [Parameter("Attributes", declaration.attributes), Parameter("State", declaration.state.rawValue)]
        if let name = declaration.friendlyName { parameters.append(Parameter("FriendlyName", name)) }
        if let name = declaration.uniqueName { parameters.append(Parameter("UniqueName", name)) }
        if let service = declaration.messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", service)) }
        let grant = try await preEvent("onConversationAdd", conversation: nil, serviceSid: serviceSid,
                                      parameters: parameters, origin: origin, resource: serviceSid,
                                      detail: declaration.uniqueName ?? declaration.friendlyName ?? "", cause: cause)
        if let name = grant.changes["friendlyName"] { declaration.friendlyName = name }
        if let name = grant.changes["uniqueName"] { declaration.uniqueName = name }
        if let attributes = grant.changes["attributes"] { declaration.attributes = attributes }
        let index = insertConversation(declaration, serviceSid: serviceSid)
        let recorded = record("onConversationAdded", conversation: index, resource: conversations[index].sid,
                              detail: declaration.uniqueName ?? declaration.friendlyName ?? "", cause: grant.cause)
        await postEvent("onConversationAdded", conversation: index, parameters: conversationParameters(index), origin: origin, cause: recorded)
        return index
    }

    func updateConversation(_ index: Int, _ change: ChatConversationChange, origin: ChatOrigin, cause: Int?) async throws(PlatformError) -> Int {
        var change = change
        if change.state != nil, conversations[index].state == .closed, change.state != .closed {
            throw PlatformError(20001, "conversation \(conversations[index].sid) is closed: a closed conversation stays closed")
        }
        if let name = change.uniqueName, let other = conversation(name, service: conversations[index].serviceSid), other != index {
            throw PlatformError(50353, "a conversation named '\(name)' exists already")
        }
        var parameters = conversationParameters(index)
        if let name = change.friendlyName { parameters.append(Parameter("FriendlyName", name)) }
        if let attributes = change.attributes { parameters.append(Parameter("Attributes", attributes)) }
        if let state = change.state { parameters.append(Parameter("State", state.rawValue)) }
        let grant = try await preEvent("onConversationUpdate", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: conversations[index].sid,
                                      detail: "update", cause: cause)
        if let name = grant.changes["friendlyName"] { change.friendlyName = name }
        if let attributes = grant.changes["attributes"] { change.attributes = attributes }
        if let name = change.friendlyName { conversations[index].friendlyName = name }
        if let name = change.uniqueName { conversations[index].uniqueName = name }
        if let attributes = change.attributes { conversations[index].attributes = attributes }
        if let service = change.messagingServiceSid { conversations[index].messagingServiceSid = service }
        if let timer = change.inactiveTimer { conversations[index].inactiveTimer = timer }
        if let timer = change.closedTimer { conversations[index].closedTimer = timer }
        conversations[index].dateUpdated = now
        let recorded = record("onConversationUpdated", conversation: index, resource: conversations[index].sid, detail: "updated",
                              cause: grant.cause)
        if let state = change.state { await changeState(of: index, to: state, reason: "API", origin: origin, cause: recorded) }
        if change.inactiveTimer != nil || change.closedTimer != nil || change.state == .active {
            conversations[index].lastActivity = now
            restartTimers(index)
        }
        await postEvent("onConversationUpdated", conversation: index, parameters: conversationParameters(index), origin: origin, cause: recorded)
        return index
    }

    func deleteConversation(_ index: Int, origin: ChatOrigin, cause: Int?) async throws(PlatformError) {
        let sid = conversations[index].sid
        let grant = try await preEvent("onConversationRemove", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: conversationParameters(index), origin: origin, resource: sid,
                                      detail: "remove", cause: cause)
        let parameters = conversationParameters(index)
        conversations[index].deleted = true
        releaseBindings(of: index)
        let recorded = record("onConversationRemoved", conversation: index, resource: sid, detail: "removed", cause: grant.cause)
        await postEvent("onConversationRemoved", conversation: index, parameters: parameters, origin: origin, cause: recorded)
    }

    // MARK: Participants

    func addParticipant(_ declaration: ChatParticipantDeclaration, to index: Int, origin: ChatOrigin,
                        cause: Int?) async throws(PlatformError) -> ChatParticipant {
        var declaration = declaration
        // Refused before the pre-event webhook is asked.
        if let refusal = refusal(of: declaration) { throw refusal }
        var parameters = [Parameter("ConversationSid", conversations[index].sid), Parameter("Attributes", declaration.attributes)]
        if let identity = declaration.identity { parameters.append(Parameter("Identity", identity)) }
        if let address = declaration.address { parameters.append(Parameter("MessagingBinding.Address", address)) }
        if let proxy = declaration.proxyAddress { parameters.append(Parameter("MessagingBinding.ProxyAddress", proxy)) }
        let grant = try await preEvent("onParticipantAdd", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: conversations[index].sid,
                                      detail: declaration.identity ?? declaration.address ?? "", cause: cause)
        if let attributes = grant.changes["attributes"] { declaration.attributes = attributes }
        let participant = try insertParticipant(declaration, inConversationAt: index).get()
        let recorded = record("onParticipantAdded", conversation: index, resource: participant.sid,
                              detail: participant.identity ?? participant.address ?? "", cause: grant.cause)
        await postEvent("onParticipantAdded", conversation: index, parameters: participantParameters(participant, conversation: index),
                        origin: origin, cause: recorded)
        return participant
    }

    func updateParticipant(_ sid: String, in index: Int, _ change: ChatItemChange, origin: ChatOrigin,
                           cause: Int?) async throws(PlatformError) -> ChatParticipant {
        guard let position = conversations[index].participant(sid: sid) else { throw PlatformError(20404, "no participant \(sid)") }
        var change = change
        var parameters = participantParameters(conversations[index].participants[position], conversation: index)
        if let attributes = change.attributes { parameters.append(Parameter("Attributes", attributes)) }
        let grant = try await preEvent("onParticipantUpdate", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: sid, detail: "update", cause: cause)
        if let attributes = grant.changes["attributes"] { change.attributes = attributes }
        if let role = grant.changes["roleSid"] { change.roleSid = role }
        var participant = conversations[index].participants[position]
        if let attributes = change.attributes { participant.attributes = attributes }
        if let role = change.roleSid { participant.roleSid = role }
        if let identity = change.identity { participant.identity = identity }
        if let read = change.lastReadMessageIndex { participant.lastReadMessageIndex = read }
        if let read = change.lastReadTimestamp { participant.lastReadTimestamp = read }
        participant.dateUpdated = now
        conversations[index].participants[position] = participant
        let recorded = record("onParticipantUpdated", conversation: index, resource: sid, detail: participant.identity ?? participant.address ?? "",
                              cause: grant.cause)
        await postEvent("onParticipantUpdated", conversation: index, parameters: participantParameters(participant, conversation: index),
                        origin: origin, cause: recorded)
        return participant
    }

    func removeParticipant(_ sid: String, from index: Int, origin: ChatOrigin, cause: Int?) async throws(PlatformError) {
        guard let position = conversations[index].participant(sid: sid) else { throw PlatformError(20404, "no participant \(sid)") }
        let parameters = participantParameters(conversations[index].participants[position], conversation: index)
        let grant = try await preEvent("onParticipantRemove", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: sid, detail: "remove", cause: cause)
        let removed = conversations[index].participants.remove(at: position)
        if let binding = removed.binding, bindings[binding] == index { bindings[binding] = nil }
        let recorded = record("onParticipantRemoved", conversation: index, resource: sid, detail: removed.identity ?? removed.address ?? "",
                              cause: grant.cause)
        await postEvent("onParticipantRemoved", conversation: index, parameters: parameters, origin: origin, cause: recorded)
    }

    // MARK: Messages

    /// Adds a message: the pre-event webhook may block it or change its body, author or
    /// attributes; it is then delivered to the SMS participants other than its author.
    func addMessage(to index: Int, author: String, body: String?, attributes: String, mediaURLs: [String], participantSid: String?,
                    origin: ChatOrigin, cause: Int?) async throws(PlatformError) -> ChatMessage {
        var (author, body, attributes) = (author, body, attributes)
        var parameters = [Parameter("ConversationSid", conversations[index].sid), Parameter("Author", author),
                          Parameter("Body", body ?? ""), Parameter("Attributes", attributes)]
        if let participantSid { parameters.append(Parameter("ParticipantSid", participantSid)) }
        if let service = conversations[index].messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", service)) }
        let grant = try await preEvent("onMessageAdd", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: conversations[index].sid,
                                      detail: "\(author): \"\(body ?? "")\"", cause: cause)
        if let text = grant.changes["body"] { body = text }
        if let name = grant.changes["author"] { author = name }
        if let text = grant.changes["attributes"] { attributes = text }
        let message = ChatMessage(sid: sids.next(.conversationMessage).description, index: conversations[index].messages.count,
                                  author: author, body: body, attributes: attributes,
                                  media: mediaURLs.map { ChatMedia(sid: sids.next(.media).description, url: $0) }, participantSid: participantSid,
                                  source: origin.source, dateCreated: now, dateUpdated: now)
        conversations[index].messages.append(message)
        conversations[index].dateUpdated = now
        conversations[index].lastActivity = now
        let recorded = record("onMessageAdded", conversation: index, resource: message.sid, detail: "#\(message.index) \(author): \"\(body ?? "")\"",
                              message: message, cause: grant.cause)
        if conversations[index].state == .inactive {
            await changeState(of: index, to: .active, reason: "MESSAGE", origin: origin, cause: recorded)
        }
        restartTimers(index)
        deliverToSMSParticipants(conversations[index].messages.count - 1, of: index, cause: recorded)
        await postEvent("onMessageAdded", conversation: index, parameters: messageParameters(message, conversation: index), origin: origin,
                        cause: recorded, messageBody: body)
        return message
    }

    func updateMessage(_ sid: String, in index: Int, _ change: ChatItemChange, origin: ChatOrigin,
                       cause: Int?) async throws(PlatformError) -> ChatMessage {
        guard let position = conversations[index].messages.firstIndex(where: { $0.sid == sid && !$0.deleted }) else {
            throw PlatformError(20404, "no message \(sid)")
        }
        var change = change
        var parameters = messageParameters(conversations[index].messages[position], conversation: index)
        if let body = change.body { parameters.append(Parameter("Body", body)) }
        let grant = try await preEvent("onMessageUpdate", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: sid, detail: "update", cause: cause)
        if let text = grant.changes["body"] { change.body = text }
        if let name = grant.changes["author"] { change.author = name }
        if let text = grant.changes["attributes"] { change.attributes = text }
        var message = conversations[index].messages[position]
        if let author = change.author { message.author = author }
        if let body = change.body { message.body = body }
        if let attributes = change.attributes { message.attributes = attributes }
        message.dateUpdated = now
        conversations[index].messages[position] = message
        let recorded = record("onMessageUpdated", conversation: index, resource: sid, detail: "#\(message.index) \(message.author): \"\(message.body ?? "")\"",
                              message: message, cause: grant.cause)
        await postEvent("onMessageUpdated", conversation: index, parameters: messageParameters(message, conversation: index), origin: origin,
                        cause: recorded)
        return message
    }

    func removeMessage(_ sid: String, from index: Int, origin: ChatOrigin, cause: Int?) async throws(PlatformError) {
        guard let position = conversations[index].messages.firstIndex(where: { $0.sid == sid && !$0.deleted }) else {
            throw PlatformError(20404, "no message \(sid)")
        }
        let parameters = messageParameters(conversations[index].messages[position], conversation: index)
        let grant = try await preEvent("onMessageRemove", conversation: index, serviceSid: conversations[index].serviceSid,
                                      parameters: parameters, origin: origin, resource: sid, detail: "remove", cause: cause)
        conversations[index].messages[position].deleted = true
        let recorded = record("onMessageRemoved", conversation: index, resource: sid, detail: "#\(conversations[index].messages[position].index)",
                              cause: grant.cause)
        await postEvent("onMessageRemoved", conversation: index, parameters: parameters, origin: origin, cause: recorded)
    }

    // MARK: Scoped webhooks

    /// Adds a scoped webhook; with `replayAfter`, the messages after that index are replayed to it
    /// as `onMessageAdded` events.
    func addWebhook(_ declaration: ChatWebhookDeclaration, to index: Int, cause: Int?) async -> ChatWebhook {
        let webhook = insertWebhook(declaration, inConversationAt: index)
        if let after = declaration.replayAfter {
            for message in conversations[index].liveMessages where message.index > after
                && Self.hears(declaration, event: "onMessageAdded", body: message.body) {
                let parameters = [Parameter("EventType", "onMessageAdded"), Parameter("AccountSid", accountSid.description),
                                  Parameter("ChatServiceSid", conversations[index].serviceSid), Parameter("Source", message.source)]
                    + messageParameters(message, conversation: index) + [Parameter("RetryCount", "0")]
                await callScoped(webhook, parameters: parameters, resource: conversations[index].sid, cause: cause)
            }
        }
        return webhook
    }

    // MARK: Users

    func createUser(identity: String, serviceSid: String, change: ChatItemChange, origin: ChatOrigin, cause: Int?) async throws(PlatformError) -> ChatUser {
        guard !users.contains(where: { !$0.deleted && $0.serviceSid == serviceSid && $0.identity == identity }) else {
            throw PlatformError(50201, "a user with identity '\(identity)' exists already")
        }
        let user = ChatUser(sid: sids.next(.user).description, serviceSid: serviceSid, identity: identity, friendlyName: change.friendlyName,
                            attributes: change.attributes ?? "{}", roleSid: change.roleSid, dateCreated: now, dateUpdated: now)
        users.append(user)
        let recorded = record("onUserAdded", conversation: nil, resource: user.sid, detail: identity, cause: cause)
        await postEvent("onUserAdded", conversation: nil, serviceSid: serviceSid, parameters: userParameters(user), origin: origin, cause: recorded)
        return user
    }

    func updateUser(_ position: Int, _ change: ChatItemChange, origin: ChatOrigin, cause: Int?) async throws(PlatformError) -> ChatUser {
        var change = change
        let serviceSid = users[position].serviceSid
        var parameters = userParameters(users[position])
        if let name = change.friendlyName { parameters.append(Parameter("FriendlyName", name)) }
        let grant = try await preEvent("onUserUpdate", conversation: nil, serviceSid: serviceSid,
                                      parameters: parameters, origin: origin, resource: users[position].sid, detail: "update", cause: cause)
        if let name = grant.changes["friendlyName"] { change.friendlyName = name }
        if let attributes = grant.changes["attributes"] { change.attributes = attributes }
        if let name = change.friendlyName { users[position].friendlyName = name }
        if let attributes = change.attributes { users[position].attributes = attributes }
        if let role = change.roleSid { users[position].roleSid = role }
        users[position].dateUpdated = now
        let recorded = record("onUserUpdated", conversation: nil, resource: users[position].sid, detail: users[position].identity,
                              cause: grant.cause)
        await postEvent("onUserUpdated", conversation: nil, serviceSid: serviceSid, parameters: userParameters(users[position]), origin: origin,
                        cause: recorded)
        return users[position]
    }

    func userParameters(_ user: ChatUser) -> [Parameter] {
        var parameters = [Parameter("UserSid", user.sid), Parameter("Identity", user.identity), Parameter("Attributes", user.attributes)]
        if let name = user.friendlyName { parameters.append(Parameter("FriendlyName", name)) }
        return parameters
    }
}
