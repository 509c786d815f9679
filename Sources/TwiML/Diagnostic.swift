import Platform

/// One finding about a TwiML document: a Twilio code, how serious it is, where, and what is wrong.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    /// An error makes the document unusable; a warning is logged and the document still runs.
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    public let code: TwilioErrorCode
    public let severity: Severity
    /// 1-based line; 0 when the finding is about the whole document (its size, its encoding).
    public let line: Int
    /// 1-based column in characters; 0 when unknown.
    public let column: Int
    public let message: String

    public init(code: TwilioErrorCode, severity: Severity, line: Int, column: Int, message: String) {
        self.code = code
        self.severity = severity
        self.line = line
        self.column = column
        self.message = message
    }

    /// `LINE:COL: severity CODE: message`, the form `twiml lint` prints after the file name.
    public var description: String { "\(line):\(column): \(severity.rawValue) \(code.code): \(message)" }
}
