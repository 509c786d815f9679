/// How one scenario (or table row) ended.
public struct ScenarioResult: Sendable {
    public enum Status: String, Sendable {
        case passed
        /// An expectation failed.
        case failed
        /// The scenario file could not be used.
        case fileError = "file-error"
        /// The run could not go on as the scenario meant (the app unreachable …).
        case runtimeError = "runtime-error"
    }

    public let name: String
    public let file: String
    public let location: SourceLocation
    public let status: Status
    public let failures: [ExpectationFailure]
    /// The file error or runtime error, when there is one.
    public let error: String?
    /// Wall-clock seconds the scenario took.
    public let duration: Double
    /// Webhooks called (including status callbacks).
    public let webhooks: Int
    /// Virtual seconds the scenario covered.
    public let virtualSeconds: Double
}

/// An expectation that did not hold: what was expected, what happened, and the exchange behind it.
public struct ExpectationFailure: Sendable {
    public let location: SourceLocation
    public let summary: String
    public let expected: String
    public let actual: String
    /// The webhook exchange closest to the expectation, as a person reads it.
    public let exchange: String?
}
