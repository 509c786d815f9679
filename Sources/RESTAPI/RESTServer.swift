import HTTPTypes
import Hummingbird
import LoopbackHTTP
import NIOCore
import Traffic

/// The embedded REST API server (a `LoopbackServer`, on a free port unless one is given): it
/// turns HTTP requests into `APIRequest`s for the router, routing by `Host` or by the host as
/// the path's first segment, and answers the platform's JSON with its CORS headers.
///
/// A second port, `tunnelPort`, takes the requests the HTTPS proxy has decrypted: they are
/// answered as reached over https, so that the absolute URLs in answers (a next page) lead
/// back through the proxy, as the platform's own would. Requests to the Serverless domains
/// (`*.twil.io`, by `Host` or first segment) go to the `ServerlessGateway`, on either port.
public final class RESTServer: Sendable {
    public var port: Int { server.port }
    /// The port of requests that came over TLS through the proxy.
    public var tunnelPort: Int { tunnel.port }
    public let directory: WorldDirectory
    private let server: LoopbackServer
    private let tunnel: LoopbackServer

    private init(server: LoopbackServer, tunnel: LoopbackServer, directory: WorldDirectory) {
        self.server = server
        self.tunnel = tunnel
        self.directory = directory
    }

    /// Starts the server on 127.0.0.1 (`port` 0: a free one), and its tunnel port on a free one.
    public static func start(port: Int = 0, directory: WorldDirectory = WorldDirectory()) async throws -> RESTServer {
        let router = APIRouter(directory: directory)
        let server = try await LoopbackServer.start(port: port, label: "switchboard-rest") { request in
            try await Self.respond(to: request, router: router, scheme: nil)
        }
        let tunnel = try await LoopbackServer.start(label: "switchboard-rest-tunnel") { request in
            try await Self.respond(to: request, router: router, scheme: "https")
        }
        // Webhooks to the Serverless domains go to the tunnel port, which answers as https.
        directory.serveDomains(on: tunnel.port)
        return RESTServer(server: server, tunnel: tunnel, directory: directory)
    }

    /// Stops accepting and lets the requests in flight finish (`LoopbackServer.stop`).
    public func stop() async {
        await tunnel.stop()
        await server.stop()
        UploadedCode.removeAll()
    }

    /// The most a request body may be: a 25 MB asset upload and its form.
    static let largestBody = 26 << 20

    /// Answers a request; `scheme` is the one it came over, or nil to read `X-Forwarded-Proto`.
    private static func respond(to request: Request, router: APIRouter, scheme: String?) async throws -> Response {
        let host = request.head.authority
        if let (domain, path) = ServerlessGateway.address(host: host, path: request.uri.path) {
            let body = try await request.body.collect(upTo: largestBody)
            return await ServerlessGateway.respond(to: request, domain: domain, path: path, body: body, directory: router.directory)
        }
        let scheme = scheme ?? request.headers[HTTPField.Name("X-Forwarded-Proto")!] ?? "http"
        guard let target = PlatformHost.target(host: host, path: request.uri.path, scheme: scheme) else {
            return answer(APIResponse(APIError.notFound(request.uri.path)))
        }
        var body = try await request.body.collect(upTo: largestBody)
        var form = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
            ? body.withUnsafeReadableBytes { FormEncoding.decode($0.bindMemory(to: UInt8.self)) } : []
        var files: [String: UploadedFile] = [:]
        if let boundary = MultipartForm.boundary(of: request.headers[.contentType]) {
            guard let parts = MultipartForm.decode(body, boundary: boundary) else {
                return answer(APIResponse(APIError.invalid(20001, "the multipart/form-data body is not well formed")))
            }
            (form, files) = parts
        }
        body.clear()
        var api = APIRequest(method: request.method.rawValue, product: target.product, host: target.host, baseURL: target.baseURL,
                             path: target.path, query: request.uri.query.map { FormEncoding.decode($0) } ?? [], form: form,
                             headers: request.headers)
        api.files = files
        return answer(await router.respond(to: api))
    }

    private static func answer(_ response: APIResponse) -> Response {
        var headers = HTTPFields()
        headers[.accessControlAllowOrigin] = "*"
        headers[.accessControlAllowMethods] = "GET, POST, DELETE, OPTIONS"
        headers[.accessControlAllowHeaders] = "Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since"
        headers[.accessControlExposeHeaders] = "ETag"
        guard !response.body.isEmpty else { return Response(status: .init(code: response.status), headers: headers) }
        headers[.contentType] = "application/json"
        return Response(status: .init(code: response.status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: response.body)))
    }
}
