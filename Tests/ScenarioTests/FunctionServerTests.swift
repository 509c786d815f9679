import Foundation
import Glibc
import Stubs
import Testing

/// The built-in functions' server, spoken to over a raw socket: what it answers, in order, on
/// one connection; what it refuses; and that `stop` closes idle connections. The
/// socket calls block, so they run on threads of their own, never on the tasks' pool (which the
/// server's waiting answers and `stop` need).
@Suite struct FunctionServerTests {
    private func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            Thread { done.resume(with: Result { try work() }) }.start()
        }
    }

    /// Writes `bytes` on a new connection to `port` and reads until the server closes it; what
    /// was read. Throws if the server leaves it open for 5 s.
    private func exchange(_ bytes: String, port: Int) async throws -> String {
        try await onThread { try exchangeBlocking(bytes, port: port) }
    }

    private func exchangeBlocking(_ bytes: String, port: Int) throws -> String {
        let socket = try connect(port: port)
        defer { close(socket) }
        _ = Array(bytes.utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw POSIXError(.ETIMEDOUT) }
            if count == 0 { break }
            received += chunk[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        return socket
    }

    private func post(_ path: String, _ body: String, close: Bool = false) -> String {
        "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: \(body.utf8.count)\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n" + body
    }

    private func server() async throws -> FunctionServer {
        let server = try await FunctionServer.start()
        var reply = FunctionDefinition()
        reply.body = "<Response><Message>Hi {{Body}}</Message></Response>"
        reply.headers = [("X-Answer", "one\r\nX-Injected: two")]
        reply.setCookie = "visits=1"
        var teapot = FunctionDefinition()
        teapot.status = 418
        teapot.contentType = "text/plain"
        teapot.body = "{{Name}}"
        var slow = FunctionDefinition()
        slow.delay = 0.2
        slow.body = "<Response/>"
        server.register(service: "app", functions: ["/sms": reply, "/teapot": teapot, "/slow": slow])
        return server
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        let server = try await server()
        defer { Task { await server.stop() } }
        // The slow function answers after its delay, from a loop timer: still before the next one.
        let text = try await exchange(post("/app/slow", "") + post("/app/sms", "Body=a%26b") + post("/app/teapot?Name=q", "", close: true),
                                port: server.port)
        let statuses = text.matches(of: /HTTP\/1\.1 \d{3} [^\r]*/).map { String($0.output) }
        #expect(statuses == ["HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 418 I'm a teapot"])
        let slow = try #require(text.range(of: "<Response/>")), sms = try #require(text.range(of: "Hi a&amp;b"))
        #expect(slow.lowerBound < sms.lowerBound)
        #expect(text.contains("\r\nSet-Cookie: visits=1\r\n"))
        // A header value cannot smuggle a header of its own.
        #expect(!text.contains("\r\nX-Injected"))
        #expect(text.hasSuffix("\r\n\r\nq"))
        #expect(text.contains("Connection: close"))
    }

    @Test func unknownPathsAndOversizedBodiesAreRefused() async throws {
        let server = try await server()
        defer { Task { await server.stop() } }
        let missing = try await exchange(post("/app/nothing", "", close: true), port: server.port)
        #expect(missing.hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(missing.hasSuffix("no function at /app/nothing\n"))
        let large = try await exchange(post("/app/sms", String(repeating: "x", count: (1 << 20) + 1), close: true), port: server.port)
        #expect(large.hasPrefix("HTTP/1.1 413 Payload Too Large"))
        // Answered 400 and closed (not left open until the client gives up).
        let broken = try await exchange("NOT HTTP\r\n\r\n", port: server.port)
        #expect(broken.hasPrefix("HTTP/1.1 400 Bad Request"))
    }

    @Test func stopClosesIdleConnections() async throws {
        let server = try await server()
        let socket = try connect(port: server.port)
        defer { close(socket) }
        let answered = try await onThread {
            _ = Array(post("/app/sms", "Body=x").utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            var chunk = [UInt8](repeating: 0, count: 4096)
            return chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        }
        #expect(answered > 0)
        await server.stop()
        // The kept-alive connection was closed by the server: end of stream, not a timeout.
        let after = try await onThread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            return chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        }
        #expect(after == 0)
        #expect(throws: (any Error).self) { try connect(port: server.port) }
    }
}
