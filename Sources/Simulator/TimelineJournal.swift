import Traffic

/// Streams a scenario's timeline into the run's journal as it happens: each webhook's own
/// exchanges as exchange lines (with `"entry"`, the webhook's index on the timeline), every
/// other entry as a line of its own (`{"scenario", "entry", "cause", "time", "type", "sid",
/// "summary"}`). Lines are written in batches of whole lines, at `batchSize` bytes and when
/// the scenario ends (`flush`), so a run killed at any moment leaves a journal valid up to its
/// last complete line.
public final class TimelineJournal: TimelineObserver {
    private let journal: TrafficJournal
    private let scenario: String
    private let start: Double
    private var pending = JSONWriter()
    /// Pending bytes beyond which they are written at once.
    static let batchSize = 64 * 1024

    /// `scenario`: the label of its lines; `start`: its start on the virtual clock (a summary's
    /// `+Ns` counts from it; `time` is virtual seconds since 1970, as an exchange's).
    public init(journal: TrafficJournal, scenario: String, start: Double) {
        self.journal = journal
        self.scenario = scenario
        self.start = start
    }

    public func appended(_ entry: TimelineEntry) {
        if case .webhook(let webhook) = entry.event {
            TrafficJournal.appendLines(webhook.ownExchanges, scenario: scenario, entry: entry.index, to: &pending)
        } else {
            encode(entry)
        }
        if pending.count >= Self.batchSize { flush() }
    }

    /// Writes the pending lines.
    public func flush() {
        guard pending.count > 0 else { return }
        pending.withBytes { journal.append(encoded: $0) }
        pending.removeAll()
    }

    private func encode(_ entry: TimelineEntry) {
        pending.beginObject()
        pending.field("scenario", scenario)
        pending.field("entry", entry.index)
        pending.field("cause", entry.cause)
        pending.field("time", entry.time)
        let (type, sid) = Self.kind(of: entry.event)
        pending.field("type", type)
        pending.field("sid", sid)
        pending.field("summary", entry.summary(since: start))
        pending.endObject()
        pending.endLine()
    }

    /// The line's `type` and the SID of the resource it is about.
    private static func kind(of event: TimelineEvent) -> (type: String, sid: String?) {
        switch event {
        case .inboundMessage(let message): ("inbound-message", message.sid)
        case .callCreated(let call): ("call-created", call.sid)
        case .callStatus(let sid, _): ("call-status", sid)
        case .callStep(let sid, _): ("call-step", sid)
        case .conference(let conference): ("conference", conference.sid)
        case .apiRequest: ("api-request", nil)
        case .apiResponse: ("api-response", nil)
        case .webhook(let webhook): ("webhook", webhook.event)
        case .messageCreated(let message): ("message-created", message.sid)
        case .messageStatus(let sid, _, _): ("message-status", sid)
        case .proxySession(let session): ("proxy-session", session.sid)
        case .interaction(let interaction): ("interaction", interaction.sid)
        case .conversation(let event): ("conversation", event.resourceSid)
        case .problem: ("problem", nil)
        }
    }
}
