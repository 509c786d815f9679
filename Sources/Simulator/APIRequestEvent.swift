import Webhooks

/// A request the application made to the platform's REST API, as it arrived: through the
/// emulated API over HTTP, or a scenario step standing in for it (`send`, `proxy`).
public struct APIRequestEvent: Sendable {
    public let method: String
    /// The platform host it was for (`api.twilio.com`, `proxy.twilio.com` …); empty for a step.
    public let host: String
    /// The path without the query (`/2010-04-01/Accounts/AC…/Messages.json`).
    public let path: String
    /// The query's and the form body's parameters, in order.
    public let parameters: [Parameter]
    /// The credentials' user (`AC…` or `SK…`); nil for a step.
    public let user: String?
    /// The operation as the platform's OpenAPI description names it (`CreateMessage`); empty for a step.
    public let operation: String
    /// A step's own words; a request's are made from its operation, method and path.
    private let words: String?

    public init(operation: String, method: String, host: String, path: String, parameters: [Parameter], user: String?) {
        self.operation = operation
        self.method = method
        self.host = host
        self.path = path
        self.parameters = parameters
        self.user = user
        words = nil
    }

    private init(step summary: String, method: String, path: String) {
        operation = ""
        self.method = method
        host = ""
        self.path = path
        parameters = []
        user = nil
        words = summary
    }

    /// What it asks, in words (`CreateMessage POST /2010-04-01/…`, `POST Messages.json: send a message to +1…`).
    public var summary: String { words ?? "\(operation) \(method) \(path)" }

    /// A scenario step standing in for the application's request.
    static func step(_ summary: String) -> APIRequestEvent {
        let parts = summary.split(separator: " ", maxSplits: 2)
        let path = parts.count > 1 ? String(parts[1].split(separator: ":").first ?? parts[1]) : ""
        return APIRequestEvent(step: summary, method: parts.first.map(String.init) ?? "", path: path)
    }
}

/// The REST API's answer to a request: its status, and for an error its code and message.
/// A success's body is not kept: what it created is on the timeline as the resource itself,
/// and a hundred thousand answers would hold a hundred megabytes.
public struct APIResponseEvent: Sendable {
    /// The timeline index of the request.
    public let request: Int
    public let status: Int
    /// The error's code and message when the answer is an error.
    public let errorCode: Int?
    public let errorMessage: String?

    public init(request: Int, status: Int, errorCode: Int? = nil, errorMessage: String? = nil) {
        self.request = request
        self.status = status
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

/// A REST request with its answer, as the timeline record folds them (no answer for a step).
public struct APICall: Sendable {
    public let request: APIRequestEvent
    public internal(set) var response: APIResponseEvent?
}
