import Foundation
import Platform
import Simulator
import Stubs
import Webhooks

/// How a run goes.
public struct RunOptions: Sendable {
    /// Scenarios run at once.
    public var jobs = 4
    /// Run only scenarios whose name contains this (case-insensitive).
    public var filter: String?
    /// The seed of scenarios that do not set their own.
    public var seed: UInt64 = 1
    /// Write each scenario's traffic snapshot instead of comparing with it.
    public var updateSnapshots = false
    /// Run only this part of the scenarios.
    public var shard: Shard?
    /// Scenario durations of the last run by name, to balance shards.
    public var previousDurations: [String: Double] = [:]

    public init() {}
}

/// Runs scenario files: starts the built-in function server, runs each scenario (and table
/// row) in a world of its own on a virtual clock, checks its expectations, and reports each
/// result as soon as it is known. A broken file is a result too; the other files still run.
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
        let source = if let shard = options.shard {
            await ScenarioSource.sharded(files, filter: options.filter, shard: shard, durations: options.previousDurations)
        } else {
            ScenarioSource.reading(files, filter: options.filter)
        }
        let announcing = Task { planned(await source.count.value) }
        var configuration = WebhookClient.Configuration(authToken: "unused")
        configuration.connectionsPerHost = max(16, options.jobs * 2)
        let client = WebhookClient(configuration: configuration)
        let jobs = max(1, options.jobs)
        let seed = options.seed
        let updateSnapshots = options.updateSnapshots
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
                    case .scenario(let scenario):
                        let index = next
                        next += 1
                        group.addTask {
                            await Self.run(scenario, index: index, seed: seed, server: server, client: client, updateSnapshots: updateSnapshots)
                        }
                        return true
                    }
                }
                return false
            }
            var started = 0
            while started < jobs, await startNext() { started += 1 }
            while let result = await group.next() {
                if Task.isCancelled { continue }  // cut short: its result means nothing
                report(result)
                collected.append(result.kept)
                _ = await startNext()
            }
            return collected
        }
        source.done()
        await announcing.value
        await client.shutdown()
        await server.stop()
        // Reported as they finish; returned in file order, rows in table order.
        return results.sorted(by: ScenarioResult.inFileOrder)
    }

    /// Runs one scenario in a fresh world.
    static func run(_ scenario: Scenario, index: Int, seed: UInt64, server: FunctionServer, client: WebhookClient,
                    updateSnapshots: Bool = false) async -> ScenarioResult {
        let started = ContinuousClock.now
        let service = "scenario-\(index)"
        let placeholders = Placeholders(functions: server.register(service: service, functions: scenario.functions),
                                        app: scenario.appBaseURL)
        defer { server.unregister(service: service) }
        var configuration = placeholders.fill(scenario.world)
        configuration.seed = scenario.seed ?? seed
        configuration.timeouts = scenario.timeouts
        let world = World(configuration: configuration, webhooks: client)
        for step in scenario.steps {
            switch placeholders.fill(step.value) {
            case .inboundMessage(let from, let to, let body, let media, let parameters):
                await world.receiveMessage(from: from, to: to, body: body, mediaURLs: media, parameters: parameters)
            case .send(let from, let serviceName, let to, let body, let media, let callback):
                await world.sendMessage(from: from, service: serviceName, to: to, body: body, mediaURLs: media, statusCallback: callback)
            case .wait(let seconds):
                await world.advance(by: seconds)
            case .call(let from, let to, let script):
                await world.receiveCall(from: from, to: to, script: script)
            case .proxy(let request):
                await world.perform(request)
            }
        }
        await world.settle()
        let evaluator = ExpectationEvaluator(world: world)
        var failures = scenario.expectations.compactMap { expectation in
            evaluator.evaluate(Located(value: placeholders.fill(expectation.value), location: expectation.location))
        }
        let snapshotPath = TrafficSnapshot.path(for: scenario)
        if updateSnapshots || FileManager.default.fileExists(atPath: snapshotPath),
           let snapshot = checkSnapshot(at: snapshotPath, traffic: TrafficSnapshot.text(of: world, placeholders: placeholders),
                                        update: updateSnapshots) {
            failures.append(snapshot)
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        var status: ScenarioResult.Status = failures.isEmpty ? .passed : .failed
        var error: String?
        if !failures.isEmpty, let app = scenario.appBaseURL, let unreachable = unreachableApp(world, app: app) {
            status = .runtimeError
            error = unreachable
        }
        var result = ScenarioResult(name: scenario.name, file: scenario.file, location: scenario.location, status: status,
                                    failures: failures, error: error, duration: seconds, webhooks: world.timeline.webhooks.count,
                                    virtualSeconds: world.now - configuration.startTime, traffic: traffic(of: world),
                                    journal: journalName(index: index, scenario: scenario.name))
        result.notices = world.timeline.entries.compactMap { entry in
            guard case .problem(let problem) = entry.event else { return nil }
            let time = entry.time - configuration.startTime
            let shown = time == time.rounded() ? String(Int(time)) : Decimals.format(time, digits: 3)
            return "+\(shown)s \(problem.severity.rawValue) \(problem.code.map { String($0.code) } ?? "-") \(problem.message)"
        }
        result.calls = world.calls.map(CallPath.describe)
        result.sessions = world.proxySessions.map(SessionSummary.describe)
        result.exchanges = world.timeline.webhooks.flatMap(\.ownExchanges)
        return result
    }

    /// Writes the snapshot (`--update-snapshots`), or compares with the one on disk; a scenario
    /// without a snapshot file is not compared.
    private static func checkSnapshot(at path: String, traffic: String, update: Bool) -> ExpectationFailure? {
        let location = SourceLocation(file: path, line: 1, column: 1)
        if update {
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try traffic.write(toFile: path, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return ExpectationFailure(location: location, summary: "cannot write the traffic snapshot", expected: path,
                                          actual: "\(error)", exchange: nil)
            }
        }
        guard let stored = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let difference = TrafficSnapshot.diff(expected: stored, actual: traffic)
        guard !difference.isEmpty else { return nil }
        return ExpectationFailure(location: location, summary: "the traffic differs from its snapshot (run with --update-snapshots if intended)",
                                  expected: "the traffic in \(path)", actual: "changed:\n" + difference, exchange: nil)
    }

    private static func traffic(of world: World) -> [TrafficLine] {
        world.timeline.entries.compactMap { entry in
            guard case .webhook(let event) = entry.event else { return nil }
            // A delivery with a fallback is two lines: the primary URL's exchanges, then the fallback's.
            var code: Int?
            if event.role == "primary", let primary = event.outcome.primaryFailure {
                code = primary.code.code
            } else if case .failure(let failure) = event.outcome.result {
                code = failure.code.code
            }
            return TrafficLine(time: entry.time - world.configuration.startTime, purpose: event.purpose.rawValue, method: event.method.rawValue,
                               url: WebhookURL.redacted(event.url), status: event.ownExchanges.last?.response?.status,
                               errorCode: code)
        }
    }

    /// `0007-auto-reply-to-an-inbound-sms`: the index keeps names unique and in run order.
    static func journalName(index: Int, scenario: String) -> String {
        let slug = scenario.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce(into: "") { slug, character in
            if character != "-" || slug.last != "-" { slug.append(character) }
        }
        let number = String(index + 1)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "-" + slug.trimmingCharacters(in: ["-"]).prefix(60)
    }

    /// The app could not be reached at all: a connection failure on a URL under its base URL.
    private static func unreachableApp(_ world: World, app: String) -> String? {
        for event in world.timeline.webhooks where event.url.hasPrefix(app) {
            for exchange in event.outcome.exchanges where [11205, 11210].contains(exchange.errorCode ?? 0) && exchange.response == nil {
                return "the app at \(app) is unreachable: \(exchange.errorMessage ?? "")"
            }
        }
        return nil
    }
}
