import Foundation
import HTTPTypes
import LoopbackHTTP
import NIOCore
import NIOHTTP1
import RESTAPI
import Synchronization
import Traffic
import Webhooks

/// The embedded HTTP server (an `EventLoopHTTPServer`) that serves built-in functions, modelled
/// on Serverless: each service is a set of paths under its own base URL
/// (`http://127.0.0.1:PORT/<service>`), so scenarios running in parallel never collide. A
/// function answers on the connection's event loop (after its `delay`) unless it makes REST
/// requests.
public final class FunctionServer: Sendable {
    public var port: Int { server.port }
    private let server: EventLoopHTTPServer
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

    private init(server: EventLoopHTTPServer) {
        self.server = server
    }

    /// Starts the server on a free port of 127.0.0.1.
    public static func start() async throws -> FunctionServer {
        let registry = Registry()
        let server = FunctionServer(server: try await EventLoopHTTPServer.start { request in
            registry.respond(to: request)
        })
        registry.server.withLock { $0 = server }
        return server
    }

    /// A service's base URL (no trailing slash).
    public func baseURL(of service: String) -> String {
        "http://127.0.0.1:\(port)/\(service)"
    }

    /// Mounts a service's functions; returns its base URL (no trailing slash).
    @discardableResult
    public func register(service: String, functions: [String: FunctionDefinition], api: APIAccess? = nil) -> String {
        services.withLock { $0[service] = Service(functions: functions, api: api) }
        return baseURL(of: service)
    }

    public func unregister(service: String) {
        services.withLock { $0[service] = nil }
    }

    /// Stops the server gracefully (`EventLoopHTTPServer.stop`).
    public func stop() async {
        await server.stop()
    }

    fileprivate func function(service: String, path: String) -> (FunctionDefinition, APIAccess?)? {
        services.withLock { services in
            services[service].flatMap { found in found.functions[path].map { ($0, found.api) } }
        }
    }

    /// Looks functions up once the server exists.
    private final class Registry: Sendable {
        let server = Mutex<FunctionServer?>(nil)

        func respond(to request: EventLoopHTTPServer.Request) -> EventLoopHTTPServer.Answer {
            let path = request.path
            let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
            guard let service = parts.first, let server = server.withLock({ $0 }),
                  let (defined, api) = server.function(service: String(service), path: "/" + (parts.count > 1 ? parts[1] : "")) else {
                return .now(.init(status: .notFound, headers: ["Content-Type": "text/plain"],
                                  body: ByteBuffer(string: "no function at \(path)\n")))
            }
            var parameters: [String: String] = [:]
            if let query = request.query {
                for (name, value) in FormEncoding.decode(String(query)) { parameters[name] = value }
            }
            for (name, value) in request.body.withUnsafeReadableBytes({ FormEncoding.decode($0.bindMemory(to: UInt8.self)) }) {
                parameters[name] = value
            }
            let function = defined.answer(for: parameters)
            let response = Self.response(function, parameters)
            // `{{functions}}` in a request names the service's own functions, as in the scenario.
            let calls = api == nil ? [] : function.restCalls(parameters.merging(["functions": server.baseURL(of: String(service))]) { request, _ in request })
            let delay = TimeAmount.milliseconds(Int64(function.delay * 1000))
            guard !calls.isEmpty else { return function.delay > 0 ? .after(delay, response) : .now(response) }
            return .later {
                if let api {
                    for call in calls {
                        let credentials = call.credentials ?? (api.user, api.password)
                        _ = await api.client.send(call, user: credentials.user, password: credentials.password, world: api.world)
                    }
                }
                if function.delay > 0 { try? await Task.sleep(for: .nanoseconds(delay.nanoseconds)) }
                return response
            }
        }

        private static func response(_ function: FunctionDefinition, _ parameters: [String: String]) -> EventLoopHTTPServer.Response {
            var headers = HTTPHeaders([("Content-Type", function.contentType)])
            for (name, value) in function.headers {
                // Names and values as HTTP allows them: a value cannot end the header early.
                if let field = HTTPField.Name(name) { headers.add(name: field.rawName, value: HTTPField(name: field, value: value).value) }
            }
            if let cookie = function.setCookie { headers.add(name: "Set-Cookie", value: HTTPField(name: .setCookie, value: cookie).value) }
            return .init(status: HTTPResponseStatus(statusCode: function.status), headers: headers,
                         body: ByteBuffer(string: function.render(parameters)))
        }
    }
}
