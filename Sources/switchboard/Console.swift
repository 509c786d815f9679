import Foundation
import Platform
import Scenario
import Synchronization

/// `--color`: whether the console uses colour.
enum ColourChoice: String, CaseIterable {
    case auto, always, never
}

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
    /// Scenarios done, the failures the `dot` style keeps for the end, and how many the run
    /// has (known once every file is read; 0 until then).
    private let state = Mutex<(count: Int, deferred: [ScenarioResult], total: Int)>((0, [], 0))

    init(style: ConsoleStyle, colour: Bool) {
        self.style = style
        self.colour = colour
        terminal = isatty(STDOUT_FILENO) == 1
    }

    /// Whether to colour: `always` and `never` as asked; `auto` colours a terminal, unless
    /// `NO_COLOR` is set and not empty (no-color.org) or `CI` is set, and `FORCE_COLOR` (set,
    /// not empty, not `0`) colours even a pipe.
    static func wantsColour(_ choice: ColourChoice, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
            if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
            return isatty(STDOUT_FILENO) == 1 && environment["CI"] == nil
        }
    }

    /// How many scenarios the run has, once known: the progress reads `N/total`.
    func planned(_ total: Int) {
        state.withLock { $0.total = total }
    }

    func print(_ result: ScenarioResult) {
        let (count, total) = state.withLock { state -> (Int, Int) in
            state.count += 1
            if style == .dot, result.status.isFailure { state.deferred.append(result) }
            return (state.count, state.total)
        }
        let progress = total > 0 ? "\(count)/\(total)" : String(count)
        switch style {
        case .list:
            // On a terminal the last line is the progress, rewritten under each scenario's line.
            if terminal { Terminal.write("\r\u{1B}[2K") }
            details(result)
            if terminal { Terminal.write(paint("[\(progress)]", 90)) }
        case .dot:
            let mark = switch result.status {
            case .passed: paint(".", 32)
            case .skipped: paint("s", 33)
            case .failed: paint("F", 31)
            case .fileError, .runtimeError: paint("E", 31)
            }
            Terminal.write(mark + (count % 80 == 0 ? "\n" : ""))
        case .line:
            if terminal { Terminal.write("\r\u{1B}[2K") }
            if result.status.isFailure { details(result) }
            if terminal { Terminal.write("[\(progress)] \(Self.clean(result.name))") }
        }
    }

    func summary(_ results: [ScenarioResult], seconds: Double) {
        switch style {
        case .dot:
            Terminal.out("")
            for result in state.withLock({ $0.deferred }) { details(result) }
        case .line, .list:
            if terminal { Terminal.write("\r\u{1B}[2K") }
        }
        // A long run's failures scroll away with its progress: each is repeated, a line with its place.
        if style != .dot { recap(results) }
        let passed = results.filter { $0.status == .passed }.count
        let skipped = results.filter { $0.status == .skipped }.count
        let failed = results.count - passed - skipped
        let broken = results.filter { $0.status == .fileError }.count
        // A count is green or red only when it is not zero.
        var line = paint("\(passed) passed", passed > 0 ? 32 : 0) + ", " + paint("\(failed) failed", failed > 0 ? 31 : 0)
        if skipped > 0 { line += ", " + paint("\(skipped) skipped", 33) }
        if broken > 0 { line += paint(" (\(broken) broken file\(broken == 1 ? "" : "s"))", 31) }
        Terminal.out("")
        Terminal.out(line + paint("  in \(Self.milliseconds(seconds))", 90))
    }

    /// Every failure of the run again, one line each with its place, in file order.
    private func recap(_ results: [ScenarioResult]) {
        let failed = results.filter { $0.status.isFailure }
        guard !failed.isEmpty else { return }
        Terminal.out("")
        Terminal.out(paint("Failures:", 31))
        for result in failed {
            switch result.status {
            case .fileError:
                // A broken file's error is a line for each of its mistakes.
                for line in (result.error ?? result.file).split(separator: "\n") {
                    Terminal.out("  \(paint("✘", 31)) \(Self.clean(String(line)))")
                }
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
            Terminal.out("\(paint("✔", 32)) \(Self.clean(result.name))  \(paint("\(time) · \(result.webhooks) webhook\(result.webhooks == 1 ? "" : "s")", 90))")
        case .skipped:
            Terminal.out("\(paint("↷", 33)) \(Self.clean(result.name))  \(paint(Self.clean(result.error ?? "skipped"), 90))")
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
                if let hint = failure.hint { Terminal.out("      \(paint("hint:", 33)) " + Self.clean(hint)) }
            }
            appOutput(result)
        case .fileError:
            Terminal.out("\(paint("✘", 31)) \(Self.clean(result.file))")
            for line in (result.error ?? "").split(separator: "\n") { Terminal.out("    \(paint(Self.clean(String(line)), 31))") }
        }
    }

    /// The last lines the app under test wrote while a failed scenario ran.
    private func appOutput(_ result: ScenarioResult) {
        guard !result.appOutput.isEmpty else { return }
        let shown = result.appOutput.suffix(30)
        Terminal.out("    app output" + (shown.count < result.appOutput.count ? " (last \(shown.count) of \(result.appOutput.count) lines)" : "") + ":")
        for line in shown { Terminal.out("      \(line.stream == .stderr ? paint("!", 33) : "|") \(Self.clean(line.text))") }
    }

    /// `text` in an SGR colour (0: as it is).
    private func paint(_ text: String, _ code: Int) -> String {
        colour && code != 0 ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
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
