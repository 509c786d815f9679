import Scenario

/// Results counted by status, each read in place. A generic algorithm over the results
/// (`count(where:)`, `reduce`, `map`) hands its closure a copy of each result, a retain and a
/// release of each of its dozen references: at the end of a run of 10,000 scenarios, such
/// counts were most of the work of finishing the summary reports.
struct ResultTally {
    private(set) var passed = 0
    private(set) var failed = 0
    private(set) var fileErrors = 0
    private(set) var runtimeErrors = 0
    /// Not run: the machine lacks what they need.
    private(set) var skipped = 0
    /// Webhooks sent in all.
    private(set) var webhooks = 0
    /// Seconds the scenarios took, added up.
    private(set) var duration = 0.0

    var total: Int { passed + failed + errors + skipped }
    /// Scenarios that did not run to their end: a broken file or a runtime error.
    var errors: Int { fileErrors + runtimeErrors }

    init(_ results: [ScenarioResult]) {
        self.init(results, at: results.indices)
    }

    /// The results at `indices`.
    init(_ results: [ScenarioResult], at indices: some Sequence<Int>) {
        for index in indices {
            switch results[index].status {
            case .passed: passed += 1
            case .failed: failed += 1
            case .fileError: fileErrors += 1
            case .runtimeError: runtimeErrors += 1
            case .skipped: skipped += 1
            }
            webhooks += results[index].webhooks
            duration += results[index].duration
        }
    }
}
