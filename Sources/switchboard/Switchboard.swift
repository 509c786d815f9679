import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The `switchboard` command line: wiring only; the work lives in the library modules.
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "A test harness that plays the Twilio platform's part against your webhooks.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ServeCommand.self, MergeCommand.self, TwiMLCommand.self, WebhookCommand.self, SignCommand.self, VerifyCommand.self, JournalCommand.self]
    )
}

/// Runs the command and maps errors to the documented exit codes: help and version exit 0,
/// usage errors 1, and commands choose 2, 3 or 4 themselves.
@main
enum Main {
    static func main() async {
        // Run Swift Concurrency on NIO's event loops (no hop between two thread pools per request).
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Terminal.ignoreBrokenPipes()
        do {
            var command = try Switchboard.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Switchboard.exitCode(for: error)
            let message = Switchboard.fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            printError(message)
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    Terminal.error(message)
}
