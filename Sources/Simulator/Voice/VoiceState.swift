/// The Voice state of a world: calls, conferences and queues.
struct VoiceState {
    /// Calls (inbound calls and the legs they dialled) in the order they were created.
    var calls: [Call] = []
    /// Conferences in the order they started, with their events.
    var conferences: [ConferenceRecord] = []
    /// The SID of each named queue, and how many of its declared waiting callers were taken.
    var queueSids: [String: String] = [:]
    var dequeued: [String: Int] = [:]
}
