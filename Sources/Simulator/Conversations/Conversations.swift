import Platform
import Webhooks

/// The Conversations service of a world: services (the account's default among them), their
/// conversations with participants, messages and scoped webhooks, and users
/// (ConversationActions.swift); the pre- and post-event webhooks at the account, service and
/// conversation levels (ConversationHooks.swift); SMS participants bridged through the Messaging
/// simulation (ConversationBridge.swift); and the inactive and closed timers on the clock.
final class Conversations: WorldService {
    unowned(unsafe) let world: World
    var services: [ChatService] = []
    var conversations: [ChatConversation] = []
    var users: [ChatUser] = []
    /// The account-level (global) webhooks, for the default service's conversations.
    var accountWebhooks = ConversationWebhookTargets()
    /// The conversation (index) holding each SMS binding (`address|proxy address`) while it is not closed.
    var bindings: [String: Int] = [:]
    /// Each SMS sent to a participant: the conversation and message (indexes) it delivers.
    var deliveries: [String: (conversation: Int, message: Int, participant: String)] = [:]
    /// The SIDs of what Conversations makes: a stream of their own, so that a world whose
    /// scenario uses no Conversations has the SIDs it had before they existed.
    var sids: SIDGenerator

    init(world: World) {
        self.world = world
        sids = SIDGenerator(seed: world.configuration.seed, stream: world.configuration.stream + "/conversations")
    }

    /// The default service, the declared services and conversations (on the timeline; no webhook
    /// fires for what the scenario declares).
    func setUp() {
        let declared = configuration.conversations
        accountWebhooks = declared.webhooks
        services.append(ChatService(sid: sids.next(.conversationService).description, friendlyName: "Default Conversations Service",
                                    dateCreated: now, dateUpdated: now, webhooks: ConversationWebhookTargets(), isDefault: true))
        for service in declared.services {
            services.append(ChatService(sid: service.sid ?? sids.next(.conversationService).description, friendlyName: service.friendlyName,
                                        dateCreated: now, dateUpdated: now, webhooks: service.webhooks, isDefault: false))
        }
        for conversation in declared.conversations {
            let serviceSid = conversation.service.flatMap { name in services.first { $0.friendlyName == name }?.sid } ?? defaultService.sid
            let index = insertConversation(conversation, serviceSid: serviceSid)
            let declared = record("onConversationAdded", conversation: index, resource: conversations[index].sid, detail: "declared", cause: nil)
            for participant in conversation.participants {
                switch insertParticipant(participant, inConversationAt: index) {
                case .success(let added):
                    record("onParticipantAdded", conversation: index, resource: added.sid, detail: (added.identity ?? added.address ?? "") + " declared",
                           cause: declared)
                case .failure(let error):
                    problem(error.code, error.message, cause: declared)
                }
            }
            for webhook in conversation.webhooks { insertWebhook(webhook, inConversationAt: index) }
        }
    }

    var defaultService: ChatService { services[0] }

    /// The live conversation with this SID or unique name (as the API takes either).
    func conversation(_ sidOrName: String, service: String? = nil) -> Int? {
        conversations.lastIndex { conversation in
            !conversation.deleted && (conversation.sid == sidOrName || conversation.uniqueName == sidOrName)
                && (service == nil || conversation.serviceSid == service)
        }
    }

    /// Adds a conversation as it is declared or created; its timers start.
    @discardableResult
    func insertConversation(_ declaration: ChatConversationDeclaration, serviceSid: String) -> Int {
        let conversation = ChatConversation(
            sid: sids.next(.conversation).description, serviceSid: serviceSid, uniqueName: declaration.uniqueName,
            friendlyName: declaration.friendlyName, attributes: declaration.attributes, state: declaration.state,
            messagingServiceSid: declaration.messagingServiceSid, inactiveTimer: declaration.inactiveTimer,
            closedTimer: declaration.closedTimer, dateCreated: now, dateUpdated: now, lastActivity: now)
        conversations.append(conversation)
        restartTimers(conversations.count - 1)
        return conversations.count - 1
    }

    /// Why a participant cannot be added: an incomplete SMS binding, or one already held by a
    /// conversation not closed (50416); nil when it can.
    func refusal(of declaration: ChatParticipantDeclaration) -> PlatformError? {
        guard declaration.address != nil || declaration.proxyAddress != nil else {
            return declaration.identity == nil ? PlatformError(20001, "a participant needs an Identity or a MessagingBinding.Address") : nil
        }
        guard let address = declaration.address, let proxyAddress = declaration.proxyAddress else {
            return PlatformError(20001, "an SMS participant needs MessagingBinding.Address and MessagingBinding.ProxyAddress")
        }
        guard let holder = bindings[ChatParticipant.bindingKey(address, proxyAddress)] else { return nil }
        return PlatformError(50416, "A binding for this participant and proxy address already exists in Conversation " + conversations[holder].sid)
    }

    /// Frees the SMS bindings a conversation holds (it closed, or is gone).
    func releaseBindings(of index: Int) {
        for participant in conversations[index].participants {
            if let binding = participant.binding, bindings[binding] == index { bindings[binding] = nil }
        }
    }

    /// Adds a participant, unless `refusal` refuses it.
    func insertParticipant(_ declaration: ChatParticipantDeclaration, inConversationAt index: Int) -> Result<ChatParticipant, PlatformError> {
        if let refusal = refusal(of: declaration) { return .failure(refusal) }
        let participant = ChatParticipant(sid: sids.next(.conversationParticipant).description, identity: declaration.identity,
                                          address: declaration.address, proxyAddress: declaration.proxyAddress,
                                          attributes: declaration.attributes, roleSid: nil, lastReadMessageIndex: nil,
                                          lastReadTimestamp: nil, dateCreated: now, dateUpdated: now)
        conversations[index].participants.append(participant)
        if let binding = participant.binding, conversations[index].state != .closed { bindings[binding] = index }
        return .success(participant)
    }

    @discardableResult
    func insertWebhook(_ declaration: ChatWebhookDeclaration, inConversationAt index: Int) -> ChatWebhook {
        let webhook = ChatWebhook(sid: sids.next(.conversationWebhook).description, declaration: declaration, dateCreated: now, dateUpdated: now)
        conversations[index].webhooks.append(webhook)
        if declaration.target == "studio" {
            problem(nil, "conversation \(conversations[index].sid): Studio flows are not simulated; webhook \(webhook.sid) calls nothing",
                    cause: nil)
        }
        return webhook
    }

    // MARK: Timers

    /// Counts the timers again from now (an activity): the ones set before are stale.
    func restartTimers(_ index: Int) {
        conversations[index].timerGeneration += 1
        let conversation = conversations[index]
        for time in [conversation.dateInactive, conversation.dateClosed].compactMap({ $0 }) {
            schedule(.conversationTimer(conversation: index, generation: conversation.timerGeneration), at: time)
        }
    }

    /// A timer came: the conversation becomes inactive, or closes, unless something happened since.
    func timerFired(conversation index: Int, generation: Int) async {
        let conversation = conversations[index]
        guard !conversation.deleted, conversation.timerGeneration == generation else { return }
        if let closing = conversation.dateClosed, closing <= now {
            await changeState(of: index, to: .closed, reason: "TIMER", cause: nil)
        } else if let inactive = conversation.dateInactive, inactive <= now {
            await changeState(of: index, to: .inactive, reason: "TIMER", cause: nil)
        }
    }

    /// Moves a conversation to a state: a closed one frees its bindings (closed is final); the post
    /// events follow.
    func changeState(of index: Int, to state: ChatConversationState, reason: String, origin: ChatOrigin = .platform, cause: Int?) async {
        let from = conversations[index].state
        guard from != state else { return }
        conversations[index].state = state
        conversations[index].dateUpdated = now
        if state == .closed { releaseBindings(of: index) }
        let recorded = record("onConversationStateUpdated", conversation: index, resource: conversations[index].sid,
                              detail: "\(from.rawValue) → \(state.rawValue) (\(reason))", cause: cause)
        var parameters = conversationParameters(index)
        parameters += [Parameter("StateFrom", from.rawValue), Parameter("StateTo", state.rawValue), Parameter("Reason", reason)]
        await postEvent("onConversationStateUpdated", conversation: index, parameters: parameters, origin: origin, cause: recorded)
    }
}
