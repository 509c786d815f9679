import Platform
import Simulator
import Traffic
import TwiML
import Webhooks

/// Checks expectations against a finished scenario's timeline, folded into a `TimelineRecord`.
/// Reads only: it never sends HTTP and never changes the world. A failure names the entries
/// it looked at, and the exchange that produced what it looked at.
struct ExpectationEvaluator {
    let record: TimelineRecord
    /// The scenario's start on the virtual clock.
    let start: Double
    /// The token the scenario's webhooks were signed with (for the hint a 403 gets).
    let authToken: String

    init(_ record: TimelineRecord, start: Double, authToken: String) {
        self.record = record
        self.start = start
        self.authToken = authToken
    }

    /// How many entries a failure lists.
    static let shownEntries = 12

    func evaluate(_ expectation: Located<Expectation>) -> ExpectationFailure? {
        let location = expectation.location
        func failure(_ summary: String, expected: String, actual: String, exchange: WebhookEvent? = nil,
                     wholeDelivery: Bool = false, looked entries: [Int] = []) -> ExpectationFailure {
            // A 403 behind what it looked at: the exchange shown, or a webhook among its entries.
            let webhooks = entries.compactMap { index -> WebhookEvent? in
                if case .webhook(let event) = record.entries[index].event { return event }
                return nil
            }
            let hint = ([exchange].compactMap { $0 } + webhooks).lazy.compactMap { ForbiddenHint.hint(for: $0, authToken: authToken) }.first
            // Where the exchange shown stands among the scenario's exchanges, for the report to link to it.
            let position = exchange?.ownExchanges.first.flatMap { first in record.webhooks.flatMap(\.value.ownExchanges).firstIndex(of: first) }
            return ExpectationFailure(location: location, summary: summary, expected: expected, actual: actual,
                                      exchange: exchange.map { Self.describe($0, wholeDelivery: wholeDelivery) },
                                      entries: entries.prefix(Self.shownEntries).map { record.entries[$0].summary(since: start) }, hint: hint,
                                      exchangeIndex: position)
        }
        func failure(_ found: Mismatch) -> ExpectationFailure {
            failure(found.summary, expected: found.expected, actual: found.actual, exchange: found.exchange, looked: found.entries)
        }
        switch expectation.value {
        case .webhook(let matcher, let count):
            let found = webhooks(matching: matcher)
            guard !count.accepts(found.count) else { return nil }
            let nearest = found.first ?? closest(to: matcher)
            return failure("webhook \(Self.describe(matcher)) called \(count.text)",
                           expected: count.text, actual: "\(found.count) time(s)" + Self.seen(record.webhooks.map(\.value)),
                           exchange: nearest?.value, looked: (found.isEmpty ? record.webhooks : found).flatMap(\.entries))
        case .webhooksInOrder(let matchers):
            // Each webhook stands where it was sent, each REST request where it arrived: a request
            // the app made while answering a webhook comes after that webhook.
            let traffic = (record.webhooks.map { (position: Double($0.value.sentAfter) - 0.5, item: TrafficItem.webhook($0.value), entries: $0.entries) }
                + record.apiCalls.map { (position: Double($0.entries[0]), item: TrafficItem.apiCall($0.value), entries: $0.entries) })
                .sorted { $0.position < $1.position }
            var rest = traffic[...]
            for (index, matcher) in matchers.enumerated() {
                guard let position = rest.firstIndex(where: { matches($0.item, matcher) }) else {
                    return failure("in order: #\(index + 1) \(Self.describe(matcher)) did not happen after the ones before it",
                                   expected: matchers.map(Self.describe).joined(separator: " → "),
                                   actual: traffic.map { Self.describe($0.item) }.joined(separator: " → "),
                                   looked: traffic.flatMap(\.entries).sorted())
                }
                rest = rest[(position + 1)...]
            }
            return nil
        case .answer(let answer):
            var matcher = answer.webhook
            if matcher.purpose == nil, matcher.url == nil { matcher.purpose = .incomingMessage }
            guard let event = webhooks(matching: matcher).first else {
                return failure("answer of \(Self.describe(matcher))", expected: "such a webhook", actual: "none was called",
                               looked: record.webhooks.flatMap(\.entries))
            }
            return checkAnswer(answer, event.value).map {
                failure("answer of \(Self.describe(matcher)): \($0.what)", expected: $0.expected, actual: $0.actual, exchange: event.value,
                        wholeDelivery: true, looked: event.entries)
            }
        case .message(let matcher, let count):
            let found = record.messages.filter { matches($0.value, matcher) }
            guard !count.accepts(found.count) else { return nil }
            let sent = record.messages.map { Self.describe($0.value) }
            let toRecipient = found.isEmpty ? record.messages.filter { message in matcher.to.map { message.value.to == $0 } ?? true } : found
            let producer = producer(of: toRecipient.first, to: matcher.to)
            let messages = (toRecipient.isEmpty ? record.messages : toRecipient).flatMap(\.entries)
            return failure("message \(Self.describe(matcher)) sent \(count.text)", expected: count.text,
                           actual: "\(found.count) matching; messages sent: " + (sent.isEmpty ? "none" : sent.joined(separator: "; ")),
                           exchange: producer?.event, looked: ((producer.map { [$0.index] } ?? []) + messages).sorted())
        case .statusCallbacks(let expected):
            let sids = Set(record.messages.filter { $0.value.to == expected.to }.map(\.value.sid))
            let callbacks = record.webhooks.filter { $0.value.purpose == .statusCallback && sids.contains($0.value.event) }
            let statuses = callbacks.map { Self.value("MessageStatus", in: $0.value.parameters) ?? "?" }
            if statuses != expected.statuses {
                return failure("status callbacks for messages to \(expected.to)", expected: expected.statuses.joined(separator: ", "),
                               actual: statuses.isEmpty ? "no status callbacks" : statuses.joined(separator: ", "),
                               exchange: callbacks.last?.value, looked: callbacks.flatMap(\.entries))
            }
            if let code = expected.errorCode,
               !callbacks.contains(where: { Self.value("ErrorCode", in: $0.value.parameters) == String(code) }) {
                return failure("status callbacks for messages to \(expected.to) carry ErrorCode \(code)", expected: "ErrorCode=\(code)",
                               actual: callbacks.compactMap { Self.value("ErrorCode", in: $0.value.parameters) }.joined(separator: ", "),
                               exchange: callbacks.last?.value, looked: callbacks.flatMap(\.entries))
            }
            return nil
        case .call(let expected):
            return check(expected).map(failure)
        case .conference(let expected):
            return check(expected).map(failure)
        case .proxySession(let expected):
            return check(expected).map(failure)
        case .conversation(let expected):
            return check(expected).map(failure)
        case .interaction(let matcher, let count):
            let found = interactions(matching: matcher)
            guard !count.accepts(found.count) else { return nil }
            return failure("interaction \(Self.describe(matcher)) \(count.text)", expected: count.text,
                           actual: "\(found.count) matching; interactions: " + describeInteractions(),
                           looked: (found.isEmpty ? record.interactions : found).flatMap(\.entries))
        case .apiRequest(let matcher, let count):
            let found = record.apiCalls.filter { matcher.matches($0.value) }
            guard !count.accepts(found.count) else { return nil }
            let made = record.apiCalls.map { call in
                call.value.request.summary + (call.value.response.map { " → \($0.status)" + ($0.errorCode.map { " ✗ \($0)" } ?? "") } ?? "")
            }
            return failure("API request \(matcher.text) made \(count.text)", expected: count.text,
                           actual: "\(found.count) matching; API requests: " + (made.isEmpty ? "none" : made.joined(separator: "; ")),
                           looked: record.apiCalls.flatMap(\.entries))
        case .problem(let matcher):
            let problems = allProblems()
            guard !problems.contains(where: { matcher.matches($0.problem) }) else { return nil }
            let kind = matcher.severity == .warning ? "warning" : "error"
            return failure("\(kind) \(matcher.text) raised", expected: matcher.text,
                           actual: problems.isEmpty ? "no errors or warnings" : problems.map(\.problem.description).joined(separator: "; "),
                           looked: problems.map(\.entry))
        case .noErrors(let countWarnings):
            let problems = allProblems().filter { $0.problem.severity == .error || (countWarnings && $0.problem.severity == .warning) }
            guard !problems.isEmpty else { return nil }
            return failure(countWarnings ? "no errors or warnings" : "no errors", expected: "none",
                           actual: problems.map(\.problem.description).joined(separator: "; "), looked: problems.map(\.entry))
        }
    }

    // MARK: - Webhooks

    private func webhooks(matching matcher: WebhookMatcher) -> [TimelineRecord.Recorded<WebhookEvent>] {
        record.webhooks.filter { webhook in
            guard matches(webhook.value, matcher) else { return false }
            if let within = matcher.within, record.entries[webhook.entries[0]].time - start > within { return false }
            return true
        }
    }

    /// Whether a webhook matches: its purpose and parameters, and one of its own exchanges
    /// (an attempt, a redirect hop) with the URL, method, status and headers asked for.
    private func matches(_ event: WebhookEvent, _ matcher: WebhookMatcher) -> Bool {
        if let purpose = matcher.purpose, event.purpose != purpose { return false }
        for (name, value) in matcher.parameters where Self.value(name, in: event.parameters) != value { return false }
        if let names = matcher.exactParameterNames, Set(event.parameters.map(\.name)) != Set(names) { return false }
        for name in matcher.withoutParameters where Self.value(name, in: event.parameters) != nil { return false }
        for (name, pattern) in matcher.patterns {
            guard let value = Self.value(name, in: event.parameters), let regex = try? Regex(pattern),
                  value.contains(regex) else { return false }
        }
        let exchanges = event.ownExchanges
        guard !exchanges.isEmpty else {
            // Nothing was sent (an invalid URL): only what the webhook was configured with can match.
            return matcher.status == nil && matcher.location == nil && matcher.headers.isEmpty && matcher.responseHeaders.isEmpty
                && matcher.url.map { Self.configured(event.url, is: $0) } ?? true
                && matcher.method.map { event.method.rawValue == $0 } ?? true
        }
        return exchanges.contains { matches($0, of: event, matcher) }
    }

    private func matches(_ exchange: Exchange, of event: WebhookEvent, _ matcher: WebhookMatcher) -> Bool {
        if let url = matcher.url, !(exchange.hop == 0 && Self.configured(event.url, is: url)), !Self.requested(exchange.request.url, is: url) {
            return false
        }
        if let method = matcher.method, exchange.request.method != method { return false }
        if let status = matcher.status, exchange.response?.status != status { return false }
        if let location = matcher.location {
            guard let sent = exchange.response?.headers.value(named: "Location"),
                  sent == location || WebhookURL.resolve(sent, against: exchange.request.url) == location else { return false }
        }
        let sent = exchange.request.headers
        for (name, rule) in matcher.headers where !rule.accepts(sent.value(named: name)) { return false }
        for name in matcher.withoutHeaders where sent.value(named: name) != nil { return false }
        let received = exchange.response?.headers ?? []
        for (name, rule) in matcher.responseHeaders where !rule.accepts(received.value(named: name)) { return false }
        return true
    }

    /// The URL a webhook was configured with, as written (fragment and credentials included)
    /// or without its `#` fragment.
    private static func configured(_ configured: String, is url: String) -> Bool {
        configured == url || configured.split(separator: "#").first.map(String.init) == url
    }

    /// The URL an exchange requested: as sent, or without the query string a GET's parameters
    /// were added to when the expected URL has none.
    private static func requested(_ sent: String, is url: String) -> Bool {
        sent == url || (!url.contains("?") && sent.split(separator: "?", maxSplits: 1).first.map(String.init) == url)
    }

    /// The exchange behind a message expectation: the webhook whose answer created the message
    /// to the recipient it looked at; when none was sent to them, the last webhook about the
    /// recipient's own message or call (whose answer did not send one).
    private func producer(of message: TimelineRecord.Recorded<OutboundMessage>?, to recipient: String?) -> (index: Int, event: WebhookEvent)? {
        if let message { return record.webhook(behind: message.entries[0]) }
        let answers = record.webhooks.filter { $0.value.purpose != .statusCallback }
        let answer = recipient.map { recipient in answers.last { Self.value("From", in: $0.value.parameters) == recipient } } ?? answers.last
        return answer.map { ($0.entries[0], $0.value) }
    }

    /// The called webhook most like the expected one, to show beside a failure.
    private func closest(to matcher: WebhookMatcher) -> TimelineRecord.Recorded<WebhookEvent>? {
        let candidates = record.webhooks
        return candidates.first { webhook in
            let event = webhook.value
            return matcher.url.map { url in event.url.hasPrefix(url) || event.ownExchanges.contains { $0.request.url.hasPrefix(url) } } ?? false
        }
            ?? candidates.first { webhook in matcher.purpose.map { webhook.value.purpose == $0 } ?? false }
            ?? candidates.first
    }

    private func checkAnswer(_ answer: AnswerExpectation, _ event: WebhookEvent) -> (what: String, expected: String, actual: String)? {
        let outcome = event.outcome
        if let status = answer.status {
            let actual = outcome.exchanges.last?.response?.status
            if actual != status { return ("HTTP status", "\(status)", actual.map(String.init) ?? "no response") }
        }
        if let fallback = answer.usedFallback, outcome.usedFallback != fallback {
            return ("fallback", fallback ? "the fallback URL answered" : "the primary URL answered",
                    outcome.usedFallback ? "the fallback URL answered" : "the primary URL answered")
        }
        if let code = answer.errorCode {
            let actual = outcome.primaryFailure?.code.code ?? { if case .failure(let failure) = outcome.result { return failure.code.code }; return nil }()
            if actual != code { return ("error code", "\(code)", actual.map(String.init) ?? "none") }
        }
        if let codes = answer.diagnostics {
            let actual = outcome.diagnostics.map(\.code.code)
            if actual != codes {
                return ("diagnostics", codes.isEmpty ? "none" : codes.map(String.init).joined(separator: ", "),
                        actual.isEmpty ? "none" : outcome.diagnostics.map(\.description).joined(separator: "; "))
            }
        }
        if answer.verbs != nil || !answer.xpath.isEmpty {
            guard let document = outcome.document else { return ("TwiML", "a TwiML answer", Self.describe(outcome.result)) }
            if let verbs = answer.verbs, document.root.children.map(\.name) != verbs {
                return ("verbs", verbs.joined(separator: ", "), document.root.children.map(\.name).joined(separator: ", "))
            }
            for (expression, expected) in answer.xpath {
                let actual: String
                do { actual = try document.xpath(expression).text } catch { return ("XPath \(expression)", expected, "\(error)") }
                if actual != expected { return ("XPath \(expression)", expected, actual) }
            }
        }
        return nil
    }

    // MARK: - Messages and errors

    private func matches(_ message: OutboundMessage, _ matcher: MessageMatcher) -> Bool {
        if let to = matcher.to, message.to != to { return false }
        if let from = matcher.from, message.from != from { return false }
        if let body = matcher.body, message.body != body { return false }
        if let part = matcher.bodyContains, !message.body.contains(part) { return false }
        if let pattern = matcher.bodyPattern, let regex = try? Regex(pattern), !message.body.contains(regex) { return false }
        if let media = matcher.media, message.mediaURLs != media { return false }
        if let segments = matcher.segments, message.segments != segments { return false }
        if let encoding = matcher.encoding, message.encoding.rawValue != encoding { return false }
        if let code = matcher.errorCode, message.errorCode?.code != code { return false }
        if let direction = matcher.direction, message.direction != direction { return false }
        if let status = matcher.status {
            guard let reached = message.statuses.first(where: { $0.status == status }) else { return false }
            if let within = matcher.within, let created = message.statuses.first, reached.time - created.time > within { return false }
        }
        return true
    }

    /// A webhook or a REST request, as `webhooks_in_order` walks them.
    enum TrafficItem {
        case webhook(WebhookEvent)
        case apiCall(APICall)
    }

    private func matches(_ item: TrafficItem, _ matcher: TrafficMatcher) -> Bool {
        switch (item, matcher) {
        case (.webhook(let event), .webhook(let pattern)): matches(event, pattern)
        case (.apiCall(let call), .apiRequest(let pattern)): pattern.matches(call)
        default: false
        }
    }

    static func describe(_ matcher: TrafficMatcher) -> String {
        switch matcher {
        case .webhook(let pattern): describe(pattern)
        case .apiRequest(let pattern): "API " + pattern.text
        }
    }

    static func describe(_ item: TrafficItem) -> String {
        switch item {
        case .webhook(let event): "\(event.method.rawValue) \(WebhookURL.redacted(event.url))"
        case .apiCall(let call): "API " + call.request.summary.split(separator: " ").prefix(2).joined(separator: " ")
        }
    }

    /// Every problem of the run, the platform's and the failed webhooks', with its entry.
    private func allProblems() -> [(problem: Problem, entry: Int)] {
        record.problems.map { ($0.value, $0.entries[0]) } + failedWebhooks() + refusedAPIRequests()
    }

    /// REST requests the API answered with an error: the app asked for something the platform refused.
    private func refusedAPIRequests() -> [(problem: Problem, entry: Int)] {
        record.apiCalls.compactMap { call -> (problem: Problem, entry: Int)? in
            guard let response = call.value.response, response.status >= 400 else { return nil }
            let code = response.errorCode.map { TwilioErrorCode($0) }
            let message = "the API answered \(call.value.request.summary) with \(response.status)" + (response.errorMessage.map { ": " + $0 } ?? "")
            return (Problem(code: code, message: message), call.entries.last!)
        }
    }

    private func failedWebhooks() -> [(problem: Problem, entry: Int)] {
        record.webhooks.flatMap { webhook -> [(problem: Problem, entry: Int)] in
            let outcome = webhook.value.outcome
            var problems: [(problem: Problem, entry: Int)] = []
            if let primary = outcome.primaryFailure { problems.append((Problem(code: primary.code, message: primary.message), webhook.entries[0])) }
            if case .failure(let failure) = outcome.result {
                problems.append((Problem(code: failure.code, message: failure.message), webhook.entries[0]))
            }
            return problems
        }
    }

    // MARK: - Descriptions

    static func value(_ name: String, in parameters: [Parameter]) -> String? {
        parameters.first { $0.name == name }?.value
    }

    static func describe(_ matcher: MessageMatcher) -> String {
        var parts: [String] = []
        if let from = matcher.from { parts.append("from \(from)") }
        if let to = matcher.to { parts.append("to \(to)") }
        if let body = matcher.body { parts.append("\"\(body)\"") }
        if let part = matcher.bodyContains { parts.append("containing \"\(part)\"") }
        if let pattern = matcher.bodyPattern { parts.append("matching /\(pattern)/") }
        if let status = matcher.status { parts.append("reaching \(status.rawValue)") }
        if let within = matcher.within { parts.append("within \(within) s") }
        return parts.isEmpty ? "(any)" : parts.joined(separator: " ")
    }

    static func describe(_ matcher: WebhookMatcher) -> String {
        var parts: [String] = []
        if let method = matcher.method { parts.append(method) }
        parts.append(matcher.url.map(WebhookURL.redacted) ?? matcher.purpose?.rawValue ?? "(any)")
        if !matcher.parameters.isEmpty {
            parts.append("with " + matcher.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        }
        if !matcher.patterns.isEmpty {
            parts.append("matching " + matcher.patterns.sorted { $0.key < $1.key }.map { "\($0.key)~/\($0.value)/" }.joined(separator: ", "))
        }
        if !matcher.withoutParameters.isEmpty { parts.append("without " + matcher.withoutParameters.joined(separator: ", ")) }
        if !matcher.headers.isEmpty {
            parts.append("sending header " + matcher.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }.joined(separator: ", "))
        }
        if !matcher.withoutHeaders.isEmpty { parts.append("without header " + matcher.withoutHeaders.joined(separator: ", ")) }
        if !matcher.responseHeaders.isEmpty {
            parts.append("answered with header " + matcher.responseHeaders.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }
                .joined(separator: ", "))
        }
        if let status = matcher.status { parts.append("answered \(status)") }
        if let location = matcher.location { parts.append("redirected to \(WebhookURL.redacted(location))") }
        if let within = matcher.within { parts.append("within \(within) s") }
        return parts.joined(separator: " ")
    }

    static func describe(_ message: OutboundMessage) -> String {
        "\(message.from) → \(message.to) \"\(message.body)\" [\(message.status.rawValue)\(message.errorCode.map { " \($0)" } ?? "")]"
    }

    static func describe(_ result: Result<WebhookAnswer, WebhookFailure>) -> String {
        switch result {
        case .success(.twiml), .success(.recordedTwiML): return "TwiML"
        case .success(.text(let text)): return "plain text \"\(text)\""
        case .success(.json): return "JSON"
        case .success(.empty): return "an empty answer"
        case .success(.blocked): return "a 403: blocked"
        case .failure(let failure): return "failure \(failure.code.code): \(failure.message)"
        }
    }

    private static func seen(_ events: [WebhookEvent]) -> String {
        events.isEmpty ? "; no webhooks were called" : "; called: " + events.prefix(6).map { "\($0.method.rawValue) \(WebhookURL.redacted($0.url))" }.joined(separator: ", ")
    }

    /// A webhook as a person reads it: each exchange of its URL (attempts, redirect hops), or of
    /// the whole delivery (the fallback's too), with its answer and outcome.
    static func describe(_ event: WebhookEvent, wholeDelivery: Bool = false) -> String {
        var lines: [String] = []
        for exchange in wholeDelivery ? event.outcome.exchanges : event.ownExchanges {
            var line = "\(exchange.request.method) \(exchange.request.url) [\(exchange.role)]"
            if let response = exchange.response {
                line += " → \(response.status)"
                let body = response.body.count > 300 ? String(response.body.prefix(300)) + "…" : response.body
                if !body.isEmpty { line += " " + body.replacingOccurrences(of: "\n", with: " ") }
            }
            if let code = exchange.errorCode { line += " ✗ \(code) \(exchange.errorMessage ?? "")" }
            lines.append(line)
        }
        if lines.isEmpty, case .failure(let failure) = event.outcome.result { lines.append("\(WebhookURL.redacted(event.url)) ✗ \(failure)") }
        return lines.joined(separator: "\n")
    }
}
