import Traffic
import TwiML

/// One form parameter, in the order it is sent.
public struct Parameter: Sendable, Hashable, Codable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A webhook to deliver: where, how, with which parameters, and for which event.
public struct WebhookRequest: Sendable {
    /// The URL as configured, possibly with credentials (`user:pass@`) and a connection-override
    /// fragment (`#ct=…`); neither is sent nor signed.
    public var url: String
    public var method: HTTPMethod
    public var parameters: [Parameter]
    /// A JSON body: sent as `application/json` with `bodySHA256` in the query string.
    public var jsonBody: [UInt8]?
    public var kind: WebhookKind
    /// The event this webhook belongs to (a message SID, a call SID …), recorded in the journal.
    public var event: String
    /// `I-Twilio-Idempotency-Token`: the same for every attempt at this event.
    public var idempotencyToken: String
    /// The key of the cookies that apply: the From/To pair of an incoming message, or a call's
    /// SID (its cookies last as long as the call).
    public var cookiePair: (from: String, to: String)?
    /// The caller's clock in seconds since 1970 (virtual in scenarios) when the webhook is sent.
    public var time: Double

    public init(url: String, method: HTTPMethod = .post, parameters: [Parameter], jsonBody: [UInt8]? = nil,
                kind: WebhookKind, event: String, idempotencyToken: String,
                cookiePair: (from: String, to: String)? = nil, time: Double) {
        self.url = url
        self.method = method
        self.parameters = parameters
        self.jsonBody = jsonBody
        self.kind = kind
        self.event = event
        self.idempotencyToken = idempotencyToken
        self.cookiePair = cookiePair
        self.time = time
    }

    /// The same event sent to the fallback URL: the original parameters plus `ErrorCode` and
    /// `ErrorUrl` of the failure.
    public func fallback(url: String, method: HTTPMethod, after failure: WebhookFailure) -> WebhookRequest {
        var request = self
        request.url = url
        request.method = method
        request.parameters = parameters + [Parameter("ErrorCode", String(failure.code.code)), Parameter("ErrorUrl", failure.url)]
        return request
    }
}
