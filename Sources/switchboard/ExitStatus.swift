import ArgumentParser

/// The exit codes of every command, as the README lists them (Hurl's convention).
enum ExitStatus {
    /// Everything passed.
    static let success = ExitCode(0)
    /// The command line was wrong.
    static let usage = ExitCode(1)
    /// An input file (scenario, TwiML) could not be read or parsed.
    static let inputError = ExitCode(2)
    /// Something failed at run time (an app unreachable, a delivery that failed).
    static let runtimeError = ExitCode(3)
    /// An expectation or a check failed (lint errors, a failed assertion).
    static let checkFailed = ExitCode(4)
}
