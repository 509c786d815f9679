/// The Voice service of a world: calls and the TwiML they run (VoiceInterpreter.swift and the
/// verbs' files), dialled legs, conferences and queues. Conferences are known ahead when a
/// caller joins, and live on the timeline alone.
final class Voice: WorldService {
    unowned(unsafe) let world: World
    /// Calls (inbound calls and the legs they dialled) in the order they were created.
    var calls: [Call] = []
    /// The SID of each named queue, and how many of its declared waiting callers were taken.
    var queueSids: [String: String] = [:]
    var dequeued: [String: Int] = [:]
    /// What the app asked of live calls through the API, by call SID, taken at the next verb.
    var updates: [String: CallUpdate] = [:]
    /// Recordings the calls made, in order.
    var recordings: [Recording] = []
    /// Calls and recordings deleted through the API.
    var deleted: Set<String> = []

    init(world: World) {
        self.world = world
    }
}
