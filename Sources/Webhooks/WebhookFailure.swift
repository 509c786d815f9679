import Platform
import TwiML

/// A webhook that could not be delivered or whose answer could not be used, classified with
/// the Twilio error code the platform would raise.
public struct WebhookFailure: Error, Sendable, Hashable, CustomStringConvertible, Codable {
    public let code: TwilioErrorCode
    /// The URL that failed (sent as `ErrorUrl` to the fallback).
    public let url: String
    /// What happened, in words.
    public let message: String
    /// The document's errors when the answer was not usable TwiML (12100, 11750).
    public let diagnostics: [Diagnostic]

    public init(code: TwilioErrorCode, url: String, message: String, diagnostics: [Diagnostic] = []) {
        self.code = code
        self.url = url
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String { "\(code.code) \(code.message): \(message)" }
}
