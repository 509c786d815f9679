import Platform
import Webhooks

/// Everything that happened in one simulated world, in order, each entry with the entry that
/// caused it: the one record of a scenario. Expectations, reports and the journal are views of
/// it (`TimelineRecord` folds it into messages, calls and sessions); the simulator only appends.
public final class Timeline {
    public private(set) var entries: [TimelineEntry] = []
    /// Sees each entry as it is appended: the run's journal streams them.
    private let observer: (any TimelineObserver)?

    public init(observer: (any TimelineObserver)? = nil) {
        self.observer = observer
    }

    /// Appends an event and returns its index (to name it as the cause of later events).
    @discardableResult
    public func append(_ event: TimelineEvent, at time: Double, cause: Int?) -> Int {
        let entry = TimelineEntry(index: entries.count, time: time, cause: cause, event: event)
        entries.append(entry)
        observer?.appended(entry)
        return entry.index
    }

    /// The webhooks called, in order.
    public var webhooks: [WebhookEvent] {
        entries.compactMap { if case .webhook(let webhook) = $0.event { return webhook } else { return nil } }
    }

    /// Platform errors and dropped events, in order.
    public var problems: [Problem] {
        entries.compactMap { if case .problem(let problem) = $0.event { return problem } else { return nil } }
    }
}

/// Sees a timeline's entries as they are appended, on the world's task.
public protocol TimelineObserver: AnyObject {
    func appended(_ entry: TimelineEntry)
}

/// One entry of the timeline.
public struct TimelineEntry: Sendable {
    public let index: Int
    /// Virtual time, seconds since 1970.
    public let time: Double
    /// The index of the entry that caused this one.
    public let cause: Int?
    public let event: TimelineEvent
}

/// What can happen in a simulated world. Resources appear with their state when they are
/// created (a message, a call) and each change after as an entry of its own, or, for the
/// resources whose every field can change (a Proxy session, an interaction), as their whole
/// state after the change. The cases with large payloads are `indirect`: an entry is then the
/// size of the small ones (a status change), not of the largest (a session): a timeline of a
/// hundred thousand messages holds a third less.
public enum TimelineEvent: Sendable {
    /// An SMS or MMS arrived from a handset.
    indirect case inboundMessage(InboundMessage)
    /// A call was created: a handset calling in, or a leg the platform dialled.
    indirect case callCreated(Call)
    /// A call (or a leg it dialled) changed status.
    case callStatus(sid: String, status: CallStatus)
    /// Something happened on a call: a verb ran, the caller answered a `<Gather>`, hung up.
    indirect case callStep(sid: String, CallStep)
    /// A conference the caller joined, with its events at their moments on the clock.
    indirect case conference(ConferenceRecord)
    /// The application called the platform's REST API (or a scenario step stood in for it).
    indirect case apiRequest(APIRequestEvent)
    /// The REST API answered a request.
    case apiResponse(APIResponseEvent)
    /// The platform called a URL: the delivery with every exchange, and what it came to.
    indirect case webhook(WebhookEvent)
    /// An outbound message was created (in its initial status).
    indirect case messageCreated(OutboundMessage)
    /// An outbound message changed status.
    case messageStatus(sid: String, status: MessageStatus, errorCode: TwilioErrorCode?)
    /// A Proxy session as it is after it was created or changed.
    indirect case proxySession(ProxySession)
    /// A Proxy interaction as it is after it was created, relayed, blocked or updated.
    indirect case interaction(ProxyInteraction)
    /// A Conversations action happened (named by its post event: `onMessageAdded` …), or was
    /// blocked by its pre-event webhook (named by the pre event: `onMessageAdd` …).
    indirect case conversation(ConversationEvent)
    /// The platform raised an error or dropped something, as its debugger would show.
    indirect case problem(Problem)
}
