import Foundation
import Scenario

/// `report.tap`: the Test Anything Protocol (version 14), for the TAP consumers of CI systems
/// and editors: a test point per scenario, YAML diagnostics for each failure.
public enum TAPReport {
    public static func render(_ results: [ScenarioResult], notRun: Int? = nil) -> String {
        document(results.map(testPoint), notRun: notRun)
    }

    /// A scenario's test point without its number: whether it passed, and what follows the
    /// number (the description, a directive, YAML diagnostics).
    typealias TestPoint = (ok: Bool, rest: String)

    /// The report from each scenario's test point (written as it finished), numbered in the order given.
    static func document(_ points: [TestPoint], notRun: Int?) -> String {
        var text = "TAP version 14\n1..\(points.count)\n"
        for (number, point) in points.enumerated() { text += (point.ok ? "ok " : "not ok ") + String(number + 1) + point.rest }
        if let notRun { text += "Bail out! The run was interrupted; \(notRun) scenario(s) did not run.\n" }
        return text
    }

    static func testPoint(_ result: ScenarioResult) -> TestPoint {
        let name = description(result.file + ": " + result.name)
        guard result.status != .passed else { return (true, " - \(name)\n") }
        var text = " - \(name)" + (result.status == .failed ? "" : " # \(result.status.rawValue)") + "\n"
        if let error = result.error {
            text += "  ---\n  message: \(quoted(error))\n  at: \(quoted(result.location.description))\n  ...\n"
        }
        for failure in result.failures {
            text += "  ---\n  message: \(quoted(failure.summary))\n  at: \(quoted(failure.location.description))\n"
                + "  expected: \(quoted(failure.expected))\n  actual: \(quoted(failure.actual))\n  ...\n"
        }
        return (false, text)
    }

    /// A test point's description: one line without control characters, `#` escaped (it would
    /// start a directive).
    private static func description(_ text: String) -> String {
        // Most names have nothing to change: no `#`, no control character (C0, DEL, or C1, whose
        // UTF-8 starts with 0xC2), no line break beyond those.
        let plain = !text.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "#") || $0 == 0xC2 || $0 == 0xE2 }
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
