import Traffic
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
    /// A TwiML document as a finished delivery keeps it: its findings, its source in the
    /// answering exchange's body, its parsed tree released (see `DeliveryOutcome.recorded`).
    case recordedTwiML([Diagnostic])
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

    /// The TwiML document, when the answer was one (parsed again from the answering
    /// exchange's body when the outcome was `recorded`).
    public var document: TwiMLDocument? {
        switch result {
        case .success(.twiml(let document, _)): return document
        case .success(.recordedTwiML): return exchanges.last?.response.flatMap { try? TwiMLDocument.parse($0.body).get() }
        default: return nil
        }
    }

    /// Whether the answer was a TwiML document.
    public var answeredTwiML: Bool {
        switch result {
        case .success(.twiml), .success(.recordedTwiML): true
        default: false
        }
    }

    /// The outcome as a record keeps it, once its document has run: the same, with a TwiML
    /// answer's parsed tree released (libxml2's tree is a few kilobytes a document; a scenario
    /// of 100,000 messages would hold them all). `document` parses the source again on demand.
    public var recorded: DeliveryOutcome {
        guard case .success(.twiml(_, let diagnostics)) = result else { return self }
        return DeliveryOutcome(exchanges: exchanges, result: .success(.recordedTwiML(diagnostics)), primaryFailure: primaryFailure,
                               finalURL: finalURL)
    }

    /// The diagnostics of the answer: the TwiML's findings, or a failure's parse errors.
    public var diagnostics: [Diagnostic] {
        switch result {
        case .success(.twiml(_, let diagnostics)), .success(.recordedTwiML(let diagnostics)): return diagnostics
        case .failure(let failure): return failure.diagnostics
        default: return []
        }
    }
}
