import Foundation
import Scenario

/// `report.txt`: what a reviewer reads in a CI log: each scenario, its traffic, failures with
/// expected against actual and the exchange behind them. No colour.
public enum TextReport {
    public static func render(_ results: [ScenarioResult], duration: Double, notRun: Int? = nil) -> String {
        var text = notRun.map { "INCOMPLETE: the run was interrupted; \($0) scenario(s) did not run.\n\n" } ?? ""
        for result in results {
            let mark = result.status == .passed ? "PASS" : result.status == .failed ? "FAIL" : "ERROR"
            text += "\(mark)  \(result.name)  (\(result.location), \(JUnitReport.seconds(result.duration)) s, "
                + "\(result.webhooks) webhooks, \(Int(result.virtualSeconds)) virtual s)\n"
            if let error = result.error { text += "      \(error)\n" }
            for failure in result.failures {
                text += "  ✗ \(failure.location)  \(failure.summary)\n"
                text += details(failure).split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n") + "\n"
            }
            for notice in result.notices { text += "    ! \(notice)\n" }
            for call in result.calls { text += "    ☎ \(call)\n" }
            for session in result.sessions { text += "    ⇄ \(session)\n" }
            let lines = traffic(result)
            if !lines.isEmpty { text += lines.split(separator: "\n").map { "    · " + $0 }.joined(separator: "\n") + "\n" }
        }
        let passed = results.filter { $0.status == .passed }.count
        return text + "\n\(passed) passed, \(results.count - passed) failed in \(JUnitReport.seconds(duration)) s\n"
    }

    /// Expected, actual and the exchange of a failure.
    static func details(_ failure: ExpectationFailure) -> String {
        var text = "expected: \(failure.expected)\nactual:   \(failure.actual)"
        if let exchange = failure.exchange { text += "\nexchange:\n" + exchange.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") }
        return text
    }

    /// The scenario's webhooks, one line each: virtual time, purpose, request, outcome.
    static func traffic(_ result: ScenarioResult) -> String {
        result.traffic.map { line in
            var text = "+\(JUnitReport.seconds(line.time))s \(line.purpose) \(line.method) \(line.url)"
            text += line.status.map { " → \($0)" } ?? " → no response"
            if let code = line.errorCode { text += " (\(code))" }
            return text
        }.joined(separator: "\n")
    }
}
