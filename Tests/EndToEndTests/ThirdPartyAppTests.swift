import Foundation
import TestSupport
import Testing

/// `switchboard run` against a real third-party style app (Tests/Apps/twilio_app.py, Flask and
/// Twilio's helper library): an IVR reached through an HTTP 302, a cookie session kept for the
/// call, a mis-cased attribute, `Record` and `Dial` actions, a whisper; a masked-number Proxy
/// relay with intercept and out-of-session handlers; signatures checked by Twilio's own
/// validator on every request.
@Suite(.enabled(if: Python.canImport("flask, twilio.twiml.voice_response"), "needs python3 with flask and twilio"))
struct ThirdPartyAppTests {
    static let app = RunCommandTests.repository.appendingPathComponent("Tests/Apps/twilio_app.py")

    static let scenario = """
        name: Third-party voice app
        account: {auth_token: app-token}
        app: {base_url: "APP"}
        numbers:
          - {number: "+14155550100", voice_url: "{{app}}/ivr/welcome"}
          - {number: "+14155550101", voice_url: "{{app}}/survey/question"}
          - {number: "+14155550102", voice_url: "{{app}}/forward"}
        proxy_services:
          - unique_name: rides
            callback_url: "{{app}}/proxy/interaction"
            intercept_callback_url: "{{app}}/proxy/intercept"
            out_of_session_callback_url: "{{app}}/proxy/out-of-session"
            numbers: ["+14155551000", "+14155551001"]
            sessions:
              - {unique_name: ride, participants: ["+14155550001", "+14155550002"]}
        parties:
          - {number: "+19295566487", ring: 3s, talk: 20s}
          - {number: "+14155550300", ring: 2s, talk: 40s}
        steps:
          - call: {from: "+15558675310", to: "+14155550100", script: [{press: "9"}, {press: "2"}, {press: "2"}]}
          - call: {from: "+15558675311", to: "+14155550101", script: [{record: {length: 14s, key: "#", transcript: "Smooth ride"}}]}
          - call: {from: "+15558675312", to: "+14155550102"}
          - sms: {from: "+14155550001", to: "+14155551000", body: "Pay cash?"}
          - sms: {from: "+14155550001", to: "+14155551000", body: "Where are you?"}
          - sms: {from: "+15550001234", to: "+14155551001", body: "Lost my bag"}
          - wait: 10s
        expect:
          - call: {from: "+15558675310", gathered: ["9", "2", "2"], dialled: ["+19295566487"], dial_status: completed,
                   said: ["Returning to the main menu", "Brodo", "Your call ended with status completed"]}
          - webhook: {purpose: redirect, url: "{{app}}/ivr/welcome"}
          - error: {message_contains: "unknown attribute 'timelimit' on <Dial>"}
          - call: {from: "+15558675311", said: ["Thanks for your 14 second answer."]}
          - webhook: {purpose: transcription-callback, status: 204, params: {TranscriptionText: Smooth ride}}
          - call: {to: "+14155550300", direction: outbound-dial, from: "+14155550102", said: ["Forwarded call"], duration: 43}
          - call: {from: "+15558675312", caller_id: "+14155550102", dial_status: completed}
          - webhook: {status: 403, purpose: incoming-call, never: true}
          - interaction: {session: ride, body: "Pay cash?", blocked: true}
          - message: {from: "+14155551001", to: "+14155550002", body: "Where are you?", status: delivered}
          - session: {unique_name: "support-+15550001234", status: in-progress}
          - message: {to: "+14155550009", body: "Lost my bag"}
          - webhook: {purpose: interaction-callback, status: 200, params: {outboundResourceStatus: delivered}}
          - webhook: {purpose: out-of-session-callback, status: 200, count: 1}
        """

    @Test func realAppsPassAndAChangedExpectationFails() async throws {
        let process = Process()
        process.executableURL = Python.executable
        process.arguments = ["python3", Self.app.path, "app-token"]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The app exits when its standard input closes; the kill is for good measure.
        defer {
            try? input.fileHandleForWriting.close()
            kill(process.processIdentifier, SIGKILL)
        }
        let portLine = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(portLine.trimmingCharacters(in: .whitespacesAndNewlines)), "the app printed its port")
        let folder = Scratch.path("third-party")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = Self.scenario.replacingOccurrences(of: "APP", with: "http://127.0.0.1:\(port)")
        try Data(text.utf8).write(to: folder.appendingPathComponent("app.yaml"))
        let passing = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", folder.path])
        #expect(passing.status == 0, "\(passing.stdout)")
        try Data(text.replacingOccurrences(of: "ended with status completed", with: "ended with status busy").utf8)
            .write(to: folder.appendingPathComponent("app.yaml"))
        let failing = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", folder.path])
        #expect(failing.status == 4)
        #expect(failing.stdout.contains("expected: Returning to the main menu · Brodo · Your call ended with status busy"), "\(failing.stdout)")
    }
}
