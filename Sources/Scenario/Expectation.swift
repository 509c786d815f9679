import Simulator

/// What a scenario asserts about what the application did.
public enum Expectation: Sendable {
    /// Webhooks matching were called `count` times (at least once by default).
    case webhook(WebhookMatcher, count: CountRule)
    /// Webhooks matching each pattern were called in this order (others may come between).
    case webhooksInOrder([WebhookMatcher])
    /// The answer of a webhook: status, verbs, XPath values, diagnostics.
    case answer(AnswerExpectation)
    /// Outbound messages matching were sent `count` times (at least once by default).
    case message(MessageMatcher, count: CountRule)
    /// The statuses reported by status callbacks for the messages to a recipient, in order.
    case statusCallbacks(StatusCallbackExpectation)
    /// A call's path and how it ended.
    case call(CallExpectation)
    /// A Proxy session's state at the end: status, closed reason, proxy numbers, interactions.
    case proxySession(ProxySessionExpectation)
    /// Proxy interactions matching were created `count` times (at least once by default).
    case interaction(InteractionMatcher, count: CountRule)
    /// The platform raised this error code (a webhook failure, a limit, a dropped message), or
    /// recorded a problem whose message contains this text (a dropped message has no code).
    case error(code: Int?, messageContains: String?)
    /// The platform raised no error at all.
    case noErrors
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
    public var purpose: String?
    /// Parameters that must be present with these values.
    public var parameters: [String: String] = [:]
    /// When set, the parameter names must be exactly these.
    public var exactParameterNames: [String]?
    /// Parameters that must not have been sent.
    public var withoutParameters: [String] = []
    /// Parameters whose values must match these regular expressions.
    public var patterns: [String: String] = [:]
    /// Request headers that must have been sent with these values (the first request).
    public var headers: [String: String] = [:]
    /// Request headers that must not have been sent.
    public var withoutHeaders: [String] = []
    /// The HTTP status of the final answer.
    public var status: Int?
    /// Must be called within this many virtual seconds of the scenario's start.
    public var within: Double?
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
}

/// Status callbacks for the messages to one recipient.
public struct StatusCallbackExpectation: Sendable {
    public var to: String
    /// The `MessageStatus` values received, in order.
    public var statuses: [String]
    public var errorCode: Int?
}
