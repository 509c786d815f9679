import Foundation
import Scenario

/// `report.txt`: what a reviewer reads in a CI log: each scenario, its traffic, failures with
/// expected against actual and the exchange behind them. No colour.
public enum TextReport {
    public static func render(_ results: [ScenarioResult], duration: Double, notRun: Int? = nil) -> String {
        document(results, texts: results.map { scenario($0, traffic: traffic($0)) }, duration: duration, notRun: notRun)
    }

    /// The report from each scenario's part (`scenario(_:)`, written as it finished; `texts[i]`
    /// is `results[i]`'s), in the order given.
    static func document(_ results: [ScenarioResult], texts: [String], duration: Double, notRun: Int?) -> String {
        var text = notRun.map { "INCOMPLETE: the run was interrupted; \($0) scenario(s) did not run.\n\n" } ?? ""
        text.reserveCapacity(texts.reduce(256) { $0 + $1.utf8.count })
        for part in texts { text += part }
        let passed = results.count { $0.status == .passed }
        return text + "\n\(passed) passed, \(results.count - passed) failed in \(JUnitReport.seconds(duration)) s\n"
    }

    /// One scenario: its result, failures, notices, calls, sessions and traffic (its lines from
    /// `traffic(_:)`, which JUnit's system-out shares).
    static func scenario(_ result: ScenarioResult, traffic: [String]) -> String {
        let mark = result.status == .passed ? "PASS" : result.status == .failed ? "FAIL" : "ERROR"
        // Room for the usual block at once, rather than growing it piece by piece.
        var text = ""
        text.reserveCapacity(traffic.reduce(160) { $0 + $1.utf8.count + 12 })
        text += "\(mark)  \(result.name)  (\(result.location), \(JUnitReport.seconds(result.duration)) s, "
        text += "\(result.webhooks) webhooks, \(Int(result.virtualSeconds)) virtual s)\n"
        if let error = result.error { text += "      \(error)\n" }
        for failure in result.failures {
            text += "  ✗ \(failure.location)  \(failure.summary)\n"
            text += details(failure).split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n") + "\n"
        }
        for notice in result.notices { text += "    ! \(notice)\n" }
        for call in result.calls { text += "    ☎ \(call)\n" }
        for session in result.sessions { text += "    ⇄ \(session)\n" }
        for line in traffic { text += "    · " + line + "\n" }
        return text
    }

    /// Expected, actual and the exchange of a failure.
    static func details(_ failure: ExpectationFailure) -> String {
        var text = "expected: \(failure.expected)\nactual:   \(failure.actual)"
        if let exchange = failure.exchange { text += "\nexchange:\n" + exchange.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") }
        return text
    }

    /// The scenario's webhooks, a line each: virtual time, purpose, request, outcome.
    static func traffic(_ result: ScenarioResult) -> [String] {
        result.traffic.map(traffic)
    }

    private static func traffic(_ line: TrafficLine) -> String {
        "+\(JUnitReport.seconds(line.time))s \(line.purpose) \(line.method) \(line.url)"
            + (line.status.map { " → \($0)" } ?? " → no response") + (line.errorCode.map { " (\($0))" } ?? "")
    }
}
