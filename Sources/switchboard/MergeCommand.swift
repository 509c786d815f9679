import ArgumentParser
import Foundation
import Reports
import Scenario
import Traffic

/// `switchboard merge`: one set of reports from the reports folders of several shards, checked
/// to hold every scenario exactly once.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of shards (folders holding results.json) into one set of reports.",
        discussion: """
        Every shard of the run must be given once (each results.json names its shard), no scenario may appear twice, and \
        with --scenarios every scenario of those files must be there; --partial accepts missing shards and scenarios. \
        The shards' journals are merged too, each scenario's label prefixed with its shard. Exit status as for run: 0 all \
        passed, 2 a folder without a readable results.json, a shard given twice, a scenario missing or twice, or a \
        broken scenario file, 3 a runtime error, 4 a failed expectation.
        """
    )

    @Argument(help: "Reports folders of the shards.") var folders: [String]
    @Option(help: "The folder the merged reports are written to.") var reports = "Reports"
    @Option(parsing: .upToNextOption, help: "The scenario files or folders the shards ran: every scenario must be in the merge.")
    var scenarios: [String] = []
    @Option(help: "The --filter the shards ran with, to read --scenarios as they did.") var filter: String?
    @Flag(help: "Accept missing shards and scenarios (a merge of the shards that finished).") var partial = false

    func run() async throws {
        let shards = try readShards()
        var problems = checkShards(shards)
        var results: [ScenarioResult] = []
        var place: [ScenarioIdentity: String] = [:]
        for shard in shards {
            for result in shard.run.results {
                let identity = ScenarioIdentity(result)
                if let first = place[identity] {
                    problems.append("\(identity) is in \(first) and in \(shard.folder)")
                }
                place[identity] = place[identity] ?? shard.folder
                var merged = result
                merged.exchanges = result.journal.flatMap { shard.journal[$0] } ?? []
                merged.journal = result.journal.map { shard.label + "-" + $0 }
                results.append(merged)
            }
        }
        if !scenarios.isEmpty {
            let (files, missing) = ScenarioRunner.discover(scenarios)
            problems += missing.map { "\($0): no such file or folder" }
            let expected = await ScenarioRunner.identities(of: files, filter: filter)
            if !partial {
                problems += expected.filter { place[$0] == nil }.map { "\($0) is in no shard" }
            }
            let known = Set(expected)
            problems += place.keys.filter { !known.contains($0) }.sorted { $0.description < $1.description }
                .map { "\($0) is not one of the scenarios given (--scenarios)" }
        }
        for problem in problems { printError("error: \(problem)") }
        if !problems.isEmpty {
            printError("error: the merge is not complete (\(problems.count) problem(s)); nothing was written")
            throw ExitStatus.inputError
        }
        results.sort(by: ScenarioResult.inFileOrder)
        try ReportSet.write(results, to: reports, reporters: Set(Reporter.allCases), duration: shards.map(\.run.duration).max() ?? 0,
                            startedAt: shards.map(\.run.startedAt).min() ?? Date(), version: Switchboard.configuration.version)
        try writeJournal(of: shards)
        let passed = results.filter { $0.status == .passed }.count
        let failed = results.filter { $0.status.isFailure }.count
        Terminal.out("merged \(shards.count) shard(s) into \(reports): \(passed) passed, \(failed) failed")
        if results.contains(where: { $0.status == .fileError }) { throw ExitStatus.inputError }
        if results.contains(where: { $0.status == .runtimeError }) { throw ExitStatus.runtimeError }
        if failed > 0 { throw ExitStatus.checkFailed }
    }

    /// One shard's reports folder as read back.
    private struct ShardReports {
        let folder: String
        let run: ResultsJSON.Run
        /// Its journal's exchanges by scenario label.
        let journal: [String: [Exchange]]
        /// The prefix of its scenarios' labels in the merged journal: its shard number, or its
        /// place among the folders for a run that was not a shard.
        let label: String
    }

    private func readShards() throws -> [ShardReports] {
        try folders.enumerated().map { position, folder in
            let path = ReportStream.path(of: .json, in: folder)
            guard let data = FileManager.default.contents(atPath: path), let run = try? ResultsJSON.read(data) else {
                printError("\(path): error: no readable results.json")
                throw ExitStatus.inputError
            }
            let journal = (try? TrafficJournal.readByScenario(path: ReportStream.journalPath(in: folder))) ?? [:]
            return ShardReports(folder: folder, run: run, journal: journal, label: run.shard.map { "shard\($0.index)" } ?? "run\(position + 1)")
        }
    }

    /// Each shard once, all of the same run's count, all there (unless `--partial`), none cut short.
    private func checkShards(_ shards: [ShardReports]) -> [String] {
        var problems: [String] = []
        var seen: [Int: String] = [:]
        let counts = Set(shards.compactMap(\.run.shard?.count))
        if counts.count > 1 { problems.append("the folders are shards of different splits: " + counts.sorted().map { "of \($0)" }.joined(separator: ", ")) }
        for shard in shards {
            if let notRun = shard.run.notRun, !partial { problems.append("\(shard.folder) is an interrupted run (\(notRun) scenario(s) did not run)") }
            guard let number = shard.run.shard else { continue }
            if let first = seen[number.index] {
                problems.append("shard \(number) is given twice: \(first) and \(shard.folder)")
            }
            seen[number.index] = seen[number.index] ?? shard.folder
        }
        if let count = counts.first, counts.count == 1, !partial {
            let missing = (1...count).filter { seen[$0] == nil }
            if !missing.isEmpty { problems.append("shard(s) " + missing.map { "\($0)/\(count)" }.joined(separator: ", ") + " missing") }
        }
        return problems
    }

    /// The merged journal: each shard's lines, each scenario's label prefixed with its shard's.
    private func writeJournal(of shards: [ShardReports]) throws {
        var merged = Data()
        for shard in shards {
            guard let lines = FileManager.default.contents(atPath: ReportStream.journalPath(in: shard.folder)) else { continue }
            merged.append(TrafficJournal.relabel(lines, prefix: shard.label + "-"))
        }
        try merged.write(to: URL(fileURLWithPath: ReportStream.journalPath(in: reports)))
    }
}
