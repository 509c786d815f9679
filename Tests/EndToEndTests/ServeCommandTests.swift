import Foundation
import TestSupport
import Testing

/// `switchboard serve`: the emulated platform left running for an app started by hand; the
/// variables it prints are all such an app needs, its clock follows the wall clock, and a
/// person plays the handsets with curl.
@Suite struct ServeCommandTests {
    /// A handset writes in (a `+` left unencoded, as `curl -d From=+1…` sends it); the number's
    /// built-in function replies; the reply is delivered on the wall clock; an app using the
    /// official library through the proxy sends a message; SIGTERM stops it all cleanly.
    @Test(.enabled(if: Python.canImport("twilio.rest"), "needs python3 with twilio"))
    func anAppStartedByHandReachesTheServedPlatform() async throws {
        let folder = Scratch.path("serve")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let world = folder.appendingPathComponent("world.yaml")
        try Data("""
            functions:
              /reply:
                twiml: <Response><Message>Thanks, we got it</Message></Response>
            numbers:
              - {number: "+14155550100", sms_url: "{{functions}}/reply"}
            """.utf8).write(to: world)
        let environment = folder.appendingPathComponent("env.sh")
        let journal = folder.appendingPathComponent("journal.jsonl")
        let output = folder.appendingPathComponent("serve.log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = SwitchboardProcess.binary
        process.arguments = ["serve", world.path, "--env-file", environment.path, "--journal", journal.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let started = ContinuousClock.now
        while !FileManager.default.fileExists(atPath: environment.path), ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let exports = try String(contentsOf: environment, encoding: .utf8)
        #expect(exports.contains("export HTTPS_PROXY=http://127.0.0.1:"), "\(exports)")
        #expect(exports.contains("export TWILIO_ACCOUNT_SID=AC"), "\(exports)")
        let printed = try String(contentsOf: output, encoding: .utf8)
        let handsets = try #require(printed.firstMatch(of: /(http:\/\/127\.0\.0\.1:\d+)\/sms/)?.1, "\(printed)")

        let script = """
            import base64, json, os, sys, time, urllib.request
            for line in open(sys.argv[1]):
                name, value = line.removeprefix("export ").strip().split("=", 1)
                os.environ[name] = value
            started = time.monotonic()
            handset = urllib.request.urlopen(urllib.request.Request(sys.argv[2] + "/sms", data=b"From=+15558675310&To=%2B14155550100&Body=hi"))
            print("handset", handset.status)
            from twilio.rest import Client
            client = Client()
            sent = client.messages.create(from_="+14155550100", to="+15558675310", body="from the app")
            print("app message", sent.status)
            while time.monotonic() - started < 20:
                reply = [m for m in client.messages.list(to="+15558675310") if m.body == "Thanks, we got it"]
                if reply and reply[0].status == "delivered":
                    print("reply delivered after %.1f s" % (time.monotonic() - started))
                    break
                time.sleep(0.2)
            """
        let run = try await Python.run(script, arguments: [environment.path, String(handsets)])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("handset 202"), "\(run.stdout)")
        #expect(run.stdout.contains("app message queued"), "\(run.stdout)")
        // Sent a second after the handset wrote, delivered two more seconds later: real seconds, as
        // the clock follows the wall.
        let delivered = try #require(run.stdout.firstMatch(of: /reply delivered after (\d+\.\d) s/)?.1, "\(run.stdout)\(run.stderr)")
        #expect(Double(delivered)! >= 2.9, "delivered after \(delivered) s")

        process.terminate()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationStatus == 0)
        let log = try String(contentsOf: output, encoding: .utf8)
        #expect(log.contains("inbound message"), "\(log)")
        #expect(log.contains("API CreateMessage"), "\(log)")
        #expect(log.contains("\"Thanks, we got it\""), "\(log)")
        #expect(log.hasSuffix("stopped\n"), "\(log)")
        let authority = try #require(exports.firstMatch(of: /REQUESTS_CA_BUNDLE=(\S+)/)?.1)
        #expect(!FileManager.default.fileExists(atPath: String(authority)), "the CA is removed on stop")
        let lines = try String(contentsOf: journal, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.contains("\"scenario\":\"serve\"") && $0.contains("inbound") }, "\(lines)")
    }

    /// A file whose app is started by command has no URL to serve it at until one is given.
    @Test func aStartedAppNeedsItsURL() async throws {
        let file = try SwitchboardProcess.temporaryFile("""
            app: {command: "python3 app.py"}
            numbers: [{number: "+14155550100", sms_url: "{{app}}/sms"}]
            """, name: "serve-app.yaml")
        let run = try await SwitchboardProcess.run(["serve", file])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--app-url"), "\(run.stderr)")
    }
}
