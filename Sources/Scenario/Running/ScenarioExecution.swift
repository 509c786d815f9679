import Foundation
import FrontDoor
import Simulator
import Stubs
import Traffic
import Webhooks

/// One scenario run in a fresh world: its steps on the virtual clock, then its expectations and
/// its traffic snapshot.
extension ScenarioRunner {
    /// Runs one scenario in a fresh world.
    static func run(_ scenario: Scenario, index: Int, seed: UInt64, server: FunctionServer, platform: PlatformAPI, client: WebhookClient,
                    app: AppProcess? = nil, journal: TrafficJournal? = nil, conversation: Bool = true,
                    updateSnapshots: Bool = false) async -> ScenarioResult {
        let started = ContinuousClock.now
        let wallStart = Date().timeIntervalSince1970
        let service = "scenario-\(index)"
        let appBaseURL = app?.baseURL ?? scenario.appBaseURL
        var placeholders = scenario.placeholders(server: server, service: service, app: appBaseURL, seed: scenario.seed ?? seed)
        var configuration = placeholders.fill(scenario.world)
        configuration.seed = scenario.seed ?? seed
        configuration.timeouts = scenario.timeouts
        let label = ScenarioResult.journalName(index: index, scenario: scenario.name)
        let stream = journal.map { TimelineJournal(journal: $0, scenario: label, start: configuration.startTime) }
        let world = World(configuration: configuration, webhooks: client, observer: stream)
        // The REST API serves the world while the scenario runs; its functions reach it as an app would.
        let account = (user: world.accountSid.description, password: configuration.authToken)
        let number = platform.server.directory.register(world)
        placeholders.accountSid = account.user
        scenario.registerFunctions(on: server, service: service,
                                   api: FunctionServer.APIAccess(client: platform.client, user: account.user, password: account.password, world: number))
        defer {
            scenario.unregisterFunctions(from: server, service: service)
            // Requests that found the world before it was unregistered finish against it.
            world.gate.leave()
        }
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
            case .chat(let conversation, let identity, let body, let attributes):
                let result = await world.addChatMessage(to: conversation, service: nil, author: identity, body: body, attributes: attributes,
                                                        origin: .sdk(identity: identity), cause: nil)
                if case .failure(let error) = result, error.code == 20404 { world.recordProblem("chat step: no conversation '\(conversation)'") }
            case .conversationUpdate(let conversation, let identity, let change):
                let result = await world.updateChatConversation(conversation, service: nil, change, origin: .sdk(identity: identity), cause: nil)
                if case .failure(let error) = result, error.code == 20404 { world.recordProblem("conversation_update step: no conversation '\(conversation)'") }
            case .rest(let call, let times, let fields):
                let answer = await send(call, times: times, in: world, number: number, account: account, platform: platform)
                for (variable, value) in save(answer, fields, world: world, call: call) { placeholders.saved[variable] = value }
            }
        }
        await world.settle()
        platform.server.directory.unregister(number)
        await world.outside {}
        // One fold of the timeline for the expectations and the result's lines.
        let record = TimelineRecord(world.timeline)
        let evaluator = ExpectationEvaluator(record, start: configuration.startTime, authToken: configuration.authToken)
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
        if !failures.isEmpty, let appBaseURL, let unreachable = unreachableApp(world, app: appBaseURL) {
            status = .runtimeError
            error = unreachable
        }
        if let app, let ending = app.ending, !app.wasStopped {
            status = .runtimeError
            error = "the app (\(app.commandLine)) \(ending.description) while the scenario ran" + StartedApps.lastLines(of: app)
        }
        var result = ScenarioResult(scenario, journal: label, world: world, record: record, status: status, failures: failures, error: error, duration: seconds,
                                    conversation: conversation)
        if let app {
            // Its lines since the scenario started: scenarios sharing an app run one at a time.
            await app.log.settle()
            result.appOutput = app.log.lines(from: wallStart, to: Date().timeIntervalSince1970)
            if let journal { AppOutputJournal.append(result.appOutput, scenario: label, to: journal) }
        }
        if let stream, let journal {
            stream.flush()
            result.appendLine(to: journal)
        }
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
