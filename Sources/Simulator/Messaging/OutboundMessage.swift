import Platform
/// An outbound message the platform sends: what was asked, and how its status went.
public struct OutboundMessage: Sendable {
    public let sid: String
    public let from: String
    public let to: String
    /// `outbound-api` (the REST API, a scenario's `send`), `outbound-reply` (TwiML).
    public let direction: String
    /// Empty once redacted through the API.
    public internal(set) var body: String
    public let mediaURLs: [String]
    public let segments: Int
    public let encoding: Segments.Encoding
    public let messagingServiceSid: String?
    /// Where status callbacks go (`<Message action|statusCallback>`, the service's, the API call's).
    public let statusCallback: String?
    /// Every status in order, the initial one first, with the virtual time it was reached.
    public internal(set) var statuses: [StatusChange]
    public internal(set) var errorCode: TwilioErrorCode?
    /// When a scheduled message is to be sent (seconds since 1970).
    public internal(set) var sendAt: Double?

    /// The current status.
    public var status: MessageStatus { statuses.last?.status ?? .queued }
}

/// A status a message reached, and when (virtual seconds since 1970).
public struct StatusChange: Sendable {
    public let status: MessageStatus
    public let time: Double
}
