import ArgumentParser
import Foundation
import Reports
import Scenario
import Traffic
import Webhooks

/// `switchboard merge`: one set of reports from the reports folders of several shards.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of shards (folders holding results.json) into one set of reports.",
        discussion: "Exit status: 0 when every merged scenario passed, 4 when one failed, 2 when a folder has no readable results.json."
    )

    @Argument(help: "Reports folders of the shards.") var folders: [String]
    @Option(help: "The folder the merged reports are written to.") var reports = "Reports"

    func run() async throws {
        var results: [ScenarioResult] = []
        var duration = 0.0
        var startedAt = Date.distantFuture
        for folder in folders {
            let path = ReportStream.path(of: .json, in: folder)
            guard let data = FileManager.default.contents(atPath: path), let run = try? ResultsJSON.read(data) else {
                printError("\(path): error: no readable results.json")
                throw ExitStatus.inputError
            }
            // Each shard's exchanges come from its own journal: names repeat across shards.
            let journal = (try? TrafficJournal.readByScenario(path: ReportStream.journalPath(in: folder))) ?? [:]
            results += run.results.map { result in
                var complete = result
                complete.exchanges = result.journal.flatMap { journal[$0] } ?? []
                return complete
            }
            duration = max(duration, run.duration)
            startedAt = min(startedAt, run.startedAt)
        }
        results.sort(by: ScenarioResult.inFileOrder)
        try ReportSet.write(results, to: reports, reporters: Set(Reporter.allCases), duration: duration, startedAt: startedAt,
                            version: Switchboard.configuration.version)
        let passed = results.filter { $0.status == .passed }.count
        Terminal.out("merged \(folders.count) shard(s) into \(reports): \(passed) passed, \(results.count - passed) failed")
        if passed < results.count { throw ExitStatus.checkFailed }
    }
}
