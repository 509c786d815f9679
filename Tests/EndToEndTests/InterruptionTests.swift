import Foundation
import Synchronization
import TestSupport
import Testing

/// Real runs signalled at many moments: each exits as interrupted (or finished), never
/// crashes, and leaves the reports of the scenarios that finished.
@Suite struct InterruptionTests {
    @Test func runsSignalledAtAnyMomentLeaveTheReportsOfWhatFinished() async throws {
        let folder = Scratch.path("interrupted")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copies = 6
        for copy in 1...copies {
            try FileManager.default.copyItem(at: RunCommandTests.scenarios, to: folder.appendingPathComponent("copy-\(copy)"))
        }
        let total = copies * RunCommandTests.bundled
        // Counted from the run's first console line (before it, a process still starting may not
        // have its handlers yet, and dies of the signal as any program would): from the first
        // scenarios to the last, the moments a signal can fall on.
        let moments = [0, 0.05, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0, 1.25, 1.5, 2.0, 2.5]
        for (index, moment) in moments.enumerated() {
            let reports = folder.appendingPathComponent("reports-\(index)")
            let process = Process()
            process.executableURL = SwitchboardProcess.binary
            process.arguments = ["run", folder.path, "--jobs", "4", "--reports", reports.path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let printed = Mutex(false)
            output.fileHandleForReading.readabilityHandler = { handle in
                if !handle.availableData.isEmpty { printed.withLock { $0 = true } }
            }
            defer { output.fileHandleForReading.readabilityHandler = nil }
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while !printed.withLock({ $0 }), process.isRunning, Date() < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(Int(moment * 1000)))
            if index.isMultiple(of: 2) { process.interrupt() } else { process.terminate() }
            while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
            let signal = index.isMultiple(of: 2) ? "SIGINT" : "SIGTERM"
            #expect(process.terminationReason == .exit, "signalled at \(moment) s (\(signal)): died of signal \(process.terminationStatus)")
            #expect([0, 130, 143].contains(process.terminationStatus), "signalled at \(moment) s: exit \(process.terminationStatus)")
            let data = try Data(contentsOf: reports.appendingPathComponent("results.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "results.json at \(moment) s")
            // Finished, whatever their outcome: on a loaded machine a scenario may fail on its own.
            let finished = (json["summary"] as? [String: Int])?["total"] ?? -1
            let notRun = json["notRun"] as? Int ?? 0
            #expect(finished + notRun == total, "signalled at \(moment) s: \(finished) finished, \(notRun) not run of \(total)")
            #expect((json["scenarios"] as? [Any])?.count == finished, "a results line for every finished scenario")
            for report in ["junit.xml", "report.html", "report.txt", "traffic.jsonl"] {
                #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(report).path), "\(report) at \(moment) s")
            }
        }
    }

    /// SIGKILL, which no handler sees, at random moments: the journal is valid up to its last
    /// complete line, and holds the result line of every scenario the console said had finished.
    @Test func runsKilledAtRandomMomentsLeaveAValidJournal() async throws {
        let folder = Scratch.path("killed")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for copy in 1...4 {
            try FileManager.default.copyItem(at: RunCommandTests.scenarios, to: folder.appendingPathComponent("copy-\(copy)"))
        }
        let moments = (0..<6).map { _ in Double.random(in: 0...1.5) }.sorted()
        var finishedPerRun: [Int] = []
        for (index, moment) in moments.enumerated() {
            let reports = folder.appendingPathComponent("reports-\(index)")
            let process = Process()
            process.executableURL = SwitchboardProcess.binary
            process.arguments = ["run", folder.path, "--jobs", "4", "--reports", reports.path, "--no-color"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let printed = Mutex(Data())
            output.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                printed.withLock { $0.append(data) }
            }
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while printed.withLock({ $0.isEmpty }), process.isRunning, Date() < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(Int(moment * 1000)))
            kill(process.processIdentifier, SIGKILL)
            while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
            output.fileHandleForReading.readabilityHandler = nil
            let console = String(decoding: printed.withLock { $0 }, as: UTF8.self)
            // A scenario's console line, `✔ name  12 ms · 3 webhooks` or `✘ name  12 ms`.
            let finished = console.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("✔ ") || line.hasPrefix("✘ "), let end = line.range(of: "  ", options: .backwards) else { return nil }
                return String(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound])
            }
            let journal = try Data(contentsOf: reports.appendingPathComponent("traffic.jsonl"))
            var lines = journal.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            if journal.last != UInt8(ascii: "\n") { lines.removeLast() }  // a write the kill cut short
            if lines.last?.isEmpty == true { lines.removeLast() }
            let objects = lines.map { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
            #expect(objects.allSatisfy { $0 != nil }, "killed at \(moment) s: every complete line of the journal is JSON")
            var results: [String: Int] = [:]
            for case let object? in objects where object["type"] as? String == "result" {
                results[object["name"] as? String ?? "", default: 0] += 1
            }
            finishedPerRun.append(finished.count)
            var shown: [String: Int] = [:]
            for name in finished { shown[name, default: 0] += 1 }
            for (name, count) in shown {
                #expect(results[name, default: 0] >= count, "killed at \(moment) s: '\(name)' finished \(count)×, \(results[name, default: 0]) result line(s)")
            }
        }
        #expect(finishedPerRun.contains { $0 > 0 } && finishedPerRun.contains { $0 < 4 * RunCommandTests.bundled },
                "the kills fell within the runs (finished per run: \(finishedPerRun), at \(moments))")
    }
}
