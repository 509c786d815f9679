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
}
