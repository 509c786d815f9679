/// The Messaging service of a world: inbound messages to the app's webhooks and their replies
/// (InboundMessaging.swift), outbound messages and their status lifecycle
/// (OutboundMessaging.swift), and what routing and the limits remember.
final class Messaging: WorldService {
    unowned(unsafe) let world: World
    /// Outbound messages in the order they were created, and each one's place by SID.
    var messages: [OutboundMessage] = []
    var messageIndex: [String: Int] = [:]
    /// The sender each recipient last heard from, per Messaging Service (sticky sender).
    var stickySenders: [String: String] = [:]
    /// When replies between a From/To pair were sent (the 30-in-30-seconds guard).
    var recentReplies: [String: [Double]] = [:]
    /// Handset and number pairs where the handset texted an opt-out keyword (STOP …).
    var optedOut: Set<String> = []
    /// Messages, and media of messages (`SM…/index`), deleted through the API.
    var deleted: Set<String> = []

    init(world: World) {
        self.world = world
    }

    /// The outbound message with this SID.
    func message(_ sid: String) -> OutboundMessage? {
        messageIndex[sid].map { messages[$0] }
    }

    func add(_ message: OutboundMessage) {
        messageIndex[message.sid] = messages.count
        messages.append(message)
    }

    func update(_ sid: String, _ change: (inout OutboundMessage) -> Void) {
        guard let index = messageIndex[sid] else { return }
        change(&messages[index])
    }
}
