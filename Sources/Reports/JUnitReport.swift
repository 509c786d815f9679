import Foundation
import Platform
import Scenario

/// JUnit XML as CI systems read it: a `testsuite` per scenario file, a `testcase` per scenario
/// and table row, `failure` for failed expectations, `error` for broken files and runtime
/// errors, and the traffic summary in `system-out`.
public enum JUnitReport: SummaryReport {
    /// An interrupted run (`notRun` set) gets a `switchboard` suite with an `error` saying so.
    public static func render(_ results: [ScenarioResult], duration: Double, timestamp: Date, notRun: Int? = nil) -> String {
        render(results, duration: duration, startedAt: timestamp, notRun: notRun).text
    }

    /// The document from each scenario's test case, a `testsuite` per file.
    static func document(_ run: FinishedRun, parts: ReportParts) -> ByteWriter {
        let (results, order, duration, timestamp, notRun) = (run.results, run.order, run.duration, run.startedAt, run.notRun)
        var files: [String] = []
        var byFile: [String: [Int]] = [:]
        for index in results.indices {
            let file = results[index].file
            if byFile[file] == nil { files.append(file) }
            byFile[file, default: []].append(index)
        }
        let stamp = ISO8601DateFormatter().string(from: timestamp)
        var xml = ByteWriter(capacity: parts.count + files.count * 256 + 1_024)
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        let interrupted = notRun == nil ? 0 : 1
        let run = ResultTally(results)
        xml.append("<testsuites name=\"switchboard\" tests=\"\(run.total + interrupted)\" failures=\"\(run.failed)\" "
            + "errors=\"\(run.errors + interrupted)\" time=\"\(seconds(duration))\">\n")
        if let notRun {
            xml.append("  <testsuite name=\"switchboard\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" time=\"0\" timestamp=\"\(stamp)\">\n"
                + "    <testcase name=\"the run\" classname=\"switchboard\" time=\"0\"><error message=\"incomplete: the run was interrupted; "
                + "\(notRun) scenario(s) did not run\" type=\"interrupted\"/></testcase>\n  </testsuite>\n")
        }
        for file in files {
            let suite = byFile[file] ?? []
            let tally = ResultTally(results, at: suite)
            xml.append("  <testsuite name=\"\(Markup.escape(file))\" file=\"\(Markup.escape(file))\" tests=\"\(tally.total)\" failures=\"\(tally.failed)\" "
                + "errors=\"\(tally.errors)\" skipped=\"\(tally.skipped)\" time=\"\(seconds(tally.duration))\" timestamp=\"\(stamp)\">\n")
            parts.forEach(suite.lazy.map { order[$0] }) { xml.append($0) }
            xml.append("  </testsuite>\n")
        }
        xml.append("</testsuites>\n")
        return xml
    }

    /// One scenario's `testcase` element, its traffic in `system-out`.
    static func part(_ result: ScenarioResult, into xml: inout ByteWriter) {
        // The common JUnit schema allows name, classname, time and group on a test case; `file`
        // and `line` are the extension pytest and Playwright write, which GitLab and the GitHub
        // annotators read to point at the scenario (lenient readers such as Jenkins ignore them).
        xml.append("    <testcase name=\"")
        xml.append(Markup.escape(result.name))
        xml.append("\" classname=\"")
        xml.append(Markup.escape(classname(result.file)))
        xml.append("\" file=\"")
        xml.append(Markup.escape(result.file))
        xml.append("\" line=\"")
        xml.append(decimal: result.location.line)
        xml.append("\" time=\"")
        xml.append(seconds(result.duration))
        xml.append("\"")
        if result.status == .passed, result.traffic.isEmpty {
            xml.append("/>\n")
            return
        }
        xml.append(">\n")
        switch result.status {
        case .fileError, .runtimeError:
            xml.append("      <error message=\"\(Markup.escape(result.error ?? ""))\" type=\"\(result.status.rawValue)\">"
                + Markup.escape(result.error ?? "") + "</error>\n")
        case .skipped:
            xml.append("      <skipped message=\"\(Markup.escape(result.error ?? ""))\"/>\n")
        case .failed, .passed:
            break
        }
        for failure in result.failures {
            xml.append("      <failure message=\"\(Markup.escape(failure.location.description + ": " + failure.summary))\" type=\"expectation\">"
                + Markup.escape(failure.location.description + "\n" + TextReport.details(failure)) + "</failure>\n")
        }
        if !result.traffic.isEmpty {
            xml.append("      <system-out>")
            for (index, line) in result.traffic.enumerated() {
                if index > 0 { xml.append("\n") }
                TextReport.traffic(line, into: &xml, escapingMarkup: true)
            }
            xml.append("</system-out>\n")
        }
        xml.append("    </testcase>\n")
    }

    /// The file's path without its extension, dots for slashes: `Scenarios.messaging.auto-reply`.
    static func classname(_ file: String) -> String {
        file.withUTF8Bytes { path in
            let name = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
            let dot = path[name...].lastIndex(of: UInt8(ascii: "."))
            let end = dot.flatMap { $0 > name ? $0 : nil } ?? path.count
            return String(unsafeUninitializedCapacity: end) { classname in
                for index in 0..<end { classname[index] = path[index] == UInt8(ascii: "/") ? UInt8(ascii: ".") : path[index] }
                return end
            }
        }
    }

    static func seconds(_ value: Double) -> String {
        Decimals.format(value, digits: 3)
    }
}
