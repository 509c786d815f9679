import Platform

/// One Conversations action on the timeline: what happened, to which conversation and resource,
/// the conversation's state after it, and for a message its index, author and body as they then
/// stand; `blockedCode` when the pre-event webhook blocked it (the failure's code).
public struct ConversationEvent: Sendable {
    /// A message as an event leaves it.
    public struct Message: Sendable, Equatable {
        public let sid: String
        public let index: Int
        public let author: String
        public let body: String
    }

    /// The post event of what happened (`onMessageAdded` …), or the pre event that was blocked.
    public let event: String
    public let conversationSid: String?
    public let uniqueName: String?
    /// The conversation's state after the action.
    public let state: ChatConversationState?
    /// The resource acted on: `CH…`, `MB…`, `IM…`, `DY…`, `WH…`, `US…`.
    public let resourceSid: String
    /// A few words: the message's author and body, the state change …
    public let detail: String
    public let message: Message?
    public let blockedCode: TwilioErrorCode?

    public var blocked: Bool { blockedCode != nil }
}

/// A conversation as its timeline entries tell it: its state at the end, its messages (updated
/// and removed as they were), its participants' count and the actions its pre-event webhooks blocked.
public struct ConversationSummary: Sendable {
    public let sid: String
    public internal(set) var uniqueName: String?
    public internal(set) var state: ChatConversationState?
    public internal(set) var messages: [ConversationEvent.Message] = []
    public internal(set) var participants = 0
    public internal(set) var blocked: [ConversationEvent] = []

    /// Folds one more event of this conversation in.
    mutating func apply(_ event: ConversationEvent) {
        if let name = event.uniqueName { uniqueName = name }
        if let state = event.state { self.state = state }
        if event.blocked {
            blocked.append(event)
            return
        }
        switch event.event {
        case "onParticipantAdded": participants += 1
        case "onParticipantRemoved": participants -= 1
        case "onMessageAdded":
            if let message = event.message { messages.append(message) }
        case "onMessageUpdated":
            if let message = event.message, let position = messages.firstIndex(where: { $0.sid == message.sid }) { messages[position] = message }
        case "onMessageRemoved":
            messages.removeAll { $0.sid == event.resourceSid }
        default:
            break
        }
    }
}
