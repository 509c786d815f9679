import Foundation
import Platform
import Reports
import Scenario

/// The cost of reports for 10,000 scenarios (one table of 10,000 rows): the run without
/// journals and reports, then with traffic journals and every report, in the same process.
enum ReportBenchmark {
    static func run() async throws {
        // Reports go where a real run puts them, inside the project (here under .build/, which
        // git ignores), not /tmp: file creation there can be many times slower on a busy machine.
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/report-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("table.yaml")
        try ("rows:\n" + (0..<10_000).map { "  - {index: \"\($0)\"}\n" }.joined() + ScenarioBenchmark.scenario)
            .write(to: table, atomically: false, encoding: .utf8)
        print("== reports: 10,000 scenarios, without and with journals and every report")
        var options = RunOptions()
        options.jobs = 16
        let plainStart = ContinuousClock.now
        let plain = try await ScenarioRunner(options: options).run(files: [table.path]) { _ in }
        let plainSeconds = (ContinuousClock.now - plainStart).inSeconds
        let plainPeak = peakMegabytes()

        let reports = folder.appendingPathComponent("reports").path
        options.journalPath = ReportStream.journalPath(in: reports)
        // BENCH_REPORTERS=html,har … measures a subset (default: every reporter);
        // BENCH_TRAFFIC_FILES=all gives every scenario its own journal and HAR (default: failed ones).
        let environment = ProcessInfo.processInfo.environment
        let chosen = environment["BENCH_REPORTERS"].map { $0.split(separator: ",").compactMap { Reporter(rawValue: String($0)) } }
        let trafficFiles = environment["BENCH_TRAFFIC_FILES"].flatMap(TrafficFiles.init(rawValue:)) ?? .failed
        let writer = ReportWriter(try ReportStream(folder: reports, reporters: Set(chosen ?? Reporter.allCases), version: "bench",
                                                   trafficFiles: trafficFiles))
        let start = ContinuousClock.now
        let results = try await ScenarioRunner(options: options).run(files: [table.path]) { writer.add($0) }
        let runSeconds = (ContinuousClock.now - start).inSeconds
        let writeStart = ContinuousClock.now
        try writer.finish(results, duration: runSeconds, startedAt: Date(), notRun: nil)
        let writeSeconds = (ContinuousClock.now - writeStart).inSeconds
        let sizes = ["report.html", "junit.xml", "results.json", "report.txt", "traffic.jsonl"].map { name -> String in
            let bytes = (try? FileManager.default.attributesOfItem(atPath: (reports as NSString).appendingPathComponent(name))[.size] as? Int) ?? 0
            return "\(name) \(format(Double(bytes) / 1_048_576, 1)) MB"
        }
        print("without reports: \(plain.count) scenarios in \(format(plainSeconds, 2)) s, peak memory \(format(plainPeak)) MB")
        print("with the journal and reports (traffic files: \(trafficFiles.rawValue)): run (journal, HTML and traffic files written as it goes) \(format(runSeconds, 2)) s + finishing \(format(writeSeconds, 2)) s; "
            + "added \(format((runSeconds + writeSeconds - plainSeconds) / plainSeconds * 100, 1))% of the run; peak memory \(format(peakMegabytes())) MB")
        print("sizes: " + sizes.joined(separator: ", "))
    }
}
