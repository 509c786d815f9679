import Platform
import TwiML
import Webhooks

/// Everything that happened in one simulated world, in order, each entry with the entry that
/// caused it. Expectations and reports are views of it; the simulator only appends.
public final class Timeline {
    public private(set) var entries: [TimelineEntry] = []

    public init() {}

    /// Appends an event and returns its index (to name it as the cause of later events).
    @discardableResult
    public func append(_ event: TimelineEvent, at time: Double, cause: Int?) -> Int {
        entries.append(TimelineEntry(index: entries.count, time: time, cause: cause, event: event))
        return entries.count - 1
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

/// One entry of the timeline.
public struct TimelineEntry {
    public let index: Int
    /// Virtual time, seconds since 1970.
    public let time: Double
    /// The index of the entry that caused this one.
    public let cause: Int?
    public let event: TimelineEvent
}

/// What can happen in a simulated world.
public enum TimelineEvent {
    /// An SMS or MMS arrived from a handset.
    case inboundMessage(InboundMessage)
    /// A call came in from a handset.
    case inboundCall(sid: String, from: String, to: String)
    /// A call (or a leg it dialled) changed status.
    case callStatus(sid: String, status: CallStatus)
    /// The application called the platform's REST API (a scenario step stands in for it).
    case apiRequest(String)
    /// The platform called a URL: the delivery with every exchange, and what it came to.
    case webhook(WebhookEvent)
    /// An outbound message was created.
    case messageCreated(sid: String)
    /// An outbound message changed status.
    case messageStatus(sid: String, status: MessageStatus, errorCode: Int?)
    /// A Proxy session was created or changed status (`closedReason` once it closed).
    case proxySession(sid: String, status: ProxySessionStatus, closedReason: String?)
    /// A Proxy interaction was created, relayed, or blocked by the intercept callback.
    case interaction(sid: String, blocked: Bool)
    /// The platform raised an error or dropped something, as its debugger would show.
    case problem(Problem)
}

/// An inbound message as the handset sent it.
public struct InboundMessage: Sendable {
    public let sid: String
    public let from: String
    public let to: String
    public let body: String
    public let mediaURLs: [String]
    /// Webhook parameters the scenario gives in place of (or beside) the platform's.
    public let parameterOverrides: [Parameter]
}

/// One webhook the platform called.
public struct WebhookEvent {
    /// Why the platform called it.
    public let purpose: WebhookPurpose
    /// The URL as configured (before HTTP redirects, with any `#` fragment).
    public let url: String
    public let method: HTTPMethod
    public let parameters: [Parameter]
    /// The message or call this webhook is about.
    public let event: String
    public let outcome: DeliveryOutcome
    /// The URL the answer came from, to resolve relative TwiML URLs.
    public var finalURL: String { outcome.finalURL }
    /// Whose exchanges this event stands for: a delivery with a fallback is two events sharing
    /// one outcome, the primary URL's (`primary`) and the fallback's (`fallback`).
    public var role: String { purpose == .fallback ? "fallback" : "primary" }
    /// The exchanges of this event's own URL.
    public var ownExchanges: [Exchange] { outcome.exchanges.filter { $0.role == role } }
}

/// An error or warning the platform raised, or something it dropped or does not simulate.
public struct Problem: Sendable {
    /// How much it says about the app, as the platform's debugger ranks its entries.
    public enum Severity: String, Sendable, CaseIterable {
        /// A failure the platform logs as an error (a webhook that failed, a limit).
        case error
        /// The platform went on, but logged a warning (an ignored TwiML attribute: 12200).
        case warning
        /// Switchboard's own word: something dropped or not simulated, with no platform code.
        case notice
    }

    public let severity: Severity
    public let code: TwilioErrorCode?
    public let message: String
    /// Where in the TwiML document that caused it (1-based), when a document did.
    public let line: Int?
    public let column: Int?

    public init(severity: Severity? = nil, code: TwilioErrorCode?, message: String, line: Int? = nil, column: Int? = nil) {
        self.severity = severity ?? (code == nil ? .notice : .error)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    /// The warning of a TwiML finding, with its place in the document.
    public init(_ diagnostic: Diagnostic, documentURL: String) {
        self.init(severity: diagnostic.severity == .error ? .error : .warning, code: diagnostic.code,
                  message: "\(diagnostic.message) (\(documentURL) line \(diagnostic.line), column \(diagnostic.column))",
                  line: diagnostic.line, column: diagnostic.column)
    }
}
