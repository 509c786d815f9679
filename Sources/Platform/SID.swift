/// The two-letter prefix that says what kind of resource a SID names.
public enum SIDPrefix: String, Sendable, CaseIterable, Codable {
    case account = "AC"
    case message = "SM"
    case mediaMessage = "MM"
    case media = "ME"
    case messagingService = "MG"
    case phoneNumber = "PN"
    case shortCode = "SC"
    case apiKey = "SK"
    case call = "CA"
    case recording = "RE"
    case transcription = "TR"
    case queue = "QU"
    case conference = "CF"
    case proxyService = "KS"
    case proxySession = "KC"
    case proxyParticipant = "KP"
    case proxyInteraction = "KI"
    case conversationService = "IS"
    case conversation = "CH"
    case conversationMessage = "IM"
    case conversationParticipant = "MB"
    case conversationWebhook = "WH"
    case deliveryReceipt = "DY"
    case user = "US"
    case serverlessService = "ZS"
    case serverlessEnvironment = "ZE"
    case serverlessBuild = "ZB"
    case serverlessDeployment = "ZD"
    case serverlessVariable = "ZV"
    case serverlessResource = "ZH"
    case serverlessVersion = "ZN"
    case serverlessLog = "NO"
    case serverlessRequest = "RQ"
}

/// A Twilio resource identifier: a two-letter prefix followed by 32 lower-case hex digits.
public struct SID: Hashable, Sendable, CustomStringConvertible, Codable {
    public let prefix: SIDPrefix
    /// The 32 hexadecimal digits after the prefix, lower-case.
    public let hex: String

    public var description: String { prefix.rawValue + hex }

    /// Parses `AC0123…`; returns nil unless the prefix is known and exactly 32 hex digits follow.
    public init?(_ text: String) {
        guard text.count == 34, let prefix = SIDPrefix(rawValue: String(text.prefix(2))) else { return nil }
        let hex = text.dropFirst(2)
        guard hex.allSatisfy(\.isHexDigit) else { return nil }
        self.prefix = prefix
        self.hex = hex.lowercased()
    }

    init(prefix: SIDPrefix, high: UInt64, low: UInt64) {
        self.prefix = prefix
        self.hex = Self.hex16(high) + Self.hex16(low)
    }

    private static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let sid = SID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a SID: \(text)"))
        }
        self = sid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
