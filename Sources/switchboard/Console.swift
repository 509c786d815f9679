import Foundation
import Platform
import Scenario

/// The console reporter: a line per scenario with its result and time, the details of each
/// failure (expected, actual, the exchange behind it), and a closing summary line.
struct Console: Sendable {
    let colour: Bool

    /// Colour on a terminal, never in CI or with NO_COLOR.
    static var terminalWantsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["CI"] == nil && environment["NO_COLOR"] == nil
    }

    func print(_ result: ScenarioResult) {
        let time = Self.milliseconds(result.duration)
        switch result.status {
        case .passed:
            write("\(paint("✔", 32)) \(result.name)  \(paint("\(time) · \(result.webhooks) webhooks", 90))")
        case .failed, .runtimeError:
            write("\(paint("✘", 31)) \(result.name)  \(paint(time, 90))")
            if let error = result.error { write("    \(paint("runtime error:", 31)) \(error)") }
            for failure in result.failures {
                write("    \(paint("✗", 31)) \(failure.location)  \(failure.summary)")
                write("      expected: " + Self.indented(failure.expected))
                write("      actual:   " + Self.indented(failure.actual))
                if let exchange = failure.exchange {
                    write("      exchange:")
                    for line in exchange.split(separator: "\n") { write("        \(line)") }
                }
            }
        case .fileError:
            write("\(paint("✘", 31)) \(result.file)")
            write("    \(paint(result.error ?? "", 31))")
        }
    }

    func summary(_ results: [ScenarioResult], seconds: Double) {
        let passed = results.filter { $0.status == .passed }.count
        let failed = results.count - passed
        let broken = results.filter { $0.status == .fileError }.count
        var line = "\(passed) passed, \(failed) failed"
        if broken > 0 { line += " (\(broken) broken file\(broken == 1 ? "" : "s"))" }
        write("")
        write(paint(line, failed == 0 ? 32 : 31) + paint("  in \(Self.milliseconds(seconds))", 90))
    }

    private func paint(_ text: String, _ code: Int) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func write(_ line: String) {
        Terminal.out(line)
    }

    /// Continuation lines of a multi-line value, aligned under its first line.
    static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n                ")
    }

    static func milliseconds(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int(seconds * 1000)) ms" : String(format: "%.2f s", seconds)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).inSeconds
    }
}
