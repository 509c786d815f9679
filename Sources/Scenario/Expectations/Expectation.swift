import Simulator

/// What a scenario asserts about what the application did.
public enum Expectation: Sendable {
    /// Webhooks matching were called `count` times (at least once by default).
    case webhook(WebhookMatcher, count: CountRule)
    /// Webhooks (and REST requests) matching each pattern happened in this order (others may
    /// come between).
    case webhooksInOrder([TrafficMatcher])
    /// The answer of a webhook: status, verbs, XPath values, diagnostics.
    case answer(AnswerExpectation)
    /// Outbound messages matching were sent `count` times (at least once by default).
    case message(MessageMatcher, count: CountRule)
    /// The statuses reported by status callbacks for the messages to a recipient, in order.
    case statusCallbacks(StatusCallbackExpectation)
    /// A call's path and how it ended.
    case call(CallExpectation)
    /// A conference's events and how it ended.
    case conference(ConferenceExpectation)
    /// A Proxy session's state at the end: status, closed reason, proxy numbers, interactions.
    case proxySession(ProxySessionExpectation)
    /// Proxy interactions matching were created `count` times (at least once by default).
    case interaction(InteractionMatcher, count: CountRule)
    /// The platform raised an error or a warning (`error`), or a warning (`warning`), matching:
    /// its code, text, the TwiML line and column it points at. Notices without a code (a
    /// dropped message, a verb not simulated) match by their text.
    case problem(ProblemMatcher)
    /// The platform raised no error (and, with `countWarnings`, no warning either).
    case noErrors(countWarnings: Bool)
    /// Requests to the REST API matching were made `count` times (at least once by default).
    case apiRequest(APIRequestMatcher, count: CountRule)
    /// A conversation at the end: its state, messages, participants, blocked actions.
    case conversation(ConversationExpectation)
}

/// One step of `webhooks_in_order`: a webhook, or a request the app made to the REST API.
public enum TrafficMatcher: Sendable {
    case webhook(WebhookMatcher)
    case apiRequest(APIRequestMatcher)
}

/// Which REST API requests an expectation is about. Unset fields match anything.
public struct APIRequestMatcher: Sendable {
    public var method: String?
    /// A part of the path (`/Messages.json`, `Sessions`).
    public var path: String?
    /// The operation as the platform's OpenAPI description names it (`CreateMessage`).
    public var operation: String?
    /// Parameters the request carried (each value one of the request's for that name).
    public var parameters: [(name: String, value: String)] = []
    /// The answer's HTTP status and error code.
    public var status: Int?
    public var errorCode: Int?

    public init() {}

    func matches(_ call: APICall) -> Bool {
        let request = call.request
        if let method, request.method != method { return false }
        if let path, !request.path.contains(path) { return false }
        if let operation, request.operation != operation { return false }
        for (name, value) in parameters where !request.parameters.contains(where: { $0.name == name && $0.value == value }) { return false }
        if let status, call.response?.status != status { return false }
        if let errorCode, call.response?.errorCode != errorCode { return false }
        return true
    }

    var text: String {
        var parts = [method, operation, path.map { "…\($0)…" }].compactMap { $0 }
        parts += parameters.map { "\($0.name)=\($0.value)" }
        if let status { parts.append("→ \(status)") }
        if let errorCode { parts.append("✗ \(errorCode)") }
        return parts.isEmpty ? "(any)" : parts.joined(separator: " ")
    }
}

/// Which errors, warnings and notices an expectation is about. Unset fields match anything.
public struct ProblemMatcher: Sendable {
    /// `warning` for the `warning` expectation; nil for `error`, which matches any severity.
    public var severity: Problem.Severity?
    public var code: Int?
    public var messageContains: String?
    /// The place in the TwiML document the finding points at.
    public var line: Int?
    public var column: Int?

    public init() {}

    func matches(_ problem: Problem) -> Bool {
        (severity.map { problem.severity == $0 } ?? true) && (code.map { problem.code?.code == $0 } ?? true)
            && (messageContains.map { problem.message.contains($0) } ?? true)
            && (line.map { problem.line == $0 } ?? true) && (column.map { problem.column == $0 } ?? true)
    }

    var text: String {
        var parts: [String] = []
        if let code { parts.append("\(code)") }
        if let messageContains { parts.append("with a message containing \"\(messageContains)\"") }
        if let line { parts.append("at line \(line)" + (column.map { ", column \($0)" } ?? "")) }
        return parts.joined(separator: " ")
    }
}

/// How many times something must happen.
public enum CountRule: Sendable, Equatable {
    case atLeastOnce
    case exactly(Int)

    func accepts(_ count: Int) -> Bool {
        switch self {
        case .atLeastOnce: return count >= 1
        case .exactly(let expected): return count == expected
        }
    }

    var text: String {
        switch self {
        case .atLeastOnce: return "at least once"
        case .exactly(0): return "never"
        case .exactly(let count): return count == 1 ? "exactly once" : "exactly \(count) times"
        }
    }
}

/// Which webhooks an expectation is about. Unset fields match anything.
public struct WebhookMatcher: Sendable {
    /// The configured URL (fragment included), after `{{functions}}`/`{{app}}` are filled in.
    public var url: String?
    public var method: String?
    /// `incoming-message`, `fallback`, `redirect`, `status-callback`, `intercept-callback`,
    /// `interaction-callback` or `out-of-session-callback`.
    public var purpose: WebhookPurpose?
    /// Parameters that must be present with these values.
    public var parameters: [String: String] = [:]
    /// When set, the parameter names must be exactly these.
    public var exactParameterNames: [String]?
    /// Parameters that must not have been sent.
    public var withoutParameters: [String] = []
    /// Parameters whose values must match these regular expressions.
    public var patterns: [String: String] = [:]
    /// Rules on the headers of the request, as sent on the matching exchange.
    public var headers: [String: HeaderRule] = [:]
    /// Request headers that must not have been sent.
    public var withoutHeaders: [String] = []
    /// Rules on the headers of the answer to the matching exchange.
    public var responseHeaders: [String: HeaderRule] = [:]
    /// The HTTP status of one exchange of this URL (a redirect hop's 302, the primary URL's
    /// 500 before the fallback answered, a retried attempt's …).
    public var status: Int?
    /// The `Location` an exchange's redirect pointed at (as sent, or resolved to an absolute URL).
    public var location: String?
    /// Must be called within this many virtual seconds of the scenario's start.
    public var within: Double?
}

/// What a header must be: a value, a part of it, a regular expression, or only there or not.
public enum HeaderRule: Sendable, Equatable {
    case equals(String)
    case contains(String)
    case matches(String)
    case present(Bool)

    /// Whether a header's value (nil when it was not sent) keeps the rule.
    func accepts(_ value: String?) -> Bool {
        switch self {
        case .equals(let expected): return value == expected
        case .contains(let part): return value?.contains(part) ?? false
        case .matches(let pattern): return value.map { (try? Regex(pattern)).map($0.contains) ?? false } ?? false
        case .present(let wanted): return (value != nil) == wanted
        }
    }

    var text: String {
        switch self {
        case .equals(let value): return value
        case .contains(let part): return "containing \"\(part)\""
        case .matches(let pattern): return "matching /\(pattern)/"
        case .present(let wanted): return wanted ? "present" : "absent"
        }
    }
}

/// The answer of one webhook (the first matching one by default).
public struct AnswerExpectation: Sendable {
    public var webhook = WebhookMatcher()
    public var status: Int?
    /// The top-level verbs in order.
    public var verbs: [String]?
    /// XPath expressions and the string values they must give.
    public var xpath: [(expression: String, value: String)] = []
    /// The diagnostic codes, in order (empty: none at all).
    public var diagnostics: [Int]?
    /// The delivery's error code (the primary URL's when the fallback answered).
    public var errorCode: Int?
    /// Whether the fallback URL gave the answer.
    public var usedFallback: Bool?
}

/// Which outbound messages an expectation is about.
public struct MessageMatcher: Sendable {
    public var to: String?
    public var from: String?
    public var body: String?
    public var bodyContains: String?
    public var bodyPattern: String?
    public var media: [String]?
    public var segments: Int?
    public var encoding: String?
    public var status: MessageStatus?
    public var errorCode: Int?
    /// The status must be reached within this many virtual seconds of the message's creation.
    public var within: Double?
    /// `outbound-api` (sent through the REST API) or `outbound-reply` (TwiML).
    public var direction: String?
}

/// Status callbacks for the messages to one recipient.
public struct StatusCallbackExpectation: Sendable {
    public var to: String
    /// The `MessageStatus` values received, in order.
    public var statuses: [String]
    public var errorCode: Int?
}
