/// The Messaging state of a world: outbound messages, and what routing and the limits remember.
struct MessagingState {
    /// Outbound messages in the order they were created, and each one's place by SID.
    var messages: [OutboundMessage] = []
    var messageIndex: [String: Int] = [:]
    /// The sender each recipient last heard from, per Messaging Service (sticky sender).
    var stickySenders: [String: String] = [:]
    /// When replies between a From/To pair were sent (the 30-in-30-seconds guard).
    var recentReplies: [String: [Double]] = [:]
}
