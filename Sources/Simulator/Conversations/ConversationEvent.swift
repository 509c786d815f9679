import Platform

/// One Conversations action on the timeline: what happened, to which conversation and resource,
/// in a few words; `blockedCode` when the pre-event webhook blocked it (the failure's code).
public struct ConversationEvent: Sendable {
    /// The post event of what happened (`onMessageAdded` …), or the pre event that was blocked.
    public let event: String
    public let conversationSid: String?
    /// The resource acted on: `CH…`, `MB…`, `IM…`, `DY…`, `WH…`, `US…`.
    public let resourceSid: String
    /// A few words: the message's author and body, the state change …
    public let detail: String
    public let blockedCode: TwilioErrorCode?

    public var blocked: Bool { blockedCode != nil }
}
