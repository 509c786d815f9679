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
        apiExchanges = record.apiCalls.compactMap { Self.exchange(of: $0.value, at: record.entries[$0.entries[0]].time) }
        if conversation { self.conversation = Conversation.lines(of: world.timeline, start: start) }
    }

    /// A REST request over HTTP and its answer as an exchange (a step standing in for one has none).
    private static func exchange(of call: APICall, at time: Double) -> Exchange? {
        guard !call.request.host.isEmpty, let response = call.response else { return nil }
        let form = call.request.method == "POST"
        let body = FormEncoding.encode(call.request.parameters.map { ($0.name, $0.value) })
        let error = response.errorCode.map { code in
            JSONWriter.object([("message", response.errorMessage ?? ""), ("more_info", "https://www.twilio.com/docs/errors/\(code)")])
        }
        return Exchange(event: call.request.operation, kind: .restAPI, role: "api", attempt: 1, hop: 0, time: time,
                        request: .init(method: call.request.method, url: "https://\(call.request.host)\(call.request.path)" + (form || body.isEmpty ? "" : "?" + body),
                                       headers: form ? [Exchange.Header("Content-Type", "application/x-www-form-urlencoded")] : [],
                                       body: form ? body : ""),
                        response: .init(status: response.status, headers: [Exchange.Header("Content-Type", "application/json")], body: error ?? "",
                                        bodySize: error?.utf8.count ?? 0, truncated: false),
                        durationMilliseconds: 0, outcome: response.errorCode.map(String.init) ?? "ok", errorCode: response.errorCode,
                        errorMessage: response.errorMessage)
    }

    private static func traffic(of world: World) -> [TrafficLine] {
        world.timeline.entries.compactMap { entry in
            if case .apiResponse(let response) = entry.event, case .apiRequest(let request) = world.timeline.entries[response.request].event {
                return TrafficLine(time: entry.time - world.configuration.startTime, purpose: "api-request", method: request.method,
                                   url: "https://\(request.host)\(request.path)", status: response.status, errorCode: response.errorCode)
            }
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
