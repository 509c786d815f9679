import TwiML
import Webhooks

/// Where a Conversations service (or the account) sends its pre- and post-event webhooks, and
/// which events it sends (`Filters`: an event not listed does not fire; none listed, none fire).
public struct ConversationWebhookTargets: Sendable, Equatable {
    public var preWebhookURL: String?
    public var postWebhookURL: String?
    public var method: HTTPMethod = .post
    public var filters: [String] = []

    public init(preWebhookURL: String? = nil, postWebhookURL: String? = nil, method: HTTPMethod = .post, filters: [String] = []) {
        self.preWebhookURL = preWebhookURL
        self.postWebhookURL = postWebhookURL
        self.method = method
        self.filters = filters
    }

    /// Whether a target is configured at all.
    public var isSet: Bool { preWebhookURL != nil || postWebhookURL != nil }
}

/// A Conversation Service a scenario declares (the account's default one always exists).
public struct ChatServiceDeclaration: Sendable {
    public var friendlyName: String
    public var sid: String?
    public var webhooks = ConversationWebhookTargets()

    public init(friendlyName: String, sid: String? = nil, webhooks: ConversationWebhookTargets = ConversationWebhookTargets()) {
        self.friendlyName = friendlyName
        self.sid = sid
        self.webhooks = webhooks
    }
}

/// A participant of a declared conversation: a chat identity, or an SMS binding.
public struct ChatParticipantDeclaration: Sendable {
    public var identity: String?
    public var address: String?
    public var proxyAddress: String?
    public var attributes = "{}"

    public init(identity: String? = nil, address: String? = nil, proxyAddress: String? = nil, attributes: String = "{}") {
        self.identity = identity
        self.address = address
        self.proxyAddress = proxyAddress
        self.attributes = attributes
    }
}

/// A conversation-scoped webhook: `webhook` (post events, filtered), `trigger` (a message with
/// one of its keywords) or `studio` (recorded, not run: Studio is not simulated).
public struct ChatWebhookDeclaration: Sendable {
    public var target: String
    public var url: String?
    /// Lower-case, as the platform's enum for this resource: `get` or `post`.
    public var method = "post"
    public var filters: [String] = []
    public var triggers: [String] = []
    public var flowSid: String?
    /// The post events of messages after this index are replayed to it when it is created.
    public var replayAfter: Int?

    public init(target: String, url: String? = nil, method: String = "post", filters: [String] = [], triggers: [String] = [],
                flowSid: String? = nil, replayAfter: Int? = nil) {
        self.target = target
        self.url = url
        self.method = method
        self.filters = filters
        self.triggers = triggers
        self.flowSid = flowSid
        self.replayAfter = replayAfter
    }
}

/// A conversation that exists when the scenario starts.
public struct ChatConversationDeclaration: Sendable {
    public var uniqueName: String?
    public var friendlyName: String?
    /// The friendly name of its service (nil: the account's default service).
    public var service: String?
    public var attributes = "{}"
    public var state: ChatConversationState = .active
    /// `timers.inactive` and `timers.closed`, seconds after the last activity.
    public var inactiveTimer: Double?
    public var closedTimer: Double?
    public var messagingServiceSid: String?
    public var participants: [ChatParticipantDeclaration] = []
    public var webhooks: [ChatWebhookDeclaration] = []

    public init() {}
}

/// What a scenario declares of Conversations: services, the account-level webhooks, conversations.
public struct ConversationsConfiguration: Sendable {
    public var services: [ChatServiceDeclaration] = []
    /// The account-level (global) webhooks: they serve the default service's conversations.
    public var webhooks = ConversationWebhookTargets()
    public var conversations: [ChatConversationDeclaration] = []

    public init() {}
}
