/// The state of a conversation: `active` (and `inactive` after its inactive timer) relay and
/// hold their SMS bindings; `closed` holds none.
public enum ChatConversationState: String, Sendable, CaseIterable {
    case initializing, inactive, active, closed
}

/// A Conversation Service (`IS…`), the account's default one among them.
public struct ChatService: Sendable {
    public let sid: String
    public let friendlyName: String
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
    public internal(set) var webhooks: ConversationWebhookTargets
    public let isDefault: Bool
    var deleted = false
}

/// A participant (`MB…`): a chat identity, or an SMS binding of an address and a proxy address.
public struct ChatParticipant: Sendable {
    public let sid: String
    public internal(set) var identity: String?
    public let address: String?
    public internal(set) var proxyAddress: String?
    public internal(set) var attributes: String
    public internal(set) var roleSid: String?
    public internal(set) var lastReadMessageIndex: Int?
    public internal(set) var lastReadTimestamp: String?
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double

    /// Its SMS binding's key, when it has one.
    var binding: String? {
        guard let address, let proxyAddress else { return nil }
        return Self.bindingKey(address, proxyAddress)
    }

    /// The key of an address and proxy address pair in `Conversations.bindings`.
    static func bindingKey(_ address: String, _ proxyAddress: String) -> String {
        address + "|" + proxyAddress
    }
}

/// One delivery of a message to an SMS participant (`DY…`), following the SMS it was sent as.
public struct ChatDeliveryReceipt: Sendable {
    public let sid: String
    public let participantSid: String
    /// The outbound message (`SM…`) it follows.
    public let channelMessageSid: String
    public internal(set) var status: String
    public internal(set) var errorCode: Int?
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}

/// A medium of a message (`ME…`): an MMS's media, by the URL it was fetched from.
public struct ChatMedia: Sendable {
    public let sid: String
    public let url: String
}

/// A message of a conversation (`IM…`).
public struct ChatMessage: Sendable {
    public let sid: String
    public let index: Int
    public internal(set) var author: String
    public internal(set) var body: String?
    public internal(set) var attributes: String
    public let media: [ChatMedia]
    public let participantSid: String?
    /// Where it came from: `SDK`, `API` or `SMS`.
    public let source: String
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
    public internal(set) var receipts: [ChatDeliveryReceipt] = []
    var deleted = false
}

/// A conversation-scoped webhook (`WH…`).
public struct ChatWebhook: Sendable {
    public let sid: String
    public internal(set) var declaration: ChatWebhookDeclaration
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}

/// A conversation (`CH…`) with its participants, messages and scoped webhooks.
public struct ChatConversation: Sendable {
    public let sid: String
    public let serviceSid: String
    public internal(set) var uniqueName: String?
    public internal(set) var friendlyName: String?
    public internal(set) var attributes: String
    public internal(set) var state: ChatConversationState
    public internal(set) var messagingServiceSid: String?
    public internal(set) var inactiveTimer: Double?
    public internal(set) var closedTimer: Double?
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
    public internal(set) var participants: [ChatParticipant] = []
    public internal(set) var messages: [ChatMessage] = []
    public internal(set) var webhooks: [ChatWebhook] = []
    /// When its timers count from: its creation, its last message, its last state change.
    var lastActivity: Double
    /// Bumped at each activity: a timer set before it is stale.
    var timerGeneration = 0
    var deleted = false

    /// When it becomes inactive (an active conversation with an inactive timer).
    public var dateInactive: Double? {
        guard state == .active, let inactiveTimer else { return nil }
        return lastActivity + inactiveTimer
    }

    /// When it closes (a conversation not closed, with a closed timer).
    public var dateClosed: Double? {
        guard state != .closed, let closedTimer else { return nil }
        return lastActivity + closedTimer
    }

    /// The messages not deleted, in order.
    public var liveMessages: [ChatMessage] { messages.filter { !$0.deleted } }

    func participant(sid: String) -> Int? {
        participants.firstIndex { $0.sid == sid }
    }
}

/// A chat user (`US…`) of a service.
public struct ChatUser: Sendable {
    public let sid: String
    public let serviceSid: String
    public let identity: String
    public internal(set) var friendlyName: String?
    public internal(set) var attributes: String
    public internal(set) var roleSid: String?
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
    var deleted = false
}
