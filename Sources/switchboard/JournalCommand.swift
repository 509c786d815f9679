import ArgumentParser
import Foundation
import Platform
import Traffic
import Webhooks

/// `switchboard journal …`: work with traffic journals.
struct JournalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Work with traffic journals (JSON lines, one exchange per line).",
        subcommands: [HARCommand.self]
    )
}

/// `switchboard journal har`: export a journal to HAR 1.2.
struct HARCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "har",
        abstract: "Export a traffic journal to HAR 1.2, which browsers' developer tools open."
    )

    @Argument(help: "A journal file (.jsonl).") var file: String
    @Option(name: .shortAndLong, help: "Where to write the HAR (default: standard output).") var output: String?
    @Option(help: "Only this scenario's exchanges, by its name in a run's journal (0001-auto-reply-…).") var scenario: String?

    func run() async throws {
        let exchanges: [Exchange]
        do {
            if let scenario {
                let byScenario = try TrafficJournal.readByScenario(path: file)
                guard let found = byScenario[scenario] else {
                    printError("\(file): error: no exchanges of scenario '\(scenario)'" + Spelling.didYouMean(scenario, among: Array(byScenario.keys)))
                    throw ExitStatus.inputError
                }
                exchanges = found
            } else {
                exchanges = try TrafficJournal.read(path: file)
            }
        } catch let status as ExitCode {
            throw status
        } catch {
            printError("\(file): error: cannot read journal: \(error.localizedDescription)")
            throw ExitStatus.inputError
        }
        let har = try HARExport.export(exchanges, creatorVersion: Switchboard.configuration.version)
        if let output {
            try har.write(to: URL(fileURLWithPath: output))
        } else {
            Terminal.out(String(decoding: har, as: UTF8.self))
        }
    }
}
