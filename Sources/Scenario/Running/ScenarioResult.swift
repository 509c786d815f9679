import FrontDoor
import Traffic
import Webhooks

/// How one scenario (or table row) ended.
public struct ScenarioResult: Sendable {
    /// What the scenario came to, as the exit status and the reports tell it.
    public enum Status: String, Sendable {
        case passed
        /// An expectation failed.
        case failed
        /// The scenario file could not be used.
        case fileError = "file-error"
        /// The run could not go on as the scenario meant (the app unreachable …).
        case runtimeError = "runtime-error"
        /// The scenario needs what this machine lacks (`node` for Node.js functions): not run,
        /// said so, and counted apart (the run's exit code does not change).
        case skipped

        /// Whether it counts against the run: anything but passed and skipped.
        public var isFailure: Bool { self != .passed && self != .skipped }
    }

    public let name: String
    public let file: String
    public let location: SourceLocation
    public let status: Status
    public let failures: [ExpectationFailure]
    /// The file error or runtime error, when there is one.
    public let error: String?
    /// Wall-clock seconds the scenario took.
    public let duration: Double
    /// Webhooks called (including status callbacks).
    public let webhooks: Int
    /// Virtual seconds the scenario covered.
    public let virtualSeconds: Double
    /// Every webhook called, in order, one line each.
    public private(set) var traffic: [TrafficLine]
    /// The scenario's name in the run's traffic journal and traffic files (`0007-auto-reply`):
    /// its lines carry it as `"scenario"`. Nil for a file that could not be used.
    public var journal: String?
    /// What the platform raised or dropped, as its debugger shows it: `+12s 80904 session …`.
    public var notices: [String] = []
    /// Each call and the path it took, one line each (see `CallPath`).
    public var calls: [String] = []
    /// Each Proxy session as it ended, one line each (see `SessionSummary`).
    public var sessions: [String] = []
    /// Every exchange, in order: handed to reporters as the scenario finishes, and dropped
    /// before the result is kept, so a long run's memory stays bounded.
    public var exchanges: [Exchange] = []
    /// The app's REST requests as exchanges (for the HAR; not among `exchanges`, whose places
    /// the failures point at), dropped as the exchanges are.
    public var apiExchanges: [Exchange] = []
    /// The whole conversation, for the sequence diagram (dropped as the exchanges are).
    public var conversation: [ConversationLine] = []
    /// What the app under test wrote while the scenario ran, when Switchboard started it
    /// (dropped as the exchanges are; the journal keeps it).
    public var appOutput: [AppLog.Line] = []

    public init(name: String, file: String, location: SourceLocation, status: Status, failures: [ExpectationFailure], error: String?,
                duration: Double, webhooks: Int, virtualSeconds: Double, traffic: [TrafficLine], journal: String?) {
        self.name = name
        self.file = file
        self.location = location
        self.status = status
        self.failures = failures
        self.error = error
        self.duration = duration
        self.webhooks = webhooks
        self.virtualSeconds = virtualSeconds
        self.traffic = traffic
        self.journal = journal
    }

    /// Results in the order their scenarios are written: by file, then line and column.
    public static func inFileOrder(_ lhs: ScenarioResult, _ rhs: ScenarioResult) -> Bool {
        lhs.place < rhs.place
    }

    /// Where the scenario is written, in the terms `inFileOrder` compares.
    public var place: (file: String, line: Int, column: Int) {
        (file, location.line, location.column)
    }

    /// What a finished result keeps once the reporters have written their part of it: its
    /// name, place, status, failures and counts, without the traffic, calls, sessions, notices
    /// and exchanges, so that a run's memory grows by a few hundred bytes a scenario.
    public var kept: ScenarioResult {
        var copy = self
        copy.exchanges = []
        copy.apiExchanges = []
        copy.conversation = []
        copy.traffic = []
        copy.notices = []
        copy.calls = []
        copy.sessions = []
        copy.appOutput = []
        return copy
    }
}

/// One webhook of a scenario, as a report lists it.
public struct TrafficLine: Sendable, Codable {
    /// Virtual seconds since the scenario's start.
    public let time: Double
    public let purpose: String
    public let method: String
    public let url: String
    /// The final HTTP status, if a response came.
    public let status: Int?
    /// The Twilio error code the delivery ended with, if it failed.
    public let errorCode: Int?

    public init(time: Double, purpose: String, method: String, url: String, status: Int?, errorCode: Int?) {
        self.time = time
        self.purpose = purpose
        self.method = method
        self.url = url
        self.status = status
        self.errorCode = errorCode
    }
}

/// An expectation that did not hold: what was expected, what happened, and the exchange behind it.
public struct ExpectationFailure: Sendable {
    public let location: SourceLocation
    public let summary: String
    public let expected: String
    public let actual: String
    /// The webhook exchange closest to the expectation, as a person reads it.
    public let exchange: String?
    /// The timeline entries the expectation looked at, one line each (`#7 +3s message …`).
    public let entries: [String]
    /// What usually causes what it found, and how to tell (a 403 from the app: its token or its URL).
    public let hint: String?
    /// The place of the exchange shown among the scenario's exchanges (`ScenarioResult.exchanges`).
    public let exchangeIndex: Int?

    public init(location: SourceLocation, summary: String, expected: String, actual: String, exchange: String?, entries: [String] = [],
                hint: String? = nil, exchangeIndex: Int? = nil) {
        self.exchangeIndex = exchangeIndex
        self.location = location
        self.summary = summary
        self.expected = expected
        self.actual = actual
        self.exchange = exchange
        self.entries = entries
        self.hint = hint
    }
}
