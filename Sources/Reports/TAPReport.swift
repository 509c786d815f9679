import Foundation
import Platform
import Scenario

/// `report.tap`: the Test Anything Protocol (version 14), for the TAP consumers of CI systems
/// and editors: a test point per scenario, YAML diagnostics for each failure.
public enum TAPReport: SummaryReport {
    public static func render(_ results: [ScenarioResult], notRun: Int? = nil) -> String {
        render(results, duration: 0, notRun: notRun).text
    }

    /// The report from each scenario's test point, `results[i]`'s numbered `i + 1`.
    static func document(_ run: FinishedRun, parts: ReportParts) -> ByteWriter {
        let (results, order, notRun) = (run.results, run.order, run.notRun)
        var text = ByteWriter(capacity: parts.count + results.count * 12 + 256)
        text.append("TAP version 14\n1..\(results.count)\n")
        var number = 0
        parts.forEach(order) { point in
            let status: StaticString = results[number].status.isFailure ? "not ok " : "ok "
            text.append(status)
            number += 1
            text.append(decimal: number)
            text.append(point)
        }
        if let notRun { text.append("Bail out! The run was interrupted; \(notRun) scenario(s) did not run.\n") }
        return text
    }

    /// A scenario's test point without its status and number: the description, a directive,
    /// YAML diagnostics.
    static func part(_ result: ScenarioResult, into text: inout ByteWriter) {
        text.append(" - ")
        text.append(description(result.file))
        text.append(": ")
        text.append(description(result.name))
        guard result.status != .passed else {
            text.append("\n")
            return
        }
        if result.status == .skipped {
            text.append(" # SKIP \(result.error ?? "")\n")
            return
        }
        text.append((result.status == .failed ? "" : " # \(result.status.rawValue)") + "\n")
        if let error = result.error {
            text.append("  ---\n  message: \(quoted(error))\n  at: \(quoted(result.location.description))\n  ...\n")
        }
        for failure in result.failures {
            text.append("  ---\n  message: \(quoted(failure.summary))\n  at: \(quoted(failure.location.description))\n"
                + "  expected: \(quoted(failure.expected))\n  actual: \(quoted(failure.actual))\n  ...\n")
        }
    }

    /// A test point's description: one line without control characters, `#` escaped (it would
    /// start a directive). Escaped a piece at a time, the same as the whole: `": "` needs nothing.
    private static func description(_ text: String) -> String {
        // Most names have nothing to change: no `#`, no control character (C0, DEL, or C1, whose
        // UTF-8 starts with 0xC2), no line break beyond those.
        let plain = !text.withUTF8Bytes { $0.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "#") || $0 == 0xC2 || $0 == 0xE2 } }
        if plain { return text }
        return text.map { character in
            if character == "#" { return "\\#" }
            let control = character.unicodeScalars.contains { $0.properties.generalCategory == .control }
            return control || character.isNewline ? " " : String(character)
        }.joined()
    }

    /// A YAML scalar: a JSON string is one, with every character escaped as needed.
    private static func quoted(_ text: String) -> String {
        (try? JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
