import Foundation
import Subprocess
import SystemPackage
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The application under test, started as its own process group with its output captured
/// line by line into `log`. `stop` ends the whole group: SIGTERM, three seconds' grace, then
/// SIGKILL, so that nothing the app started outlives the run.
public final class AppProcess: Sendable {
    /// How the process ended (`exited with status 1`, `killed by signal 9`), or why it could not start.
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        case failedToStart(String)

        public var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signaled(let signal): "was killed by signal \(signal)\(signal == SIGKILL ? " (SIGKILL)" : signal == SIGTERM ? " (SIGTERM)" : "")"
            case .failedToStart(let reason): "could not be started: \(reason)"
            }
        }
    }

    public let definition: AppDefinition
    /// The port given to the app (`{{port}}`, `PORT`).
    public let port: Int
    public let baseURL: String
    public let log: AppLog
    /// The command as run, for messages.
    public let commandLine: String

    private struct State {
        var processGroup: pid_t?
        var ending: Ending?
        var stopRequested = false
    }

    private let state = Mutex(State())
    private let stopSignal: AsyncStream<Void>.Continuation
    private let stops: AsyncStream<Void>
    private let task = Mutex<Task<Void, Never>?>(nil)

    private init(definition: AppDefinition, port: Int, log: AppLog, commandLine: String) {
        self.definition = definition
        self.port = port
        self.baseURL = definition.baseURL(port: port)
        self.log = log
        self.commandLine = commandLine
        (stops, stopSignal) = AsyncStream.makeStream(of: Void.self)
    }

    /// Starts the app with these variables added to Switchboard's own environment, in
    /// `directory` unless its definition names one.
    public static func start(_ definition: AppDefinition, port: Int, environment: [String: String], directory: String,
                             log: AppLog = AppLog()) -> AppProcess {
        let arguments = definition.argumentVector(port: port)
        let process = AppProcess(definition: definition, port: port, log: log, commandLine: arguments.joined(separator: " "))
        var variables: [Environment.Key: String?] = [:]
        for (name, value) in environment.merging(definition.environment, uniquingKeysWith: { $1 }) {
            if let key = Environment.Key(rawValue: name) { variables[key] = value }
        }
        let folder = definition.directory.map { ($0 as NSString).isAbsolutePath ? $0 : (directory as NSString).appendingPathComponent($0) } ?? directory
        let task = Task {
            await process.run(arguments, environment: .inherit.updating(variables), directory: folder)
        }
        process.task.withLock { $0 = task }
        return process
    }

    /// How the process ended; nil while it runs.
    public var ending: Ending? { state.withLock { $0.ending } }

    /// Whether `stop` was asked for (an ending then is not the app's fault).
    public var wasStopped: Bool { state.withLock { $0.stopRequested } }

    /// Waits until the process has ended (after `stop`, or on its own).
    public func waitForEnd() async {
        await task.withLock { $0 }?.value
    }

    /// Ends the process group and waits for it.
    public func stop() async {
        state.withLock { $0.stopRequested = true }
        stopSignal.yield()
        await waitForEnd()
    }

    private func run(_ arguments: [String], environment: Environment, directory: String) async {
        guard let executable = arguments.first else {
            state.withLock { $0.ending = .failedToStart("the command is empty") }
            return
        }
        var options = PlatformOptions()
        options.processGroupID = 0  // a group of its own, led by the app
        let log = log
        let stops = stops
        do {
            let result = try await Subprocess.run(
                executable.contains("/") ? .path(FilePath(executable)) : .name(executable),
                arguments: Arguments(Array(arguments.dropFirst())), environment: environment,
                workingDirectory: FilePath(directory), platformOptions: options,
                input: .none, output: .sequence, error: .sequence
            ) { execution in
                let group = execution.processIdentifier.value
                state.withLock { $0.processGroup = group }
                await withTaskGroup(of: Bool.self) { tasks in
                    tasks.addTask { await Self.read(execution.standardOutput, as: .stdout, into: log); return true }
                    tasks.addTask { await Self.read(execution.standardError, as: .stderr, into: log); return true }
                    tasks.addTask {
                        for await _ in stops {
                            await execution.teardown(using: [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(3))])
                            kill(-group, SIGKILL)  // whatever else of the group is left
                            break
                        }
                        return false
                    }
                    // Both streams end when every process holding them has ended.
                    var streamsEnded = 0
                    while let isStream = await tasks.next() {
                        if isStream { streamsEnded += 1 }
                        if streamsEnded == 2 { tasks.cancelAll() }
                    }
                }
            }
            let ending: Ending = switch result.terminationStatus {
            case .exited(let status): .exited(status)
            case .signaled(let signal): .signaled(signal)
            }
            state.withLock { $0.ending = ending }
        } catch {
            state.withLock { $0.ending = .failedToStart("\(error)") }
        }
    }

    /// Reads one of the app's streams into the log, line by line, to its end.
    private static func read(_ stream: SubprocessOutputSequence, as name: AppLog.Line.Stream, into log: AppLog) async {
        var splitter = LineSplitter()
        do {
            for try await buffer in stream {
                for line in buffer.withUnsafeBytes({ splitter.feed($0) }) { log.append(line, stream: name) }
            }
        } catch {
            log.append("(Switchboard stopped reading this stream: \(error))", stream: name)
        }
        if let last = splitter.finish() { log.append(last, stream: name) }
    }
}
