import Foundation
import Simulator
import Webhooks

/// A scenario's traffic as text that stays the same run after run: virtual times, seeded SIDs
/// and tokens are kept; the function server's port and the app's base URL become
/// `{{functions}}`/`{{app}}`; signatures (which cover the URL) and the real `Date` and
/// latencies are left out. One exchange per block, so a changed behaviour reads as a diff.
enum TrafficSnapshot {
    static func text(of world: World, placeholders: Placeholders) -> String {
        var lines: [String] = []
        for entry in world.timeline.entries {
            guard case .webhook(let event) = entry.event else { continue }
            for exchange in event.ownExchanges {
                let time = String(format: "+%.3fs", entry.time - world.configuration.startTime)
                lines.append("\(time) \(event.purpose.rawValue) \(exchange.request.method) \(normalise(exchange.request.url, placeholders))"
                    + " [attempt \(exchange.attempt)\(exchange.hop > 0 ? ", redirect \(exchange.hop)" : "")]")
                for header in exchange.request.headers where !["X-Twilio-Signature", "Authorization"].contains(header.name) {
                    lines.append("  > \(header.name): \(header.value)")
                }
                if let parameters = exchange.request.formParameters {
                    for (name, value) in parameters {
                        lines.append("  > \(name)=\(normalise(value, placeholders))")
                    }
                } else if !exchange.request.body.isEmpty {
                    lines.append("  > " + normalise(exchange.request.body, placeholders))
                }
                if let response = exchange.response {
                    lines.append("  < \(response.status)")
                    for header in response.headers where !["date", "content-length", "server"].contains(header.name.lowercased()) {
                        lines.append("  < \(header.name): \(normalise(header.value, placeholders))")
                    }
                    for line in response.body.split(separator: "\n", omittingEmptySubsequences: false) {
                        lines.append("  < | " + normalise(String(line), placeholders))
                    }
                } else {
                    lines.append("  < no response")
                }
                if let code = exchange.errorCode { lines.append("  ! \(code) \(normalise(exchange.errorMessage ?? "", placeholders))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func normalise(_ text: String, _ placeholders: Placeholders) -> String {
        var result = text.replacingOccurrences(of: placeholders.functions, with: "{{functions}}")
        if let app = placeholders.app { result = result.replacingOccurrences(of: app, with: "{{app}}") }
        return result
    }

    /// Where a scenario's snapshot lives: `__snapshots__/<file>[-row].traffic` beside the file.
    static func path(for scenario: Scenario) -> String {
        // Path strings, not URL(fileURLWithPath:), which asks the file system whether it is a folder.
        let file = scenario.file as NSString
        var name = (file.lastPathComponent as NSString).deletingPathExtension
        if let open = scenario.name.lastIndex(of: "["), scenario.name.hasSuffix("]") {
            let row = scenario.name[scenario.name.index(after: open)..<scenario.name.index(before: scenario.name.endIndex)]
            name += "-" + String(row.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        }
        return ((file.deletingLastPathComponent as NSString).appendingPathComponent("__snapshots__") as NSString)
            .appendingPathComponent(name + ".traffic")
    }

    /// A readable line diff (`-` expected, `+` actual, a little context), empty when equal.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard old != new else { return "" }
        // Longest common subsequence table, from the end.
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [(Character, String)] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append((" ", old[i])); i += 1; j += 1
            } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                lines.append(("-", old[i])); i += 1
            } else {
                lines.append(("+", new[j])); j += 1
            }
        }
        let changed = Set(lines.indices.filter { lines[$0].0 != " " })
        let shown = lines.indices.filter { index in (index - 2...index + 2).contains { changed.contains($0) } }
        var output: [String] = []
        var previous: Int?
        for index in shown {
            if let previous, index > previous + 1 { output.append("  …") }
            output.append("\(lines[index].0) \(lines[index].1)")
            previous = index
        }
        return output.prefix(80).joined(separator: "\n") + (output.count > 80 ? "\n  … (\(output.count - 80) more lines)" : "")
    }
}
