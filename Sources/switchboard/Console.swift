import Foundation
import Platform
import Scenario
import Synchronization

/// How results are shown while the run goes.
enum ConsoleStyle: String, CaseIterable {
    /// A line per scenario, failures in full as they come (the default).
    case list
    /// A character per scenario (`.` passed, `F` failed, `E` error); failures in full at the end.
    case dot
    /// On a terminal, one progress line rewritten in place; failures in full as they come.
    case line
}

/// The console reporter: each scenario as it finishes, the details of each failure (expected,
/// actual, the exchange behind it), every failure again a line each with its place once the
/// run is over, and a closing `N passed, N failed` line.
final class Console: Sendable {
    let colour: Bool
    let style: ConsoleStyle
    let terminal: Bool
    private let state = Mutex<(count: Int, deferred: [ScenarioResult])>((0, []))

    init(style: ConsoleStyle, colour: Bool) {
        self.style = style
        self.colour = colour
        terminal = isatty(STDOUT_FILENO) == 1
    }

    /// Colour on a terminal, never in CI or with NO_COLOR.
    static var terminalWantsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["CI"] == nil && environment["NO_COLOR"] == nil
    }

    func print(_ result: ScenarioResult) {
        let count = state.withLock { state -> Int in
            state.count += 1
            if style == .dot, result.status != .passed { state.deferred.append(result) }
            return state.count
        }
        switch style {
        case .list:
            details(result)
        case .dot:
            let mark = result.status == .passed ? paint(".", 32) : result.status == .failed ? paint("F", 31) : paint("E", 31)
            Terminal.write(mark + (count % 80 == 0 ? "\n" : ""))
        case .line:
            if terminal { Terminal.write("\r\u{1B}[2K") }
            if result.status != .passed { details(result) }
            if terminal { Terminal.write("[\(count)] \(Self.clean(result.name))") }
        }
    }

    func summary(_ results: [ScenarioResult], seconds: Double) {
        switch style {
        case .dot:
            Terminal.out("")
            for result in state.withLock({ $0.deferred }) { details(result) }
        case .line:
            if terminal { Terminal.write("\r\u{1B}[2K") }
        case .list:
            break
        }
        // A long run's failures scroll away with its progress: each is repeated, a line with its place.
        if style != .dot { recap(results) }
        let passed = results.filter { $0.status == .passed }.count
        let failed = results.count - passed
        let broken = results.filter { $0.status == .fileError }.count
        var line = "\(passed) passed, \(failed) failed"
        if broken > 0 { line += " (\(broken) broken file\(broken == 1 ? "" : "s"))" }
        Terminal.out("")
        Terminal.out(paint(line, failed == 0 ? 32 : 31) + paint("  in \(Self.milliseconds(seconds))", 90))
    }

    /// Every failure of the run again, one line each with its place, in file order.
    private func recap(_ results: [ScenarioResult]) {
        let failed = results.filter { $0.status != .passed }
        guard !failed.isEmpty else { return }
        Terminal.out("")
        Terminal.out(paint("Failures:", 31))
        for result in failed {
            switch result.status {
            case .fileError:
                Terminal.out("  \(paint("✘", 31)) \(Self.clean(result.error ?? result.file))")
            default:
                if let error = result.error { Terminal.out("  \(paint("✘", 31)) \(Self.clean(result.name)): \(Self.clean(error))") }
                for failure in result.failures {
                    Terminal.out("  \(paint("✘", 31)) \(failure.location)  \(Self.clean(result.name)): \(Self.clean(failure.summary))")
                }
            }
        }
    }

    private func details(_ result: ScenarioResult) {
        let time = Self.milliseconds(result.duration)
        switch result.status {
        case .passed:
            Terminal.out("\(paint("✔", 32)) \(Self.clean(result.name))  \(paint("\(time) · \(result.webhooks) webhooks", 90))")
        case .failed, .runtimeError:
            Terminal.out("\(paint("✘", 31)) \(Self.clean(result.name))  \(paint(time, 90))")
            if let error = result.error { Terminal.out("    \(paint("runtime error:", 31)) \(Self.clean(error))") }
            for failure in result.failures {
                Terminal.out("    \(paint("✗", 31)) \(failure.location)  \(Self.clean(failure.summary))")
                Terminal.out("      expected: " + Self.indented(Self.clean(failure.expected)))
                Terminal.out("      actual:   " + Self.indented(Self.clean(failure.actual)))
                if let exchange = failure.exchange {
                    Terminal.out("      exchange:")
                    for line in Self.clean(exchange).split(separator: "\n") { Terminal.out("        \(line)") }
                }
                if !failure.entries.isEmpty {
                    Terminal.out("      looked at:")
                    for entry in failure.entries { Terminal.out("        " + Self.clean(entry)) }
                }
            }
        case .fileError:
            Terminal.out("\(paint("✘", 31)) \(Self.clean(result.file))")
            Terminal.out("    \(paint(Self.clean(result.error ?? ""), 31))")
        }
    }

    private func paint(_ text: String, _ code: Int) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Text an app or a file may have sent, made safe for a terminal (`ControlCharacters`).
    static func clean(_ text: String) -> String {
        ControlCharacters.escape(text)
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
