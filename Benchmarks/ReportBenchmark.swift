import Foundation
import Platform
import Reports
import Scenario
import Synchronization
import Traffic
import Webhooks

/// The cost of reports for 10,000 scenarios (one table of 10,000 rows): in each round a run
/// without journal and reports and a run with the journal and every report, in the same
/// process, after a warm-up run; wall and CPU time (all threads). The difference is small
/// against the noise of a shared 2-core machine, so one round says little, and the median of
/// ten rounds ranged from 5.1% to 12.4% over six invocations of one build here (BENCH_ROUNDS,
/// default 20; 0 gives only the cost of each report per scenario, measured on its own): the
/// median of the rounds' differences, their middle half and the best run of each kind are
/// printed.
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
        // BENCH_REPORTERS=html,har … measures a subset (default: every reporter);
        // BENCH_TRAFFIC_FILES=all gives every scenario its own journal and HAR (default: failed ones);
        // BENCH_ONLY=with (or without) leaves out the runs without (with) reports, to profile one kind;
        // BENCH_JOBS: scenarios at once (default 16, the busiest; `switchboard run` runs 4 unless told).
        let environment = ProcessInfo.processInfo.environment
        let rounds = max(0, environment["BENCH_ROUNDS"].flatMap { Int($0) } ?? 20)
        let chosen = environment["BENCH_REPORTERS"].map { $0.split(separator: ",").compactMap { Reporter(rawValue: String($0)) } }
        let trafficFiles = environment["BENCH_TRAFFIC_FILES"].flatMap(TrafficFiles.init(rawValue:)) ?? .failed
        var options = RunOptions()
        options.jobs = environment["BENCH_JOBS"].flatMap { Int($0) } ?? 16
        print("== reports: 10,000 scenarios, \(options.jobs ?? 0) at once, without and with the journal and every report "
              + "(traffic files: \(trafficFiles.rawValue)), \(rounds) round(s) after a warm-up")
        _ = try await ScenarioRunner(options: options).run(files: [table.path]) { _ in }

        let reports = folder.appendingPathComponent("reports").path
        var wall: [(without: Double, with: Double)] = []
        var cpu: [(without: Double, with: Double)] = []
        var own: [Double] = []
        var interference: [Double] = []
        for round in 0..<rounds {
            // Runs alternate which goes first, so a drift of the machine's speed favours neither.
            var without = (wall: 0.0, cpu: 0.0)
            var with = (wall: 0.0, cpu: 0.0, finishing: 0.0, writing: 0.0, runThreads: 0.0)
            let order = round % 2 == 0 ? [false, true] : [true, false]
            for withReports in order where environment["BENCH_ONLY"].map({ $0 == (withReports ? "with" : "without") }) ?? true {
                let start = ContinuousClock.now
                let cpuStart = cpuSeconds()
                guard withReports else {
                    _ = try await ScenarioRunner(options: options).run(files: [table.path]) { _ in }
                    without = ((ContinuousClock.now - start).inSeconds, cpuSeconds() - cpuStart)
                    continue
                }
                let stream = try ReportStream(folder: reports, reporters: Set(chosen ?? Reporter.allCases), version: "bench",
                                              trafficFiles: trafficFiles)
                var journaled = options
                journaled.journal = stream.journal
                let writer = ReportWriter(stream)
                _ = try await ScenarioRunner(options: journaled).run(files: [table.path]) { writer.add($0) }
                let runSeconds = (ContinuousClock.now - start).inSeconds
                // The run's own threads: the process's CPU time so far, less the reports' thread.
                let runThreads = cpuSeconds() - cpuStart - writer.writingSeconds
                let finishStart = ContinuousClock.now
                try writer.finish(duration: runSeconds, startedAt: Date(), notRun: nil)
                with = ((ContinuousClock.now - start).inSeconds, cpuSeconds() - cpuStart, (ContinuousClock.now - finishStart).inSeconds,
                        writer.writingSeconds, runThreads)
            }
            wall.append((without.wall, with.wall))
            cpu.append((without.cpu, with.cpu))
            own.append((with.writing + with.finishing) / without.wall)
            interference.append(with.runThreads / without.cpu - 1)
            print("round \(round + 1): without reports \(format(without.wall, 2)) s (CPU \(format(without.cpu, 2)) s); with them "
                  + "\(format(with.wall, 2)) s (CPU \(format(with.cpu, 2)) s): added \(format((with.wall / without.wall - 1) * 100, 1))%; "
                  + "the reports' own work \(format(with.writing, 2)) s of CPU on their thread during the run + finishing "
                  + "\(format(with.finishing, 2)) s; the run's own threads \(format(with.runThreads, 2)) s of CPU")
        }
        if !wall.isEmpty {
            // Each round is a pair of runs next to each other in time: the median of the pairs'
            // differences is what the reports add, whatever the machine did between rounds.
            let added = median(wall.map { $0.with / $0.without - 1 }) * 100
            let addedCPU = median(cpu.map { $0.with / $0.without - 1 }) * 100
            // The machine's noise only ever adds time: the fastest run of each kind is the other
            // estimate, steadier than any pair when a neighbour takes the CPU for a second.
            let best = (without: wall.map(\.without).min() ?? 0, with: wall.map(\.with).min() ?? 0)
            print("median: without reports \(format(median(wall.map(\.without)), 2)) s, with them \(format(median(wall.map(\.with)), 2)) s; "
                  + "added \(format(added, 1))% of the run's wall time (median of the rounds), \(format(addedCPU, 1))% of its CPU time; "
                  + "the reports' own work (their thread's CPU time + finishing) \(format(median(own) * 100, 1))% of the run; "
                  + "the run's own threads \(format(median(interference) * 100, 1))% more CPU time beside them; "
                  + "peak memory \(format(peakMegabytes())) MB")
            // How far single rounds stray on this machine: the middle half of their differences.
            let differences = wall.map { ($0.with / $0.without - 1) * 100 }.sorted()
            print("the middle half of the rounds added \(format(differences[differences.count / 4], 1))% to "
                  + "\(format(differences[differences.count * 3 / 4], 1))%")
            print("best of \(wall.count): without reports \(format(best.without, 2)) s, with them \(format(best.with, 2)) s: "
                  + "added \(format((best.with / best.without - 1) * 100, 1))%")
            let sizes = ["report.html", "junit.xml", "results.json", "report.txt", "traffic.jsonl"].map { name -> String in
                let bytes = (try? FileManager.default.attributesOfItem(atPath: (reports as NSString).appendingPathComponent(name))[.size] as? Int) ?? 0
                return "\(name) \(format(Double(bytes) / 1_048_576, 1)) MB"
            }
            print("sizes: " + sizes.joined(separator: ", "))
        }
        try await costPerScenario(table: table, folder: folder.appendingPathComponent("parts").path, options: options)
    }

    /// What each report costs per scenario on one thread, away from the run and its noise:
    /// 2,000 finished scenarios (with their exchanges) written again and again.
    private static func costPerScenario(table: URL, folder: String, options: RunOptions) async throws {
        let kept = Mutex<[ScenarioResult]>([])
        _ = try await ScenarioRunner(options: options).run(files: [table.path]) { result in
            kept.withLock { if $0.count < 2_000 { $0.append(result) } }
        }
        let results = kept.withLock { $0 }
        // BENCH_REPEAT: how many times each is measured (the best counts; default 5), more to profile one.
        let repeats = max(1, Int(ProcessInfo.processInfo.environment["BENCH_REPEAT"] ?? "") ?? 5)
        func microseconds(_ work: () throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                try work()
                best = min(best, (ContinuousClock.now - start).inSeconds)
            }
            return best / Double(results.count) * 1e6
        }
        var figures = ["journal lines \(format(microseconds { for result in results { _ = TrafficJournal.lines(result.exchanges, scenario: result.journal) } }, 1))"]
        for reporter in [Reporter.html, .junit, .json, .text, .tap] {
            let stream = try ReportStream(folder: folder, reporters: [reporter], version: "bench", trafficFiles: .none, journal: false)
            figures.append("\(reporter.rawValue) \(format(try microseconds { try stream.add(results) }, 1))")
        }
        print("cost per scenario on one thread, µs (best of \(repeats) over \(results.count) scenarios; html includes encoding its journal lines): "
              + figures.joined(separator: ", "))
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
