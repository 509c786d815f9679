import CYaml
import Foundation
import Platform
import Scenario
import Simulator
import TwiML
import Webhooks

/// Loading 1,000 scenario files beside libyaml's parse of the same files; 1,000 messaging
/// scenarios (an inbound SMS, a reply, its status callbacks) as 1,000 files and as one table of
/// 1,000 rows, against built-in functions; then 30 virtual days through 10,000 scheduled events.
enum ScenarioBenchmark {
    static let scenario = """
    name: Benchmark ${index}
    functions:
      /sms: {twiml: "<Response><Message statusCallback=\\"status\\">Reply to {{Body}}</Message></Response>"}
      /status: {twiml: "<Response/>"}
    numbers: [{number: "+14155550100", sms_url: "{{functions}}/sms"}]
    steps:
      - sms: {from: "+15558675310", to: "+14155550100", body: "${index}"}
    expect:
      - message: {body: "Reply to ${index}", status: delivered}
      - status_callbacks: {to: "+15558675310", statuses: [sent, delivered]}
    """

    static func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(ProcessInfo.processInfo.processIdentifier)")
        let files = folder.appendingPathComponent("files")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in 0..<1_000 {
            let text = "variables: {index: \"\(index)\"}\n" + scenario
            try text.write(to: files.appendingPathComponent(String(format: "s%04d.yaml", index)), atomically: false, encoding: .utf8)
        }
        let table = folder.appendingPathComponent("table.yaml")
        try ("rows:\n" + (0..<1_000).map { "  - {index: \"\($0)\"}\n" }.joined() + scenario)
            .write(to: table, atomically: false, encoding: .utf8)

        loading(ScenarioRunner.discover([files.path]).files)
        print("== scenarios: 1,000 messaging scenarios against built-in functions")
        for (name, paths) in [("1,000 files", [files.path]), ("1 table of 1,000 rows", [table.path])] {
            var options = RunOptions()
            options.jobs = Int(ProcessInfo.processInfo.environment["BENCH_JOBS"] ?? "") ?? 16
            let runner = ScenarioRunner(options: options)
            let start = ContinuousClock.now
            let results = try await runner.run(files: ScenarioRunner.discover(paths).files) { _ in }
            let seconds = (ContinuousClock.now - start).inSeconds
            let passed = results.filter { $0.status == .passed }.count
            let webhooks = results.reduce(0) { $0 + $1.webhooks }
            print("\(name): \(passed)/\(results.count) passed in \(format(seconds, 3)) s: \(format(Double(results.count) / seconds)) scenarios/s, "
                + "\(format(Double(webhooks) / seconds)) webhooks/s; peak memory \(format(peakMegabytes())) MB")
        }
        await thirtyDays()
    }

    /// Files loaded per second on one thread, each read and made scenarios (the run loads on
    /// every core), beside the floor: the same files read and parsed by libyaml, events only.
    static func loading(_ paths: [String]) {
        print("== loading: \(paths.count) scenario files, one thread, 5 rounds")
        var scenarios = 0
        let ours = rate(seconds: 0, batch: 5) { for path in paths { scenarios += (try? ScenarioLoader.load(file: path).count) ?? 0 } }
        var events = 0
        let floor = rate(seconds: 0, batch: 5) { for path in paths { events += libyamlEvents(path) } }
        print("switchboard: \(format(ours * Double(paths.count))) files/s (\(scenarios / 5) scenarios a round); "
            + "libyaml's events alone: \(format(floor * Double(paths.count))) files/s; ratio \(format(ours / floor, 2))")
    }

    /// The events libyaml parses from a file: the least any loader built on it does.
    static func libyamlEvents(_ path: String) -> Int {
        guard let bytes = FileManager.default.contents(atPath: path).map(Array.init), !bytes.isEmpty else { return 0 }
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            yaml_parser_initialize(&parser)
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                count += 1
                if event.type == YAML_STREAM_END_EVENT { break }
            }
            return count
        }
    }

    /// 5,000 messages over 30 virtual days: each schedules its `sent` and `delivered` events.
    static func thirtyDays() async {
        let fresh = World(configuration: WorldConfiguration(), webhooks: NoWebhooks())
        for index in 0..<5_000 {
            await fresh.sendMessage(from: "+14155550100", service: nil, to: "+15558675310", body: "message \(index)")
        }
        let pending = fresh.pendingEvents
        let start = ContinuousClock.now
        await fresh.advance(by: 30 * 86_400)
        let seconds = (ContinuousClock.now - start).inSeconds
        let delivered = fresh.messages.filter { $0.status == .delivered }.count
        print("30 virtual days, \(pending) scheduled events: \(format(seconds * 1000, 1)) ms wall time (\(delivered) messages delivered)")
    }

    /// A world whose messages have no callback URLs never calls this.
    struct NoWebhooks: WebhookDelivering {
        func deliver(_ request: WebhookRequest, fallback: (url: String, method: TwiML.HTTPMethod)?, context: DeliveryContext?) async
            -> DeliveryOutcome {
            DeliveryOutcome(exchanges: [], result: .success(.empty), primaryFailure: nil, finalURL: request.url)
        }
    }
}
