import Platform
import Simulator
import Traffic
import Webhooks

/// A finished scenario's result, its world told as the reports tell it: traffic lines, the
/// platform's notices, calls and sessions, one line each, and every exchange.
extension ScenarioResult {
    /// `journal`: its name in the journal (`journalName`); `conversation`: also tell the whole
    /// conversation (for the HTML report's diagram).
    init(_ scenario: Scenario, journal: String, world: World, record: TimelineRecord, status: Status, failures: [ExpectationFailure],
         error: String?, duration: Double, conversation: Bool) {
        let start = world.configuration.startTime
        self.init(name: scenario.name, file: scenario.file, location: scenario.location, status: status, failures: failures, error: error,
                  duration: duration, webhooks: record.webhooks.count, virtualSeconds: world.now - start,
                  traffic: Self.traffic(of: world), journal: journal)
        notices = record.problems.map { record.entries[$0.entries[0]].offset(since: start) + " " + $0.value.description }
        calls = record.calls.map { CallPath.describe($0.value) }
        sessions = record.sessions.map { SessionSummary.describe($0.value) }
        exchanges = record.webhooks.flatMap(\.value.ownExchanges)
        if conversation { self.conversation = Conversation.lines(of: world.timeline, start: start) }
    }

    private static func traffic(of world: World) -> [TrafficLine] {
        world.timeline.entries.compactMap { entry in
            guard case .webhook(let event) = entry.event else { return nil }
            // A delivery with a fallback is two lines: the primary URL's exchanges, then the fallback's.
            var code: Int?
            if event.role == "primary", let primary = event.outcome.primaryFailure {
                code = primary.code.code
            } else if case .failure(let failure) = event.outcome.result {
                code = failure.code.code
            }
            return TrafficLine(time: entry.time - world.configuration.startTime, purpose: event.purpose.rawValue, method: event.method.rawValue,
                               url: WebhookURL.redacted(event.url), status: event.ownExchanges.last?.response?.status,
                               errorCode: code)
        }
    }

    /// `0007-auto-reply-to-an-inbound-sms`: the index keeps names unique and in run order.
    static func journalName(index: Int, scenario: String) -> String {
        let slug = scenario.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { slug, character in
            if character != "-" || slug.last != "-" { slug.append(character) }
        }
        let number = String(index + 1)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "-" + slug.trimmingCharacters(in: ["-"]).prefix(60)
    }
}

extension ScenarioResult {
    /// Appends the result's line to the run's journal, after the scenario's entries: its name,
    /// place, status and failures (results.json has the rest).
    func appendLine(to run: TrafficJournal) {
        var json = JSONWriter()
        json.beginObject()
        json.field("scenario", self.journal ?? "")
        json.field("type", "result")
        json.field("name", name)
        json.field("file", file)
        json.field("line", location.line)
        json.field("column", location.column)
        json.field("status", status.rawValue)
        json.field("error", error)
        json.beginArray("failures")
        for failure in failures { json.element("\(failure.location): \(failure.summary)") }
        json.endArray()
        json.endObject()
        json.endLine()
        json.withBytes { run.append(encoded: $0) }
    }
}
