import Foundation
import Platform
import Scenario

/// `report.txt`: what a reviewer reads in a CI log: each scenario, its traffic, failures with
/// expected against actual and the exchange behind them. No colour.
public enum TextReport: SummaryReport {
    public static func render(_ results: [ScenarioResult], duration: Double, notRun: Int? = nil) -> String {
        render(results, duration: duration, startedAt: Date(timeIntervalSince1970: 0), notRun: notRun).text
    }

    static func document(_ run: FinishedRun, parts: ReportParts) -> ByteWriter {
        var text = ByteWriter(capacity: parts.count + 256)
        if let notRun = run.notRun { text.append("INCOMPLETE: the run was interrupted; \(notRun) scenario(s) did not run.\n\n") }
        parts.forEach(run.order) { text.append($0) }
        let tally = ResultTally(run.results)
        text.append("\n\(tally.passed) passed, \(tally.total - tally.passed - tally.skipped) failed"
                    + (tally.skipped > 0 ? ", \(tally.skipped) skipped" : "") + " in \(JUnitReport.seconds(run.duration)) s\n")
        return text
    }

    /// One scenario: its result, failures, notices, calls, sessions and traffic.
    static func part(_ result: ScenarioResult, into text: inout ByteWriter) {
        let start = text.count
        defer { ControlCharacters.escape(&text, from: start) }  // names, URLs and answers are the app's and the file's
        let mark: StaticString = switch result.status {
        case .passed: "PASS"
        case .failed: "FAIL"
        case .skipped: "SKIP"
        case .fileError, .runtimeError: "ERROR"
        }
        text.append(mark)
        text.append("  ")
        text.append(result.name)
        text.append("  (")
        location(result.location, into: &text, escapingMarkup: false)
        text.append(", ")
        text.append(JUnitReport.seconds(result.duration))
        text.append(" s, ")
        text.append(decimal: result.webhooks)
        text.append(" webhooks, ")
        text.append(decimal: result.virtualSeconds.isFinite ? Int(min(max(result.virtualSeconds, 0), 1e15)) : 0)
        text.append(" virtual s)\n")
        if let error = result.error {
            for line in error.split(separator: "\n") { text.append("      \(line)\n") }
        }
        for failure in result.failures {
            text.append("  ✗ \(failure.location)  \(failure.summary)\n")
            text.append(details(failure).split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n") + "\n")
        }
        for notice in result.notices { text.append("    ! \(notice)\n") }
        for call in result.calls { text.append("    ☎ \(call)\n") }
        for session in result.sessions { text.append("    ⇄ \(session)\n") }
        for line in result.traffic {
            text.append("    · ")
            traffic(line, into: &text, escapingMarkup: false)
            text.append("\n")
        }
        if !result.appOutput.isEmpty { text.append("    app output (| stdout, ! stderr):\n") }
        for line in result.appOutput { text.append("      \(line.stream == .stderr ? "!" : "|") \(line.text)\n") }
    }

    /// Expected, actual, the exchange and the timeline entries of a failure.
    static func details(_ failure: ExpectationFailure) -> String {
        var text = "expected: \(failure.expected)\nactual:   \(failure.actual)"
        if let exchange = failure.exchange { text += "\nexchange:\n" + exchange.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") }
        if !failure.entries.isEmpty { text += "\nlooked at:\n" + failure.entries.map { "  " + $0 }.joined(separator: "\n") }
        if let hint = failure.hint { text += "\nhint: " + hint }
        return text
    }

    /// A place as `SourceLocation.description` writes it (`file:line:column`), without making
    /// the string; `escapingMarkup` for HTML.
    static func location(_ location: SourceLocation, into output: inout ByteWriter, escapingMarkup: Bool) {
        output.append(escapingMarkup ? Markup.escape(location.file) : location.file)
        output.append(":")
        output.append(decimal: location.line)
        output.append(":")
        output.append(decimal: location.column)
    }

    /// A webhook of the scenario's traffic on a line (here and in JUnit's system-out): virtual
    /// time, purpose, request, outcome; `escapingMarkup` for XML.
    static func traffic(_ line: TrafficLine, into output: inout ByteWriter, escapingMarkup: Bool) {
        output.append("+")
        output.append(JUnitReport.seconds(line.time))
        output.append("s ")
        output.append(escapingMarkup ? Markup.escape(line.purpose) : line.purpose)
        output.append(" ")
        output.append(escapingMarkup ? Markup.escape(line.method) : line.method)
        output.append(" ")
        output.append(escapingMarkup ? Markup.escape(line.url) : line.url)
        if let status = line.status {
            output.append(" → ")
            output.append(decimal: status)
        } else {
            output.append(" → no response")
        }
        if let code = line.errorCode {
            output.append(" (")
            output.append(decimal: code)
            output.append(")")
        }
    }
}
