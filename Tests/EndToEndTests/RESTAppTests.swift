import Foundation
import TestSupport
import Testing

/// `switchboard run --api-port` against a third-party style app (Tests/Apps/rest_app.py) that
/// answers its webhooks by calling the REST API with Twilio's official helper library: a reply
/// through Messages.create after listing what was sent, a call placed with Calls.create, a Proxy
/// session and its participants created through the Proxy API, then relaying.
@Suite(.enabled(if: Python.canImport("flask, twilio.rest"), "needs python3 with flask and twilio"))
struct RESTAppTests {
    static let app = RunCommandTests.repository.appendingPathComponent("Tests/Apps/rest_app.py")
    static let account = "AC" + String(repeating: "a1", count: 16)

    static let scenario = """
        name: Third-party app calling the REST API
        account: {sid: "\(account)", auth_token: app-token}
        app: {base_url: "APP"}
        numbers:
          - {number: "+14155550100", sms_url: "{{app}}/sms"}
          - {number: "+14155551000"}
          - {number: "+14155551001"}
        proxy_services:
          - {unique_name: rides, numbers: ["+14155551000", "+14155551001"]}
        parties:
          - {number: "+15558675310", ring: 3s}
        steps:
          - sms: {from: "+15558675310", to: "+14155550100", body: "hello"}
          - sms: {from: "+15558675310", to: "+14155550100", body: "again"}
          - sms: {from: "+15558675310", to: "+14155550100", body: "CALL"}
          - wait: 1m
          - sms: {from: "+15558675310", to: "+14155550100", body: "RIDE"}
          - sms: {from: "+15558675310", to: "+14155551000", body: "I am at the corner"}
          - wait: 10s
        expect:
          - message: {to: "+15558675310", from: "+14155550100", body: "Thanks! Message 1 from us.", via: api, status: delivered}
          - message: {to: "+15558675310", body: "Thanks! Message 2 from us.", status: delivered}
          - api_request: {operation: ListMessage, status: 200, count: 2}
          - webhooks_in_order:
              - {url: "{{app}}/sms", params: {Body: hello}}
              - api_request: {operation: CreateMessage, params: {Body: "Thanks! Message 1 from us."}}
              - {url: "{{app}}/status", params: {MessageStatus: sent}}
          - call: {direction: outbound-api, to: "+15558675310", said: ["Your driver is on the way."], status: completed,
                   status_callbacks: [initiated, ringing, in-progress, completed]}
          - api_request: {operation: CreateSession, status: 201, params: {UniqueName: "ride-+15558675310"}}
          - api_request: {operation: CreateParticipant, status: 201, count: 2}
          - session: {unique_name: "ride-+15558675310", status: in-progress}
          - message: {to: "+14155550002", body: "I am at the corner", status: delivered}
          - webhook: {status: 403, never: true}
          - no_errors: true
        """

    @Test func theOfficialLibraryReachesTheEmulatorFromTheApp() async throws {
        let port = try FreePort.find()
        let process = Process()
        process.executableURL = Python.executable
        process.arguments = ["python3", Self.app.path]
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["TWILIO_ACCOUNT_SID": Self.account, "TWILIO_AUTH_TOKEN": "app-token", "SWITCHBOARD_API": "http://127.0.0.1:\(port)"]) { $1 }
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            kill(process.processIdentifier, SIGKILL)
        }
        let portLine = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let appPort = try #require(Int(portLine.trimmingCharacters(in: .whitespacesAndNewlines)), "the app printed its port")
        let folder = Scratch.path("rest-app")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = Self.scenario.replacingOccurrences(of: "APP", with: "http://127.0.0.1:\(appPort)")
        try Data(text.utf8).write(to: folder.appendingPathComponent("app.yaml"))
        let run = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", "--api-port", String(port), folder.path])
        #expect(run.status == 0, "\(run.stdout)")
        // The same scenario with the app's reply changed fails: the expectations look at what the app did.
        try Data(text.replacingOccurrences(of: "Message 2 from us", with: "Message 3 from us").utf8).write(to: folder.appendingPathComponent("app.yaml"))
        let failing = try await SwitchboardProcess.run(["run", "--no-reports", "--no-color", "--api-port", String(port), folder.path])
        #expect(failing.status == 4, "\(failing.stdout)")
    }
}
