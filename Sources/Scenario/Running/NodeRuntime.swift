import Foundation
import FrontDoor

/// The run's Serverless runtime for Node.js functions (`Resources/serverless-runtime.js`, run
/// by the machine's `node`): started the first time a scenario needs it, stopped with the run;
/// it also ends by itself when the run's process is gone (a run killed with SIGKILL).
/// The gateway sends it each execution with the function's file and its context.
actor NodeRuntime {
    /// Why the runtime cannot run functions.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
        /// The machine has no `node`: the scenarios that need it are skipped, not failed.
        var isMissingNode = false
    }

    private var started: Task<Result<AppProcess, Unavailable>, Never>?
    /// The proxy variables the runtime is started with (its functions' `getTwilioClient()`).
    private let environment: @Sendable () async -> [String: String]

    init(environment: @escaping @Sendable () async -> [String: String]) {
        self.environment = environment
    }

    /// The `node` on the PATH, if any.
    static let node: String? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/node" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The runtime's port, once it answers.
    func port() async -> Result<Int, Unavailable> {
        if started == nil {
            let environment = environment
            started = Task { await Self.start(environment: await environment()) }
        }
        return await started!.value.map(\.port)
    }

    func stop() async {
        if case .success(let process) = await started?.value { await process.stop() }
    }

    private static func start(environment: [String: String]) async -> Result<AppProcess, Unavailable> {
        guard let node else {
            return .failure(Unavailable(description: "skipped: Node.js functions need node on the PATH (apt-get install nodejs); none was found",
                                        isMissingNode: true))
        }
        guard let script = Bundle.module.path(forResource: "serverless-runtime", ofType: "js") else {
            return .failure(Unavailable(description: "the Serverless runtime script is missing from Switchboard's resources"))
        }
        do {
            let port = try await FreePort.find()
            var definition = AppDefinition(command: .arguments([node, script]))
            definition.readiness = .path("/health")
            definition.readyTimeout = 20
            let variables = environment.merging(["PORT": String(port), "SWITCHBOARD_PID": String(getpid())]) { $1 }
            let process = AppProcess.start(definition, port: port, environment: variables, directory: NSTemporaryDirectory())
            do throws(ReadyCheck.NotReady) {
                try await ReadyCheck.wait(for: process)
            } catch {
                await process.stop()
                return .failure(Unavailable(description: "the Serverless runtime did not start: \(error.description)"))
            }
            return .success(process)
        } catch {
            return .failure(Unavailable(description: "the Serverless runtime could not be started: \(error)"))
        }
    }
}
