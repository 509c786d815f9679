import Foundation
import Testing

/// The Node.js runtime with a project's own `twilio` package: the `Twilio` global is the
/// project's, and `getTwilioClient()` reaches the emulator through the run's proxy and CA
/// (Tests/Serverless/twilio-project: a stand-in for the official package, which npm's registry,
/// out of reach here, would bring).
@Suite struct ServerlessRuntimeTests {
    @Test(.enabled(if: RunCommandTests.hasNode, "needs node"))
    func aFunctionsTwilioClientReachesTheEmulator() async throws {
        let scenario = RunCommandTests.repository.appendingPathComponent("Tests/Serverless/notify.yaml")
        let run = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", scenario.path])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("1 passed, 0 failed"), "\(run.stdout)")
    }

    /// A run killed outright (SIGKILL: no time to stop anything) leaves no Node.js runtime behind:
    /// the runtime sees its run gone and ends.
    @Test(.enabled(if: RunCommandTests.hasNode, "needs node"))
    func aKilledRunLeavesNoRuntimeBehind() async throws {
        let scenario = RunCommandTests.repository.appendingPathComponent("Tests/Serverless/slow.yaml")
        let process = Process()
        process.executableURL = SwitchboardProcess.binary
        process.arguments = ["run", "--no-reports", scenario.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let run = process.processIdentifier
        // Found and killed on a thread of its own: a test pool busy with other tests must not
        // delay it past the slow function, which would end the run (and its runtime) first.
        let runtime = await withCheckedContinuation { (found: CheckedContinuation<Int32?, Never>) in
            Thread {
                var child: Int32?
                let deadline = Date().addingTimeInterval(20)
                while child == nil, Date() < deadline {
                    child = Self.children(of: run).first
                    if child == nil { usleep(50_000) }
                }
                if child != nil { kill(run, SIGKILL) }
                found.resume(returning: child)
            }.start()
        }
        let child = try #require(runtime, "the run started its Node.js runtime")
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        var alive = true
        let killed = ContinuousClock.now
        while alive, ContinuousClock.now - killed < .seconds(5) {
            alive = kill(child, 0) == 0 && !Self.isZombie(child)
            if alive { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(!alive, "the runtime \(child) outlived its killed run")
    }

    /// The processes whose parent is `pid` (from /proc).
    private static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid
        }
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }
}
