/// A Twilio error or warning code with the platform's short message, as the debugger shows it.
/// Written as a number where a code is expected: `problem(21606, …)`.
public struct TwilioErrorCode: Hashable, Sendable, CustomStringConvertible, Codable, ExpressibleByIntegerLiteral {
    public let code: Int

    public init(_ code: Int) {
        self.code = code
    }

    public init(integerLiteral code: Int) {
        self.code = code
    }

    /// The platform's message for this code, or a generic one for a code the catalogue lacks.
    public var message: String { TwilioErrorCatalogue.messages[code] ?? "Twilio error \(code)" }

    /// Whether the catalogue knows this code.
    public var isKnown: Bool { TwilioErrorCatalogue.messages[code] != nil }

    public var description: String { "\(code) \(message)" }

    public init(from decoder: any Decoder) throws {
        code = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

extension TwilioErrorCode {
    public static let invalidURL = TwilioErrorCode(11100)
    public static let httpRetrievalFailure = TwilioErrorCode(11200)
    public static let httpConnectionFailure = TwilioErrorCode(11205)
    public static let httpProtocolViolation = TwilioErrorCode(11206)
    public static let httpBadHostName = TwilioErrorCode(11210)
    public static let httpTooManyRedirects = TwilioErrorCode(11215)
    public static let httpErrorResponseCode = TwilioErrorCode(11217)
    public static let tlsHandshakeError = TwilioErrorCode(11220)
    public static let retryPolicyInvalid = TwilioErrorCode(11243)
    public static let responseTooLarge = TwilioErrorCode(11750)
    public static let documentParseFailure = TwilioErrorCode(12100)
    public static let schemaValidationWarning = TwilioErrorCode(12200)
    public static let invalidContentType = TwilioErrorCode(12300)
    public static let invalidMessagingVerb = TwilioErrorCode(14110)
}

/// The codes of the reference (`shared/reference/twilio-behaviour.md`), in one table.
public enum TwilioErrorCatalogue {
    public static let messages: [Int: String] = [
        11100: "Invalid URL format",
        11200: "HTTP retrieval failure",
        11205: "HTTP connection failure",
        11206: "HTTP protocol violation",
        11210: "HTTP bad host name",
        11215: "HTTP too many redirects",
        11217: "HTTP error response code",
        11220: "SSL/TLS handshake error",
        11235: "Certificate invalid - domain mismatch",
        11236: "Certificate invalid - certificate expired",
        11237: "Certificate invalid - could not find path to certificate",
        11243: "HTTP retry policy is invalid",
        11750: "TwiML response body too large",
        11751: "Media exceeds messaging provider size limit",
        12100: "Document parse failure",
        12200: "Schema validation warning",
        12300: "Invalid Content-Type",
        14101: "\"To\" attribute is invalid",
        14102: "\"From\" attribute is invalid",
        14103: "Invalid Body",
        14104: "Invalid Redirect URL or method",
        14105: "Invalid statusCallback attribute",
        14106: "Document retrieval limit reached",
        14107: "SMS send rate limit exceeded",
        14108: "From phone number not SMS capable",
        14109: "SMS reply message limit exceeded",
        14110: "Invalid verb for SMS reply",
        17583: "Status callback response body ignored",
        21211: "Invalid 'To' Phone Number",
        21212: "Invalid 'From' Phone Number",
        21408: "Permission to send an SMS has not been enabled for the region",
        21606: "The 'From' phone number provided is not a valid, message-capable Twilio phone number",
        21610: "Attempt to send to unsubscribed recipient",
        21611: "This 'From' number has exceeded the maximum number of queued messages",
        21612: "The 'To' phone number is not currently reachable via SMS",
        21614: "'To' number is not a valid mobile number",
        30001: "Queue overflow",
        30002: "Account suspended",
        30003: "Unreachable destination handset",
        30004: "Message blocked",
        30005: "Unknown destination handset",
        30006: "Landline or unreachable carrier",
        30007: "Message filtered",
        30008: "Unknown error",
        30009: "Missing segment",
        30010: "Message price exceeds max price",
        30014: "\"To\" attribute list invalid",
        32018: "TwiML parameter exceeds 4000 characters",
        50201: "User already exists",
        50353: "Conversation with provided unique name already exists",
        50416: "A binding for this participant and proxy address already exists",
        80201: "No voice-capable proxy number available",
        80203: "No proxy number available for the participant's country",
        80205: "Proxy Service has no phone numbers",
        80206: "No compatible proxy number available",
        80207: "Only reserved proxy numbers match",
        80208: "All matching proxy numbers are already used by this participant",
        80601: "Phone number belongs to another Proxy Service",
        80604: "Participant identifier and proxy identifier pair conflict",
        80607: "Session is closed and cannot be updated",
        80608: "Invalid session status transition",
        80623: "Participant identifier and proxy identifier pair already in use",
        80802: "Participant conflict",
        80904: "Session expired",
        80913: "Out-of-session callback failed",
    ]
}
