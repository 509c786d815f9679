import Foundation

/// How to start the application under test, as a scenario's `app:` section gives it.
public struct AppDefinition: Sendable, Hashable {
    /// What to run: a shell command line (run by `/bin/sh -c`), or an argument vector run as is.
    public enum Command: Sendable, Hashable {
        case shell(String)
        case arguments([String])
    }

    /// When the app is ready to be called.
    public enum Readiness: Sendable, Hashable {
        /// An HTTP GET of this path (on the app's base URL) answers 2xx.
        case path(String)
        /// Something accepts connections on this port (`{{port}}` when nil).
        case port(Int?)
    }

    /// How long one started process serves.
    public enum Restart: String, Sendable, Hashable, CaseIterable {
        /// One process for the whole run (scenarios that share it share its account).
        case perRun = "per-run"
        /// One process per scenario file.
        case perFile = "per-file"
        /// A fresh process for every scenario (they may then run side by side).
        case perScenario = "per-scenario"
    }

    public var command: Command
    /// The working directory; the scenario file's folder when nil.
    public var directory: String?
    /// Variables added to the app's environment (after Switchboard's own, so they win).
    public var environment: [String: String] = [:]
    public var readiness: Readiness = .port(nil)
    /// Seconds to wait for readiness.
    public var readyTimeout: Double = 30
    public var restart: Restart = .perRun
    /// The app's base URL (`{{port}}` is the port it was given); `http://127.0.0.1:{{port}}` when nil.
    public var baseURL: String?

    public init(command: Command) {
        self.command = command
    }

    /// The placeholder of the port the app is given.
    public static let portPlaceholder = "{{port}}"

    /// The base URL for an app given `port`.
    public func baseURL(port: Int) -> String {
        (baseURL ?? "http://127.0.0.1:\(Self.portPlaceholder)").replacingOccurrences(of: Self.portPlaceholder, with: String(port))
    }

    /// The executable and arguments for an app given `port`.
    func argumentVector(port: Int) -> [String] {
        let fill = { (text: String) in text.replacingOccurrences(of: Self.portPlaceholder, with: String(port)) }
        switch command {
        case .shell(let line): return ["/bin/sh", "-c", fill(line)]
        case .arguments(let words): return words.map(fill)
        }
    }
}
