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
    /// What it asks, in words (`POST Messages.json: send a message to +1…`).
    public let summary: String

    public init(method: String, host: String = "", path: String, parameters: [Parameter] = [], user: String? = nil, summary: String) {
        self.method = method
        self.host = host
        self.path = path
        self.parameters = parameters
        self.user = user
        self.summary = summary
    }

    /// A scenario step standing in for the application's request.
    static func step(_ summary: String) -> APIRequestEvent {
        let words = summary.split(separator: " ", maxSplits: 2)
        let path = words.count > 1 ? String(words[1].split(separator: ":").first ?? words[1]) : ""
        return APIRequestEvent(method: words.first.map(String.init) ?? "", path: path, summary: summary)
    }
}

/// The REST API's answer to a request: its status and JSON body.
public struct APIResponseEvent: Sendable {
    /// The timeline index of the request.
    public let request: Int
    public let status: Int
    /// The JSON body ("" for a 204).
    public let body: String
    /// The error's code when the answer is an error.
    public let errorCode: Int?

    public init(request: Int, status: Int, body: String, errorCode: Int?) {
        self.request = request
        self.status = status
        self.body = body
        self.errorCode = errorCode
    }
}

/// A REST request with its answer, as the timeline record folds them (no answer for a step).
public struct APICall: Sendable {
    public let request: APIRequestEvent
    public internal(set) var response: APIResponseEvent?
}
