import Foundation
import TestSupport
import Testing

/// `app.command`: Switchboard starts the app under test, waits until it is ready, hands it its
/// account and the proxy variables, shows its output beside a failure, and stops its whole
/// process group, also when the run is signalled.
@Suite struct AppUnderTestTests {
    static let folder = RunCommandTests.repository.appendingPathComponent("Tests/AppUnderTest")

    /// A Flask app using the official twilio package, unmodified (Tests/AppUnderTest/app.py):
    /// Messages.create, pagination, Calls.create, IncomingPhoneNumbers, a Messaging Service, a
    /// Proxy session and participants, a Conversations thread it moderates with a pre-event
    /// webhook, a Serverless environment found through the API and its asset fetched from its
    /// domain, all through the HTTPS proxy; another host refused.
    @Test(.enabled(if: Python.canImport("flask, twilio.rest"), "needs python3 with flask and twilio"))
    func theOfficialLibraryReachesTheEmulatorThroughTheProxy() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix("_") }.sorted().map { Self.folder.appendingPathComponent($0).path }
        #expect(files.count == 7)
        let run = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color"] + files)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("7 passed"), "\(run.stdout)")
    }

    /// A 500 from the app: the failure shows the traceback the app printed while the scenario ran.
    @Test(.enabled(if: Python.canImport("flask, twilio.rest"), "needs python3 with flask and twilio"))
    func aFailureShowsTheAppsTraceback() async throws {
        let run = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color",
                                                    Self.folder.appendingPathComponent("failing/crash.yaml").path])
        #expect(run.status == 4, "\(run.stdout)")
        #expect(run.stdout.contains("app output"), "\(run.stdout)")
        #expect(run.stdout.contains("RuntimeError: the order database is down"), "\(run.stdout)")
    }

    /// An app that exits before it is ready fails its scenarios with its status and last lines.
    @Test func anAppThatExitsFailsItsScenariosWithItsStatusAndLastLines() async throws {
        let folder = try Self.scratch("exits", """
            name: Needs an app
            app:
              command: "echo missing TWILIO_SECRET_THING >&2; exit 2"
            numbers: [{number: "+14155550100", sms_url: "{{app}}/sms"}]
            steps:
              - sms: {from: "+15558675310", to: "+14155550100", body: "hi"}
            """)
        let run = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", folder.path])
        #expect(run.status == 3, "\(run.stdout)")
        #expect(run.stdout.contains("exited with status 2"), "\(run.stdout)")
        #expect(run.stdout.contains("missing TWILIO_SECRET_THING"), "\(run.stdout)")
    }

    /// A run signalled while its app starts stops the app's whole group: the child it started
    /// in the background does not outlive the run.
    @Test func aSignalledRunLeavesNoOrphan() async throws {
        let pidFile = Scratch.path("child-pid").path
        let folder = try Self.scratch("orphan", """
            name: Never ready
            app:
              command: "sleep 300 & echo $! > \(pidFile); exec sleep 301"
              ready: {path: /health, timeout: 60s}
            steps:
              - wait: 1s
            """)
        let process = Process()
        process.executableURL = SwitchboardProcess.binary
        process.arguments = ["run", "--no-reports", "--no-color", folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var child: pid_t?
        while child == nil, Date() < deadline {
            child = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try await Task.sleep(for: .milliseconds(20))
        }
        let pid = try #require(child, "the app wrote its child's pid")
        #expect(kill(pid, 0) == 0, "the child runs while the app starts")
        process.terminate()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationReason == .exit)
        // The child is gone (SIGTERM to the group, then SIGKILL); give the kernel a moment to reap it.
        var alive = true
        for _ in 0..<50 where alive {
            alive = kill(pid, 0) == 0
            if alive { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(!alive, "the app's child \(pid) outlived the run")
    }

    /// `restart`: one process for the run, one per file, or one per scenario (four scenarios in
    /// two files; each start appends a line to a file).
    @Test(arguments: [("per-run", 1), ("per-file", 2), ("per-scenario", 4)])
    func restartStartsAProcessPerRunFileOrScenario(restart: String, starts: Int) async throws {
        let folder = Scratch.path("restart-\(restart)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("starts.txt").path
        try Data("""
            app:
              command: "echo started >> \(log); exec python3 -m http.server {{port}} --bind 127.0.0.1"
              restart: \(restart)
            """.utf8).write(to: folder.appendingPathComponent("_app.yaml"))
        for file in ["one", "two"] {
            try Data("""
                name: \(file)
                include: [_app.yaml]
                rows: [{name: a}, {name: b}]
                numbers: [{number: "+14155550100", sms_url: "{{app}}/"}]
                steps:
                  - sms: {from: "+15558675310", to: "+14155550100", body: "hi"}
                expect:
                  - webhook: {url: "{{app}}/", status: 501}
                """.utf8).write(to: folder.appendingPathComponent("\(file).yaml"))
        }
        let run = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", folder.path])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("4 passed"), "\(run.stdout)")
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == starts, "\(restart): \(lines.count) starts")
    }

    private static func scratch(_ name: String, _ scenario: String) throws -> URL {
        let folder = Scratch.path(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(scenario.utf8).write(to: folder.appendingPathComponent("scenario.yaml"))
        return folder
    }
}
