import ArgumentParser
import Foundation
import Synchronization
import Reports
import Scenario

/// `switchboard run`: replay scenario files against the app and check what it did.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario files and check their expectations.",
        discussion: """
        PATHS are scenario files or folders (searched for .yaml/.yml; files starting with _ are \
        shared definitions for include). Exit status: 0 all passed, 1 usage (a --filter matching nothing too), 2 a scenario file \
        is broken (the others still run), 3 runtime error (the app unreachable …), 4 an \
        expectation failed.
        """
    )

    @Argument(help: "Scenario files or folders.") var paths: [String] = ["Scenarios"]
    @Option(help: "Scenarios run at once (default: found as the run goes: from 32, doubled while scenarios finish faster, up to 256; a doubling that did not pay is undone).")
    var jobs: Int?
    @Option(help: "Run only scenarios whose name contains this text.") var filter: String?
    @Option(help: "Seed of the SIDs of scenarios that set none.") var seed: UInt64 = 1
    @Option(help: "Colour; auto: on a terminal, unless NO_COLOR (not empty) or CI is set; FORCE_COLOR forces it.")
    var color: ColourChoice = .auto
    @Flag(help: "Never use colour (as --color never).") var noColor = false
    @Option(help: "The folder reports are written to.") var reports = "Reports"
    @Option(help: """
        Reporters (repeatable): report files (\(Reporter.allCases.map(\.rawValue).joined(separator: " ")), all of them when none \
        is named) and a console style (\(ConsoleStyle.allCases.map(\.rawValue).joined(separator: " ")), list when none is named).
        """)
    var reporter: [ReporterArgument] = []
    @Flag(help: "Write no reports.") var noReports = false
    @Option(help: """
        Scenarios whose traffic is also written to files of their own (traffic/NNNN-name.jsonl and .har). \
        Every scenario's traffic is in traffic.jsonl.
        """)
    var trafficFiles: TrafficFiles = .failed
    @Option(help: "Run one part of the scenarios, e.g. 2/4: split by a stable hash, or balanced by --shard-durations.")
    var shard: ShardArgument?
    @Option(help: "With --shard: balance the shards by the durations in this results.json (give every shard the same file).")
    var shardDurations: String?
    @Flag(help: "Write each scenario's traffic snapshot (__snapshots__/ beside it) instead of comparing with it.")
    var updateSnapshots = false
    @Option(help: "The port of the emulated REST API on 127.0.0.1 (an app started by hand reaches it at http://127.0.0.1:PORT/api.twilio.com); a free one when not given.")
    var apiPort: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be from 1 to 256") }
        if let apiPort, !(1...65_535).contains(apiPort) { throw ValidationError("--api-port must be from 1 to 65535") }
    }

    func run() async throws {
        // Caught from the start: a signal before the work begins cancels it as soon as it exists.
        let work = Mutex<Task<[ScenarioResult], any Error>?>(nil)
        let interruption = Interruption { work.withLock { $0?.cancel() } }
        let (files, missing) = ScenarioRunner.discover(paths)
        for path in missing { printError("\(path): error: no such file or folder") }
        if !missing.isEmpty { throw ExitStatus.inputError }
        var options = RunOptions()
        options.jobs = jobs
        options.filter = filter
        options.seed = seed
        options.updateSnapshots = updateSnapshots
        options.shard = shard?.shard
        options.apiPort = apiPort ?? 0
        if let shardDurations {
            guard let data = FileManager.default.contents(atPath: shardDurations), let previous = try? ResultsJSON.read(data) else {
                printError("\(shardDurations): error: no readable results.json for --shard-durations")
                throw ExitStatus.inputError
            }
            options.shardDurations = Dictionary(previous.results.map { ($0.name, $0.duration) }, uniquingKeysWith: { $1 })
        }
        let console = Console(style: reporter.compactMap(\.console).last ?? .list, colour: Console.wantsColour(noColor ? .never : color))
        let started = ContinuousClock.now
        let startDate = Date()
        let planned = Mutex(0)
        let named = reporter.compactMap(\.file)
        let stream = try noReports ? nil : ReportStream(folder: reports, reporters: named.isEmpty ? Set(Reporter.allCases) : Set(named),
                                                         version: Switchboard.configuration.version, trafficFiles: trafficFiles,
                                                         shard: shard?.shard)
        options.journal = stream?.journal
        options.conversations = !noReports && (named.isEmpty || named.contains(.html))
        let writer = ReportWriter(stream)
        let runner = ScenarioRunner(options: options)
        let task = Task {
            try await runner.run(files: files, planned: { count in
                planned.withLock { $0 = count }
                console.planned(count)
            }) { result in
                console.print(result)
                writer.add(result)
            }
        }
        work.withLock { $0 = task }
        if interruption.received != nil { task.cancel() }
        let results = try await task.value
        let signal = interruption.received
        interruption.stop()
        let seconds = Console.seconds(since: started)
        console.summary(results, seconds: seconds)
        let notRun = signal == nil ? 0 : planned.withLock { $0 } - results.count
        if let signal { Terminal.out("interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM"): \(notRun) scenario(s) did not run") }
        try writer.finish(duration: seconds, startedAt: startDate, notRun: signal == nil ? nil : notRun)
        if let signal { throw ExitCode(128 + signal) }
        if let filter, shard == nil, results.isEmpty {
            printError("error: --filter '\(filter)' matches no scenario name")
            throw ExitStatus.usage
        }
        if results.contains(where: { $0.status == .fileError }) { throw ExitStatus.inputError }
        if results.contains(where: { $0.status == .runtimeError }) { throw ExitStatus.runtimeError }
        if results.contains(where: { $0.status == .failed }) { throw ExitStatus.checkFailed }
    }
}

/// A `--reporter` value: a report file or a console style.
struct ReporterArgument: ExpressibleByArgument {
    let file: Reporter?
    let console: ConsoleStyle?

    init?(argument: String) {
        file = Reporter(rawValue: argument)
        console = ConsoleStyle(rawValue: argument)
        if file == nil, console == nil { return nil }
    }

    static var allValueStrings: [String] { Reporter.allCases.map(\.rawValue) + ConsoleStyle.allCases.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// A `--shard i/n` value.
struct ShardArgument: ExpressibleByArgument {
    let shard: Shard

    init?(argument: String) {
        guard let shard = Shard(argument) else { return nil }
        self.shard = shard
    }
}

extension TrafficFiles: ExpressibleByArgument {}

extension ColourChoice: ExpressibleByArgument {}
