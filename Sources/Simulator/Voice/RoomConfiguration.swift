/// The other people in a conference: each calls in on their own (their calls run no TwiML of
/// the app's) at a moment counted from the first entry into the room (docs/scenarios.md,
/// Conferences and queues).
public struct ConferenceRoom: Sendable {
    public var name: String
    /// How many participants must be present, one of them with `startConferenceOnEnter`, for
    /// the conference to start: 2 as the platform's own example has it, or 1.
    public var startsWith = 2
    public var participants: [ConferenceParticipant] = []

    public init(name: String) {
        self.name = name
    }
}

/// One declared participant of a conference.
public struct ConferenceParticipant: Sendable {
    public var number: String
    /// Seconds after the room's first entry at which they join.
    public var joins: Double = 0
    /// Seconds they stay; nil: until the conference ends.
    public var stays: Double?
    public var startConferenceOnEnter = true
    public var endConferenceOnExit = false
    public var muted = false

    public init(number: String) {
        self.number = number
    }
}

/// A queue's other side: the agent who takes callers from it, and callers already waiting in it.
public struct QueueRoom: Sendable {
    public var name: String
    /// Someone who dequeues an enqueued caller (`<Dial><Queue>` on their side), nil: nobody does.
    public var agent: QueueAgent?
    /// Callers waiting in the queue, for a `<Dial><Queue>` to take (first in, first out).
    public var waiting: [QueueCaller] = []

    public init(name: String) {
        self.name = name
    }
}

/// The agent of a queue.
public struct QueueAgent: Sendable {
    public var number: String
    /// Seconds after a caller is enqueued at which the agent takes them.
    public var answersAfter: Double = 10
    /// Seconds the agent talks once bridged, then hangs up.
    public var talks: Double = 60

    public init(number: String) {
        self.number = number
    }
}

/// A caller already waiting in a queue.
public struct QueueCaller: Sendable {
    public var number: String
    /// Seconds they have waited when the scenario starts.
    public var waited: Double = 0
    /// Seconds they talk once bridged, then hang up.
    public var talks: Double = 60

    public init(number: String) {
        self.number = number
    }
}
