import Foundation
import FrontDoor
import Platform
import RESTAPI

/// The apps under test of one run: each started when the first scenario that needs it comes,
/// with its own proxy and port, shared as its `restart` says (the whole run, a file, one
/// scenario), and stopped when no scenario can need it any more, or at the end of the run.
///
/// Scenarios that share a started app share its account: the app was given it once, so its
/// requests can only reach that account's world (they then run one at a time, `AccountLocks`).
actor StartedApps {
    /// An app as a scenario gets it: ready, or the reason it is not.
    struct Lease: Sendable {
        let app: AppProcess?
        /// Why the app cannot serve the scenario (it exited, it was not ready in time …).
        let failure: String?
    }

    /// Which process serves a scenario: its definition, and the file or scenario it is limited to.
    struct Key: Hashable, Sendable {
        let definition: AppDefinition
        let scope: String
    }

    private final class Instance {
        let account: AppEnvironment.Account
        let started: Task<(app: AppProcess?, failure: String?), Never>
        var users = 0
        /// No later scenario can use it (its file is done, or it was a scenario's own).
        var closed = false

        init(account: AppEnvironment.Account, started: Task<(app: AppProcess?, failure: String?), Never>) {
            self.account = account
            self.started = started
        }
    }

    private let platform: PlatformAPI
    private var instances: [Key: Instance] = [:]
    private var proxies: [PlatformProxy] = []
    private var authority: (CertificateAuthority, file: String)?
    private let folder: String

    init(platform: PlatformAPI) {
        self.platform = platform
        folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("switchboard-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Counts the scenario among its app's users, starting the app if it is the first to need
    /// it; called as the scenario is scheduled, so that its file is not taken for done before it.
    func reserve(for scenario: Scenario, definition: AppDefinition, index: Int) -> Key {
        let scope = switch definition.restart {
        case .perRun: ""
        case .perFile: scenario.file
        case .perScenario: "scenario-\(index)"
        }
        let key = Key(definition: definition, scope: scope)
        let instance = instances[key] ?? start(key, account: Self.account(of: scenario, key: key))
        instance.users += 1
        if definition.restart == .perScenario { instance.closed = true }
        return key
    }

    /// The account of a reserved app.
    func account(of key: Key) -> AppEnvironment.Account? {
        instances[key]?.account
    }

    /// The reserved app, once ready; `declared`: the account the scenario declares, if any.
    func lease(_ key: Key, declared: String?) async -> Lease {
        guard let instance = instances[key] else { return Lease(app: nil, failure: "the app was stopped before the scenario ran") }
        // A run interrupted while the app starts stops waiting for it (and so stops it).
        let task = instance.started
        let started = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        var failure = started.failure
        if failure == nil, let app = started.app, let ending = app.ending {
            failure = "the app (\(app.commandLine)) \(ending.description)" + Self.lastLines(of: app)
        }
        if failure == nil, let declared, declared != instance.account.sid {
            failure = "this scenario's account \(declared) is not the one the app was started with (\(instance.account.sid)); "
                + "scenarios that share a started app share its account: declare the same account, or give the app restart: per-scenario"
        }
        return Lease(app: started.app, failure: failure)
    }

    /// The scenario is done with its app.
    func release(_ key: Key) async {
        guard let instance = instances[key] else { return }
        instance.users -= 1
        if instance.closed && instance.users == 0 { await stop(key) }
    }

    /// No scenario of this file is still to come: its per-file apps stop once their scenarios end.
    func fileDone(_ file: String) async {
        for (key, instance) in instances where key.definition.restart == .perFile && key.scope == file {
            instance.closed = true
            if instance.users == 0 { await stop(key) }
        }
    }

    /// Stops every app and proxy, and removes the run's CA file.
    func stopAll() async {
        for key in Array(instances.keys) { await stop(key) }
        for proxy in proxies { await proxy.stop() }
        proxies = []
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func stop(_ key: Key) async {
        guard let instance = instances.removeValue(forKey: key) else { return }
        await instance.started.value.app?.stop()
    }

    /// The proxy variables for a helper process of the run's own (the Node.js runtime, whose
    /// functions' `getTwilioClient()` must reach the emulator): a proxy of its own, the run's CA.
    func helperEnvironment() async -> [String: String] {
        guard let (authority, file) = certificateAuthority(),
              let proxy = try? await platform.startProxy(authority: authority, account: nil) else {
            return [:]
        }
        keep(proxy)
        let environment = AppEnvironment(account: .init(sid: "", authToken: ""), port: 0, proxyURL: proxy.url, certificateFile: file,
                                         apiURL: "http://127.0.0.1:\(platform.server.port)")
        return environment.variables.filter { !$0.key.hasPrefix("TWILIO_ACCOUNT") && !$0.key.hasPrefix("TWILIO_AUTH") && $0.key != "PORT" }
    }

    private func start(_ key: Key, account: AppEnvironment.Account) -> Instance {
        let authority = certificateAuthority()
        let platform = platform
        let folder = folder
        let started = Task { () -> (app: AppProcess?, failure: String?) in
            do {
                guard let (authority, file) = authority else { throw AuthorityMissing() }
                let proxy = try await platform.startProxy(authority: authority, account: account.sid)
                self.keep(proxy)
                let port = try await FreePort.find()
                let environment = AppEnvironment(account: account, port: port, proxyURL: proxy.url, certificateFile: file,
                                                  apiURL: "http://127.0.0.1:\(platform.server.port)")
                let app = AppProcess.start(key.definition, port: port, environment: environment.variables, directory: key.definition.directory ?? folder)
                do throws(ReadyCheck.NotReady) {
                    try await ReadyCheck.wait(for: app)
                    return (app, nil)
                } catch {
                    // Not ready: stopped now, with what it wrote.
                    await app.stop()
                    return (app, "\(error.description)" + Self.lastLines(of: app))
                }
            } catch {
                return (nil, "the app could not be started: \(error)")
            }
        }
        let instance = Instance(account: account, started: started)
        instances[key] = instance
        return instance
    }

    private func keep(_ proxy: PlatformProxy) {
        proxies.append(proxy)
    }

    private struct AuthorityMissing: Error, CustomStringConvertible {
        var description: String { "the run's certificate authority could not be made" }
    }

    /// The run's authority, made and written to the run's folder the first time an app starts.
    private func certificateAuthority() -> (CertificateAuthority, file: String)? {
        if let authority { return authority }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let made = try CertificateAuthority()
            authority = (made, try made.write(into: folder))
        } catch {
            return nil
        }
        return authority
    }

    /// The account given to an app: the scenario's own when it declares one, else one made from
    /// the app's definition and scope (stable from run to run, distinct per process).
    private static func account(of scenario: Scenario, key: Key) -> AppEnvironment.Account {
        var sids = SIDGenerator(seed: 0, stream: "app \(key.definition.command) \(key.definition.directory ?? "") \(key.scope)")
        let sid = scenario.world.accountSid ?? sids.next(.account).description
        let key = scenario.world.apiKeys.first.map { (sid: $0.sid, secret: $0.secret) }
        return AppEnvironment.Account(sid: sid, authToken: scenario.world.authToken, apiKey: key)
    }

    /// The app's last lines of output, for a message.
    static func lastLines(of app: AppProcess, count: Int = 20) -> String {
        let lines = app.log.last(count)
        guard !lines.isEmpty else { return "; it wrote nothing" }
        return "; its last lines:\n" + lines.map { "    \($0.stream == .stderr ? "!" : "|") \($0.text)" }.joined(separator: "\n")
    }
}
