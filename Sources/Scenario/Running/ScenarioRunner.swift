import Foundation
import Platform
import Simulator
import Stubs
import Traffic
import Webhooks

/// How a run goes.
public struct RunOptions: Sendable {
    /// Scenarios run at once; nil: found as the run goes (`Concurrency`).
    public var jobs: Int?
    /// Run only scenarios whose name contains this (case-insensitive).
    public var filter: String?
    /// The seed of scenarios that do not set their own.
    public var seed: UInt64 = 1
    /// Write each scenario's traffic snapshot instead of comparing with it.
    public var updateSnapshots = false
    /// Run only this part of the scenarios.
    public var shard: Shard?
    /// Scenario durations by name to balance shards with (every shard must be given the same);
    /// nil: shards by a stable hash.
    public var shardDurations: [String: Double]?
    /// The run's journal: each scenario's timeline is streamed into it as it happens, then its
    /// result line.
    public var journal: TrafficJournal?
    /// Whether results tell each scenario's whole conversation (for the HTML report).
    public var conversations = true
    /// The REST API's port on 127.0.0.1; 0 for a free one.
    public var apiPort = 0

    public init() {}
}

/// Runs scenario files: starts the built-in function server, schedules the scenarios (and
/// table rows) as many at a time as `Concurrency` allows, each in a world of its own on a virtual clock
/// (ScenarioExecution.swift), and reports each result as soon as it is known
/// (ScenarioResult+World.swift). A broken file is a result too; the other files still run.
public final class ScenarioRunner: Sendable {
    public let options: RunOptions

    public init(options: RunOptions) {
        self.options = options
    }

    /// The scenario files under `paths`: files as given, folders searched for `.yaml`/`.yml`
    /// (files whose name starts with `_` are shared definitions for `include`, not scenarios).
    public static func discover(_ paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.hasPrefix("_") {
                    found.append((path as NSString).appendingPathComponent(relative))
                }
            }
            files += found.sorted()
        }
        return (files, missing)
    }

    /// Runs the files; `report` is called once per scenario as it finishes, `planned` once with
    /// the number of scenarios to run (and broken files), when every file is read. Scenarios
    /// start as soon as their file is read. When the calling task is cancelled (Ctrl-C), no new
    /// scenario starts and the ones cut short are left out: the results are those that finished.
    public func run(files: [String], planned: @escaping @Sendable (Int) -> Void = { _ in },
                    report: @escaping @Sendable (ScenarioResult) -> Void) async throws -> [ScenarioResult] {
        let server = try await FunctionServer.start()
        let platform = try await PlatformAPI.start(port: options.apiPort)
        let source = if let shard = options.shard {
            await ScenarioSource.sharded(files, filter: options.filter, shard: shard, durations: options.shardDurations)
        } else {
            ScenarioSource.reading(files, filter: options.filter)
        }
        let announcing = Task { planned(await source.count.value) }
        var configuration = WebhookClient.Configuration(authToken: "unused")
        var concurrency = Concurrency(jobs: options.jobs)
        configuration.connectionsPerHost = max(16, concurrency.ceiling * 2)
        let client = WebhookClient(configuration: configuration)
        let seed = options.seed
        let updateSnapshots = options.updateSnapshots
        let journal = options.journal
        let conversations = options.conversations
        let accounts = AccountLocks()
        let apps = StartedApps(platform: platform)
        let nodeRuntime = NodeRuntime { await apps.helperEnvironment() }
        platform.server.directory.runNodeFunctions {
            if case .success(let port) = await nodeRuntime.port() { return port }
            return nil
        }
        var currentFile: String?
        let results = await withTaskGroup(of: ScenarioResult.self) { group in
            var collected: [ScenarioResult] = []
            var items = source.items.makeAsyncIterator()
            var next = 0
            /// Starts the next scenario, reporting the broken files before it; false at the end.
            func startNext() async -> Bool {
                while !Task.isCancelled, let item = await items.next() {
                    source.taken()
                    switch item {
                    case .fileError(let result):
                        report(result)
                        collected.append(result)
                    case .scenario(var scenario):
                        let index = next
                        next += 1
                        if scenario.file != currentFile {
                            if let currentFile { await apps.fileDone(currentFile) }
                            currentFile = scenario.file
                        }
                        let declared = scenario.world.accountSid
                        var reserved: StartedApps.Key?
                        if let definition = scenario.app {
                            let key = await apps.reserve(for: scenario, definition: definition, index: index)
                            if let account = await apps.account(of: key) { scenario.use(account) }
                            reserved = key
                        }
                        group.addTask {
                            var lease: StartedApps.Lease?
                            if let reserved { lease = await apps.lease(reserved, declared: declared) }
                            var failure = lease?.failure
                            var skipped = false
                            if scenario.runsNodeFunctions {
                                switch await nodeRuntime.port() {
                                case .success: break
                                case .failure(let unavailable):
                                    failure = failure ?? unavailable.description
                                    skipped = unavailable.isMissingNode
                                }
                            }
                            let account = scenario.world.accountSid
                            if let account { await accounts.acquire(account) }
                            let result = if let failure {
                                ScenarioResult(appFailure: failure, scenario: scenario, index: index, journal: journal,
                                               status: skipped ? .skipped : .runtimeError)
                            } else {
                                await Self.run(scenario, index: index, seed: seed, server: server, platform: platform, client: client,
                                               app: lease?.app, journal: journal, conversation: conversations, updateSnapshots: updateSnapshots)
                            }
                            if let account { await accounts.release(account) }
                            if let reserved { await apps.release(reserved) }
                            return result
                        }
                        return true
                    }
                }
                return false
            }
            var started = 0
            while started < concurrency.limit, await startNext() { started += 1 }
            while let result = await group.next() {
                if Task.isCancelled { continue }  // cut short: its result means nothing
                report(result)
                collected.append(result.kept)
                // One in the finished one's place, more when the limit grew, none while it comes down.
                for _ in 0..<concurrency.finished() { _ = await startNext() }
            }
            return collected
        }
        source.done()
        await apps.stopAll()
        await nodeRuntime.stop()
        await announcing.value
        await client.shutdown()
        await platform.stop()
        await server.stop()
        // Reported as they finish; returned in file order, rows in table order.
        return results.sorted(by: ScenarioResult.inFileOrder)
    }
}
