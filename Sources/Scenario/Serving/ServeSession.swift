import Foundation
import FrontDoor
import Platform
import RESTAPI
import Simulator
import Stubs
import Webhooks

/// The emulated platform left running for manual testing (`switchboard serve`): one world made
/// from a scenario file's declarations (numbers, services, functions, account; its steps are not
/// run), served by the REST API and the HTTPS proxy with a CA of its own, its built-in functions
/// answering, and its virtual clock following the wall clock, so that what the app sends is
/// delivered and called back as time passes. `HandsetControl` lets a person play the handsets.
public final class ServeSession: Sendable {
    /// Ports to listen on; 0: a free one.
    public struct Ports: Sendable {
        public var api = 0
        public var proxy = 0
        public var control = 0

        public init(api: Int = 0, proxy: Int = 0, control: Int = 0) {
            self.api = api
            self.proxy = proxy
            self.control = control
        }
    }

    /// Why a file cannot be served.
    public struct Unservable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The variables an app started by hand is given (as `app.command` would give them), in a
    /// stable order; `PORT` is left to the app.
    public let environment: [(name: String, value: String)]
    /// Where the handsets are played (`HandsetControl`).
    public let controlURL: String
    /// The account's numbers, as the scenario declares them.
    public let numbers: [String]
    /// The folder of the session's CA certificate, removed on `stop`.
    private let folder: String
    private let services: (functions: FunctionServer, platform: PlatformAPI, proxy: PlatformProxy, control: HandsetControl)
    private let clock: Task<Void, Never>

    private init(environment: [(name: String, value: String)], controlURL: String, numbers: [String], folder: String,
                 services: (functions: FunctionServer, platform: PlatformAPI, proxy: PlatformProxy, control: HandsetControl),
                 clock: Task<Void, Never>) {
        self.environment = environment
        self.controlURL = controlURL
        self.numbers = numbers
        self.folder = folder
        self.services = services
        self.clock = clock
    }

    /// Starts serving `scenario`'s world (nil: an empty one, with a seeded account); `appURL`
    /// replaces `{{app}}` (the app as the person started it); `observer` sees every timeline entry.
    public static func start(_ scenario: Scenario?, appURL: String?, ports: Ports,
                             observer: (any TimelineObserver)?) async throws -> ServeSession {
        let scenario = scenario ?? Scenario(name: "serve", file: "", location: SourceLocation(file: "", line: 0, column: 0))
        let app = appURL ?? scenario.appBaseURL
        if app == nil, scenario.app != nil {
            throw Unservable(description: "the file's app is started by its command on a port chosen at each run: "
                + "start the app yourself and give its URL with --app-url")
        }
        let functions = try await FunctionServer.start()
        let platform = try await PlatformAPI.start(port: ports.api)
        let service = "serve"
        var placeholders = scenario.placeholders(server: functions, service: service, app: app, seed: scenario.seed ?? 1)
        var configuration = placeholders.fill(scenario.world)
        configuration.seed = scenario.seed ?? 1
        configuration.timeouts = scenario.timeouts
        // The wall clock: dates in answers, `SendAt` and TTLs mean what the app thinks they mean.
        configuration.startTime = Date().timeIntervalSince1970
        let world = World(configuration: configuration, webhooks: WebhookClient(configuration: .init(authToken: configuration.authToken)),
                          observer: observer)
        let account = world.accountSid.description
        placeholders.accountSid = account
        let number = platform.server.directory.register(world)
        let handle = WorldHandle(world: world, number: number)
        // From here on the world is reached through its gate only.
        world.gate.leave()
        scenario.registerFunctions(on: functions, service: service,
                                   api: FunctionServer.APIAccess(client: platform.client, user: account, password: configuration.authToken, world: number))

        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("switchboard-serve-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let authority = try CertificateAuthority()
        let certificate = try authority.write(into: folder)
        let proxy = try await platform.startProxy(port: ports.proxy, authority: authority, account: account)
        let control = try await HandsetControl.start(port: ports.control, world: handle)
        let variables = AppEnvironment(
            account: .init(sid: account, authToken: configuration.authToken,
                           apiKey: configuration.apiKeys.first.map { (sid: $0.sid, secret: $0.secret) }),
            port: 0, proxyURL: proxy.url, certificateFile: certificate, apiURL: "http://127.0.0.1:\(platform.server.port)"
        ).variables
        let environment = variables.filter { $0.key != "PORT" }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        return ServeSession(environment: environment, controlURL: "http://127.0.0.1:\(control.port)",
                            numbers: configuration.numbers.map(\.number), folder: folder,
                            services: (functions, platform, proxy, control), clock: followWallClock(handle))
    }

    /// Lets the world's virtual time pass as the wall clock's does, running what falls due;
    /// between two steps the world's gate is open to the app's requests and the handsets.
    private static func followWallClock(_ world: WorldHandle) -> Task<Void, Never> {
        Task {
            var last = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(20))
                let now = ContinuousClock.now
                await world.withWorld { await $0.advance(by: (now - last).inSeconds) }
                last = now
            }
        }
    }

    /// Stops the clock, the servers and the proxy, and removes the CA's folder.
    public func stop() async {
        clock.cancel()
        await clock.value
        await services.control.stop()
        await services.proxy.stop()
        await services.functions.stop()
        await services.platform.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
