import Platform
import Scenario

/// `summary.md`: a short summary fit for a pull-request comment or a CI job summary.
public enum MarkdownSummary: SummaryReport {
    /// Totals and the first failures: no part of its own per scenario.
    static func part(_ result: ScenarioResult, into part: inout ByteWriter) {}

    static func document(_ run: FinishedRun, parts: ReportParts) -> ByteWriter {
        var text = ByteWriter(capacity: 4_096)
        text.append(render(run.results, duration: run.duration, notRun: run.notRun))
        return text
    }

    public static func render(_ results: [ScenarioResult], duration: Double, notRun: Int? = nil) -> String {
        let tally = ResultTally(results)
        let (passed, failed, errors) = (tally.passed, tally.failed, tally.errors)
        var text = "## Switchboard: \(failed + errors == 0 ? "✅ all \(passed) scenarios passed" : "❌ \(failed + errors) of \(results.count) scenarios failed")\n\n"
        if let notRun { text += "> **Incomplete run**: interrupted; \(notRun) scenario(s) did not run.\n\n" }
        if tally.skipped > 0 { text += "> \(tally.skipped) scenario(s) skipped: this machine lacks what they need (see report.txt).\n\n" }
        text += "| passed | failed | errors | webhooks | time |\n|---:|---:|---:|---:|---:|\n"
        text += "| \(passed) | \(failed) | \(errors) | \(tally.webhooks) | \(JUnitReport.seconds(duration)) s |\n"
        let problems = results.count - passed - tally.skipped
        guard problems > 0 else { return text }
        text += "\n| scenario | where | what |\n|---|---|---|\n"
        for result in results.indices.lazy.filter({ results[$0].status.isFailure }).prefix(50).map({ results[$0] }) {
            let what = result.error ?? result.failures.first.map { "\($0.summary): expected \($0.expected), got \($0.actual)" } ?? ""
            text += "| \(cell(result.name)) | \(code(result.failures.first?.location.description ?? result.location.description)) | \(cell(what)) |\n"
        }
        if problems > 50 { text += "\n… and \(problems - 50) more (see report.txt).\n" }
        return text
    }

    /// A code span in a table cell (no HTML is rendered there, so only the span's own
    /// delimiter, the cell's and control characters are replaced).
    private static func code(_ text: String) -> String {
        "`" + ControlCharacters.escape(text).replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "|", with: "\\|") + "`"
    }

    /// A table cell: one line, no raw HTML (GitHub renders it), no `|`, no control characters.
    private static func cell(_ text: String) -> String {
        let flat = ControlCharacters.escape(text.replacingOccurrences(of: "\n", with: " "))
        let cut = flat.count > 200 ? String(flat.prefix(200)) + "…" : flat
        return Markup.escape(cut).replacingOccurrences(of: "|", with: "\\|")
    }
}
