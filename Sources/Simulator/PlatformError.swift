import Platform

/// A REST API or routing error: the platform's code and a message saying what to change.
public struct PlatformError: Error, Sendable, Equatable {
    public let code: TwilioErrorCode
    public let message: String

    public init(_ code: TwilioErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
