import Foundation
import Scenario

/// 1,000 calls through a five-level IVR against built-in functions: one table of 1,000 rows,
/// each a call that presses a key at five nested menus (six TwiML fetches per call).
enum VoiceBenchmark {
    static func scenario(rows: Int) -> String {
        let levels = (1...5).map { level in
            let next = level == 5 ? "done" : "level\(level + 1)"
            return "  /level\(level): {twiml: \"<Response><Gather numDigits=\\\"1\\\" action=\\\"\(next)\\\">"
                + "<Say>Menu \(level). Press a key.</Say></Gather><Say>Goodbye</Say></Response>\"}\n"
        }.joined()
        return "rows:\n" + (0..<rows).map { "  - {key: \"\($0 % 10)\"}\n" }.joined() + """
            name: IVR call
            functions:
            \(levels)  /done: {twiml: "<Response><Say>You pressed {{Digits}}.</Say><Hangup/></Response>"}
            numbers: [{number: "+14155550100", voice_url: "{{functions}}/level1"}]
            steps:
              - call: {from: "+15558675310", to: "+14155550100", script: [{press: "${key}"}, {press: "${key}"}, {press: "${key}"}, {press: "${key}"}, {press: "${key}"}]}
            expect:
              - call: {from: "+15558675310", gathered: ["${key}", "${key}", "${key}", "${key}", "${key}"], verbs: [Gather, Gather, Gather, Gather, Gather, Say, Hangup]}

            """
    }

    static func run() async throws {
        let folder = URL(fileURLWithPath: ".build/switchboard-bench-voice-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("ivr.yaml")
        try scenario(rows: 1_000).write(to: table, atomically: false, encoding: .utf8)
        print("== voice: 1,000 calls through a five-level IVR against built-in functions")
        var options = RunOptions()
        options.jobs = Int(ProcessInfo.processInfo.environment["BENCH_JOBS"] ?? "") ?? 16
        let start = ContinuousClock.now
        let results = try await ScenarioRunner(options: options).run(files: [table.path]) { _ in }
        let seconds = (ContinuousClock.now - start).inSeconds
        let passed = results.filter { $0.status == .passed }.count
        let webhooks = results.reduce(0) { $0 + $1.webhooks }
        print("\(passed)/\(results.count) calls passed in \(format(seconds, 3)) s: \(format(Double(results.count) / seconds)) calls/s, "
            + "\(format(Double(webhooks) / seconds)) webhooks/s; peak memory \(format(peakMegabytes())) MB")
        if let failure = results.first(where: { $0.status != .passed }) {
            print("first failure: \(failure.name): \(failure.failures.first?.actual ?? failure.error ?? "")")
        }
    }
}
