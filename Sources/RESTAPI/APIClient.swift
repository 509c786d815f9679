import AsyncHTTPClient
import Foundation
import NIOCore
import Traffic

/// Sends `RESTCall`s to the embedded REST server over real HTTP, with the host as the path's
/// first segment, the credentials as Basic auth, and the world named (`Switchboard-World`).
public final class APIClient: Sendable {
    private let client: HTTPClient
    private let port: Int

    public init(port: Int) {
        self.port = port
        client = HTTPClient(eventLoopGroupProvider: .singleton)
    }

    /// The answer's status and body; status 0 and the error's text when it could not be sent.
    public func send(_ call: RESTCall, user: String, password: String, world: Int) async -> (status: Int, body: String) {
        guard let target = call.target else { return (0, "'\(call.url)' is not a URL of the platform's API") }
        let encoded = FormEncoding.encode(call.parameters)
        let isPost = call.method == "POST"
        var url = "http://127.0.0.1:\(port)/\(target.host)\(target.path)"
        if !isPost, !encoded.isEmpty { url += (url.contains("?") ? "&" : "?") + encoded }
        var request = HTTPClientRequest(url: url)
        request.method = .RAW(value: call.method)
        request.headers.add(name: "Authorization", value: Credentials(user: user, password: password).authorization)
        request.headers.add(name: WorldDirectory.worldHeader, value: String(world))
        request.headers.add(name: "Accept", value: "application/json")
        for header in call.headers { request.headers.add(name: header.name, value: header.value) }
        if let body = call.body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        } else if isPost, !call.files.isEmpty {
            let boundary = "switchboard-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
            request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
            request.body = .bytes(MultipartForm.encode(fields: call.parameters, files: call.files, boundary: boundary))
        } else if isPost {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: encoded))
        }
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), String(buffer: body))
        } catch {
            return (0, "\(error)")
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }
}
