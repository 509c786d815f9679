/// The Voice state of a world: calls and queues (conferences are known ahead when a caller
/// joins, and live on the timeline alone).
struct VoiceState {
    /// Calls (inbound calls and the legs they dialled) in the order they were created.
    var calls: [Call] = []
    /// The SID of each named queue, and how many of its declared waiting callers were taken.
    var queueSids: [String: String] = [:]
    var dequeued: [String: Int] = [:]
}
