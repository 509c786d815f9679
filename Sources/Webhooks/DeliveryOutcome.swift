import TwiML

/// What an application's answer came to, once read the way the platform reads it.
public enum WebhookAnswer: Sendable {
    /// A TwiML document and its findings (warnings only: errors make it a failure).
    case twiml(TwiMLDocument, [Diagnostic])
    /// A `text/plain` reply to an incoming message: the text is sent back as a message.
    case text(String)
    /// A JSON body, where the webhook kind accepts one.
    case json([UInt8])
    /// A 2xx with nothing to execute (an empty body, or any body of an informational callback).
    case empty
    /// The answer that blocks what it was asked about (an intercept callback's 403).
    case blocked
}

/// The whole story of one delivery: every exchange in order (attempts, redirects, the
/// fallback), and what it came to.
public struct DeliveryOutcome: Sendable {
    public let exchanges: [Exchange]
    /// The usable answer, or the failure of the last URL tried.
    public let result: Result<WebhookAnswer, WebhookFailure>
    /// The primary URL's failure when the fallback URL was requested.
    public let primaryFailure: WebhookFailure?
    /// The URL the answer came from (after HTTP redirects), to resolve relative TwiML URLs against.
    public let finalURL: String

    public init(exchanges: [Exchange], result: Result<WebhookAnswer, WebhookFailure>, primaryFailure: WebhookFailure?,
                finalURL: String) {
        self.exchanges = exchanges
        self.result = result
        self.primaryFailure = primaryFailure
        self.finalURL = finalURL
    }

    /// Whether the answer came from the fallback URL.
    public var usedFallback: Bool { primaryFailure != nil }

    /// The TwiML document, when the answer was one.
    public var document: TwiMLDocument? {
        if case .success(.twiml(let document, _)) = result { return document }
        return nil
    }

    /// The diagnostics of the answer: the TwiML's findings, or a failure's parse errors.
    public var diagnostics: [Diagnostic] {
        switch result {
        case .success(.twiml(_, let diagnostics)): return diagnostics
        case .failure(let failure): return failure.diagnostics
        default: return []
        }
    }
}
