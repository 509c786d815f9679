import Foundation

/// One HTTP request and what came back, as recorded in the journal and the outcome.
public struct Exchange: Sendable, Codable, Hashable {
    /// How a request went over the wire.
    public struct SentRequest: Sendable, Codable, Hashable {
        public let method: String
        public let url: String
        public let headers: [Header]
        public let body: String

        public init(method: String, url: String, headers: [Header], body: String) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }

        /// The parameters of a form-encoded body; nil for any other body.
        public var formParameters: [(String, String)]? {
            guard headers.value(named: "content-type")?.hasPrefix("application/x-www-form-urlencoded") == true else { return nil }
            return FormEncoding.decode(body)
        }
    }

    /// What the server answered (the body as read, at most the 64 kB the platform reads).
    public struct ReceivedResponse: Sendable, Codable, Hashable {
        public let status: Int
        public let headers: [Header]
        public let body: String
        /// Bytes read (the body is cut at the limit; more may have been on offer).
        public let bodySize: Int
        /// Whether the body was cut at the limit.
        public let truncated: Bool

        public init(status: Int, headers: [Header], body: String, bodySize: Int, truncated: Bool) {
            self.status = status
            self.headers = headers
            self.body = body
            self.bodySize = bodySize
            self.truncated = truncated
        }

        /// The first value of a header, by case-insensitive name.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// The `Content-Type` without its parameters, lower-cased (`text/xml`); empty without one.
        public var mediaType: String { Exchange.mediaType(of: header("Content-Type")) }
    }

    /// An HTTP header as sent or received.
    public struct Header: Sendable, Codable, Hashable {
        public let name: String
        public let value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The event the webhook belongs to.
    public let event: String
    public let kind: WebhookKind
    /// `primary` or `fallback`.
    public let role: String
    /// 1 for the first attempt, 2 for the first retry …
    public let attempt: Int
    /// 0 for the first request of an attempt, 1 after the first HTTP redirect …
    public let hop: Int
    /// The caller's clock (seconds since 1970; virtual in scenarios) when the exchange started.
    public let time: Double
    public let request: SentRequest
    public let response: ReceivedResponse?
    /// Wall-clock milliseconds the exchange took: the only real, non-deterministic figure.
    public let durationMilliseconds: Double
    /// What this exchange came to: `ok`, `redirect`, `retry`, `auth-challenge` or an error code.
    public let outcome: String
    /// The Twilio error code when the exchange failed.
    public let errorCode: Int?
    /// What went wrong, in words.
    public let errorMessage: String?

    public init(event: String, kind: WebhookKind, role: String, attempt: Int, hop: Int, time: Double, request: SentRequest,
                response: ReceivedResponse?, durationMilliseconds: Double, outcome: String, errorCode: Int?, errorMessage: String?) {
        self.event = event
        self.kind = kind
        self.role = role
        self.attempt = attempt
        self.hop = hop
        self.time = time
        self.request = request
        self.response = response
        self.durationMilliseconds = durationMilliseconds
        self.outcome = outcome
        self.errorCode = errorCode
        self.errorMessage = errorMessage
    }
}

extension [Exchange.Header] {
    /// The first value of the header `name` (case-insensitive, as HTTP names are).
    public func value(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

extension Exchange {
    /// A `Content-Type` value without its parameters, lower-cased; empty for none.
    public static func mediaType(of contentType: String?) -> String {
        (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }
}
