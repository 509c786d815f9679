import Foundation
import Scenario

/// `report.tap`: the Test Anything Protocol (version 14), for the TAP consumers of CI systems
/// and editors: a test point per scenario, YAML diagnostics for each failure.
public enum TAPReport {
    public static func render(_ results: [ScenarioResult], notRun: Int? = nil) -> String {
        var text = "TAP version 14\n1..\(results.count)\n"
        for (number, result) in results.enumerated() {
            let name = description(result.file + ": " + result.name)
            guard result.status != .passed else {
                text += "ok \(number + 1) - \(name)\n"
                continue
            }
            text += "not ok \(number + 1) - \(name)" + (result.status == .failed ? "" : " # \(result.status.rawValue)") + "\n"
            if let error = result.error {
                text += "  ---\n  message: \(quoted(error))\n  at: \(quoted(result.location.description))\n  ...\n"
            }
            for failure in result.failures {
                text += "  ---\n  message: \(quoted(failure.summary))\n  at: \(quoted(failure.location.description))\n"
                    + "  expected: \(quoted(failure.expected))\n  actual: \(quoted(failure.actual))\n  ...\n"
            }
        }
        if let notRun { text += "Bail out! The run was interrupted; \(notRun) scenario(s) did not run.\n" }
        return text
    }

    /// A test point's description: one line without control characters, `#` escaped (it would
    /// start a directive).
    private static func description(_ text: String) -> String {
        text.map { character in
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
