import Platform
import TwiML

/// An error or warning the platform raised, or something it dropped or does not simulate.
public struct Problem: Sendable, CustomStringConvertible {
    /// How much it says about the app, as the platform's debugger ranks its entries.
    public enum Severity: String, Sendable, CaseIterable {
        /// A failure the platform logs as an error (a webhook that failed, a limit).
        case error
        /// The platform went on, but logged a warning (an ignored TwiML attribute: 12200).
        case warning
        /// Switchboard's own word: something dropped or not simulated, with no platform code.
        case notice
    }

    public let severity: Severity
    public let code: TwilioErrorCode?
    public let message: String
    /// Where in the TwiML document that caused it (1-based), when a document did.
    public let line: Int?
    public let column: Int?

    /// `error 11200 the server answered …`, as the debugger lists it.
    public var description: String { "\(severity.rawValue) \(code.map { String($0.code) } ?? "-") \(message)" }

    public init(severity: Severity? = nil, code: TwilioErrorCode?, message: String, line: Int? = nil, column: Int? = nil) {
        self.severity = severity ?? (code == nil ? .notice : .error)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    /// The warning of a TwiML finding, with its place in the document.
    public init(_ diagnostic: Diagnostic, documentURL: String) {
        self.init(severity: diagnostic.severity == .error ? .error : .warning, code: diagnostic.code,
                  message: "\(diagnostic.message) (\(documentURL) line \(diagnostic.line), column \(diagnostic.column))",
                  line: diagnostic.line, column: diagnostic.column)
    }
}
