import TwiML

/// What a webhook is for, which decides which answers count: TwiML for messaging or voice,
/// a plain-text reply, JSON, or only the HTTP status (informational callbacks).
public enum WebhookKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An incoming SMS/MMS (and the redirects and actions of its reply session): messaging
    /// TwiML or a `text/plain` reply; SMS cookies apply.
    case incomingMessage = "incoming-message"
    /// A fetch inside a messaging reply session (`<Redirect>`, `<Message action>`): messaging TwiML.
    case messagingRedirect = "messaging-redirect"
    /// A call webhook, action or redirect: voice TwiML.
    case voice
    /// A status callback or another informational callback: only the HTTP status matters.
    case status
    /// A Proxy intercept callback: only the status matters, and 403 is an answer (block the
    /// interaction), not a failure.
    case intercept
    /// A callback whose answer may be TwiML or JSON (Proxy out-of-session, Conversations pre-hooks).
    case decision
    /// The same about a call: voice TwiML or JSON (Proxy out-of-session for a call).
    case voiceDecision = "voice-decision"
    /// A Conversations pre-event webhook: a 2xx allows the action (a JSON body changes it), any
    /// other answer blocks it; at most 5 seconds.
    case conversationPreEvent = "conversation-pre-event"
    /// A Conversations post-event (or conversation-scoped) webhook: only the status matters; at
    /// most 5 seconds.
    case conversationEvent = "conversation-event"
    /// A fetch of content the platform plays or sends (`<Play>` audio, a message's media): a
    /// 2xx is the content, whatever its size (only its headers matter); anything else, 11200.
    case media
    /// Not a webhook: a request the app made to the platform's REST API, kept as an exchange
    /// for the HAR beside the webhooks.
    case restAPI = "rest-api"

    /// The TwiML dialect the answer is read as, nil when the body is not TwiML.
    public var dialect: Dialect? {
        switch self {
        case .incomingMessage, .messagingRedirect: return .messaging
        case .voice, .voiceDecision: return .voice
        case .status, .intercept, .media, .restAPI, .conversationPreEvent, .conversationEvent: return nil
        case .decision: return .messaging
        }
    }

    /// Whether only the status counts (the body is neither read as TwiML nor an error).
    public var isInformational: Bool { self == .status || self == .intercept || self == .conversationEvent }

    /// The longest the platform waits for an answer of this kind, in milliseconds, whatever the
    /// URL's overrides say (Conversations webhooks: 5 s), or nil for the usual timeouts.
    public var longestWait: Int? {
        self == .conversationPreEvent || self == .conversationEvent ? 5_000 : nil
    }

    /// Whether this non-2xx status is an answer rather than a failure.
    public func accepts(status: Int) -> Bool {
        (200...299).contains(status) || blocks(status: status)
    }

    /// Whether this status is the answer "block it" (an intercept callback's 403).
    public func blocks(status: Int) -> Bool {
        self == .intercept && status == 403
    }

    /// Whether `text/plain` is a reply message (messaging webhooks only).
    public var acceptsPlainText: Bool { self == .incomingMessage || self == .messagingRedirect }

    /// Whether an `application/json` answer is meaningful.
    public var acceptsJSON: Bool { self == .decision || self == .voiceDecision || self == .conversationPreEvent }

    /// Whether a 2xx body that is neither TwiML nor JSON still counts as a plain "go ahead".
    public var ignoresOtherBodies: Bool { self == .conversationPreEvent }

    /// Whether a 2xx with an empty body is a valid "do nothing" answer.
    public var acceptsEmptyBody: Bool { self != .voice && self != .voiceDecision }

    /// Whether cookies are sent with this webhook (SMS cookies, and a call's own).
    public var usesCookies: Bool { self == .incomingMessage || self == .messagingRedirect || self == .voice }

    /// Whether a `Set-Cookie` in the answer is kept: any answer of an SMS conversation (the
    /// incoming message, a `<Redirect>`, a `<Message action>`, and their HTTP redirect hops,
    /// for its From/To pair), and a call's documents' (for the rest of the call, like a browser).
    public var storesCookies: Bool { usesCookies }
}
