import Simulator

/// Why an expectation about a resource does not hold: what was checked, expected and found,
/// the timeline entries it looked at, and the exchange behind them when one is known.
struct Mismatch {
    let summary: String
    let expected: String
    let actual: String
    let exchange: WebhookEvent?
    let entries: [Int]

    init(_ summary: String, _ expected: String, _ actual: String, exchange: WebhookEvent? = nil, entries: [Int]) {
        self.summary = summary
        self.expected = expected
        self.actual = actual
        self.exchange = exchange
        self.entries = entries
    }
}
