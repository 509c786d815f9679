import Foundation
import Scenario
import Stubs

/// The same 1,000 cases two ways, against the same local app (built-in functions of one
/// service: `/sms` answers a `<Message>` reply, `/status` its callbacks): as Switchboard
/// scenarios, and as the pytest suite a team writes by hand (Benchmarks/pytest: requests, the
/// official validator, lxml), run with python3 in the same run. Needs pytest, requests, lxml
/// and twilio (`pip install pytest lxml twilio`). `BENCH_JOBS` sets Switchboard's `--jobs`.
enum PytestBenchmark {
    static let cases = 1_000

    static let scenario = """
    name: By hand ${index}
    app: {base_url: "STUB"}
    numbers: [{number: "+14155550100", sms_url: "{{app}}/sms"}]
    steps:
      - sms: {from: "+15558675310", to: "+14155550100", body: "${index}"}
    expect:
      - answer: {http_status: 200, verbs: [Message], xpath: {"string(//Message)": "Reply to ${index}", "string(//Message/@statusCallback)": status}}
      - status_callbacks: {to: "+15558675310", statuses: [sent, delivered]}
    """

    static func run() async throws {
        let server = try await FunctionServer.start()
        var reply = FunctionDefinition()
        reply.body = #"<Response><Message statusCallback="status">Reply to {{Body}}</Message></Response>"#
        var status = FunctionDefinition()
        status.body = "<Response/>"
        let stub = server.register(service: "app", functions: ["/sms": reply, "/status": status])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-pytest-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for index in 0..<cases {
            let text = "variables: {index: \"\(index)\"}\n" + scenario.replacingOccurrences(of: "STUB", with: stub)
            try text.write(to: folder.appendingPathComponent(String(format: "s%04d.yaml", index)), atomically: false, encoding: .utf8)
        }
        print("== pytest: \(cases) cases (a signed inbound SMS, the TwiML reply checked, its signed status callbacks) against one local app")
        let start = ContinuousClock.now
        var options = RunOptions()
        if let jobs = ProcessInfo.processInfo.environment["BENCH_JOBS"].flatMap(Int.init) { options.jobs = jobs }
        let results = try await ScenarioRunner(options: options).run(files: ScenarioRunner.discover([folder.path]).files) { _ in }
        let ours = (ContinuousClock.now - start).inSeconds
        let passed = results.filter { $0.status == .passed }.count
        let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pytest/test_sms_by_hand.py")
        let (theirs, output) = try await offLoop { try pytest(suite.path, stub: stub) }
        await server.stop()
        print("switchboard: \(passed)/\(results.count) passed in \(format(ours, 2)) s (--jobs \(options.jobs.map(String.init) ?? "found as it runs"))")
        print("pytest:      \(output) in \(format(theirs, 2)) s")
        print("switchboard is \(format(theirs / ours, 1)) times faster")
    }

    /// Runs the pytest suite; its wall time and its summary line.
    private static func pytest(_ suite: String, stub: String) throws -> (Double, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", suite]
        process.environment = ProcessInfo.processInfo.environment.merging(["STUB_URL": stub, "CASES": String(cases)]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let start = ContinuousClock.now
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = (ContinuousClock.now - start).inSeconds
        let summary = text.split(separator: "\n").last { $0.contains("passed") || $0.contains("failed") || $0.contains("error") }
        return (seconds, summary.map(String.init) ?? "did not run (pip install pytest lxml twilio?): \(text.suffix(300))")
    }
}
