import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import RESTAPI
import ServiceLifecycle
import Synchronization
import Traffic
import Webhooks

/// The embedded HTTP server (Hummingbird, 127.0.0.1, a free port) that serves built-in
/// functions, modelled on Serverless: each service is a set of paths under its own base URL
/// (`http://127.0.0.1:PORT/<service>`), so scenarios running in parallel never collide.
///
/// It stops gracefully: it stops accepting first, then lets the connections it accepted finish.
/// Cancelling Hummingbird's task instead would drop a connection accepted in the meantime
/// unhandled, which NIO traps on (a run interrupted while scenarios connect crashed so).
public final class FunctionServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>
    private let services = Mutex<[String: Service]>([:])

    /// A service's functions and how they reach the REST API.
    private struct Service {
        let functions: [String: FunctionDefinition]
        let api: APIAccess?
    }

    /// How a service's functions reach the REST API: the client, and the credentials and
    /// world number of the scenario they belong to.
    public struct APIAccess: Sendable {
        public let client: APIClient
        public let user: String
        public let password: String
        public let world: Int

        public init(client: APIClient, user: String, password: String, world: Int) {
            self.client = client
            self.user = user
            self.password = password
            self.world = world
        }
    }

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts the server on a free port of 127.0.0.1.
    public static func start() async throws -> FunctionServer {
        let registry = Registry()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await registry.respond(to: request)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "switchboard-functions", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let logger = Logger(label: "switchboard-functions", factory: { _ in SwiftLogNoOpLogHandler() })
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let server = FunctionServer(port: port, group: group, task: task)
        registry.server.withLock { $0 = server }
        return server
    }

    /// A service's base URL (no trailing slash).
    public func baseURL(of service: String) -> String {
        "http://127.0.0.1:\(port)/\(service)"
    }

    /// Mounts a service's functions; returns its base URL (no trailing slash).
    public func register(service: String, functions: [String: FunctionDefinition], api: APIAccess? = nil) -> String {
        services.withLock { $0[service] = Service(functions: functions, api: api) }
        return baseURL(of: service)
    }

    public func unregister(service: String) {
        services.withLock { $0[service] = nil }
    }

    /// Stops the server gracefully and waits for it, a second at most: a function still
    /// answering then (a long `delay` whose caller is gone) finishes on its own, with nothing
    /// accepted meanwhile. The server's task is never cancelled: cancelling the service group
    /// while it shuts down deadlocked in its merged event streams (a CI run hung there).
    public func stop() async {
        await group.triggerGracefulShutdown()
        let task = task
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let first = FirstOf(stopped)
            Task { _ = await task.result; first.resume() }
            Task { try? await Task.sleep(for: .seconds(1)); first.resume() }
        }
    }

    /// Resumes a continuation once, for whichever of several events comes first.
    private final class FirstOf: Sendable {
        private let continuation: Mutex<CheckedContinuation<Void, Never>?>

        init(_ continuation: CheckedContinuation<Void, Never>) {
            self.continuation = Mutex(continuation)
        }

        func resume() {
            continuation.withLock { pending in
                pending?.resume()
                pending = nil
            }
        }
    }

    fileprivate func function(service: String, path: String) -> (FunctionDefinition, APIAccess?)? {
        services.withLock { services in
            services[service].flatMap { found in found.functions[path].map { ($0, found.api) } }
        }
    }

    /// Looks functions up once the server exists.
    private final class Registry: Sendable {
        let server = Mutex<FunctionServer?>(nil)

        func respond(to request: Request) async throws -> Response {
            let path = request.uri.path
            let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
            guard let service = parts.first, let server = server.withLock({ $0 }),
                  let (defined, api) = server.function(service: String(service), path: "/" + (parts.count > 1 ? parts[1] : "")) else {
                return Response(status: .notFound, headers: [.contentType: "text/plain"],
                                body: .init(byteBuffer: ByteBuffer(string: "no function at \(path)\n")))
            }
            var parameters: [String: String] = [:]
            if let query = request.uri.query {
                for (name, value) in FormEncoding.decode(query) { parameters[name] = value }
            }
            let body = try await request.body.collect(upTo: 1 << 20)
            for (name, value) in body.withUnsafeReadableBytes({ FormEncoding.decode($0.bindMemory(to: UInt8.self)) }) {
                parameters[name] = value
            }
            let function = defined.answer(for: parameters)
            if let api {
                // `{{functions}}` in a request names the service's own functions, as in the scenario.
                let values = parameters.merging(["functions": server.baseURL(of: String(service))]) { request, _ in request }
                for call in function.restCalls(values) {
                    let credentials = call.credentials ?? (api.user, api.password)
                    _ = await api.client.send(call, user: credentials.user, password: credentials.password, world: api.world)
                }
            }
            if function.delay > 0 { try await Task.sleep(for: .milliseconds(Int(function.delay * 1000))) }
            var headers = HTTPFields()
            headers[.contentType] = function.contentType
            for (name, value) in function.headers {
                if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
            }
            if let cookie = function.setCookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
            return Response(status: .init(code: function.status), headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: function.render(parameters))))
        }
    }
}
