import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Platform
import TwiML

/// Sends one HTTP request over a pooled connection and reads at most `limit + 1` bytes of the
/// answer, turning every transport failure into the platform's error code.
enum HTTPExchange {
    /// A response as read: status, headers, and the body up to the limit.
    struct Response {
        let status: Int
        let reason: String
        let headers: [(String, String)]
        let body: [UInt8]
        let truncated: Bool

        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }

        var redirectLocation: String? {
            [301, 302, 303, 307, 308].contains(status) ? header("Location") : nil
        }
    }

    enum Result {
        case received(Response)
        case failed(TwilioErrorCode, String, ConnectionOverrides.RetryCondition?)
    }

    /// Sends `wire` over a pooled connection and reads the answer. A reused connection that
    /// turns out to be closed is replaced once by a fresh one: the request never reached an app.
    /// `domains`: the platform's own hosts, served on loopback.
    static func perform(_ wire: WireRequest, pool: HTTPConnectionPool, overrides: ConnectionOverrides, deadline: NIODeadline,
                        limit: Int, domains: (any PlatformDomains)? = nil) async -> Result {
        guard var address = Address(wire.signedURL) else {
            return .failed(.invalidURL, "the URL is not valid: \(wire.signedURL)", nil)
        }
        if let domains, PlatformDomainRoute.isPlatformDomain(address.endpoint.host) {
            switch domains.route(address.endpoint.host) {
            case .unknown:
                return .failed(.httpBadHostName, "the host name \(address.endpoint.host) could not be resolved: no Serverless environment has it", nil)
            case .loopback(let port):
                address.endpoint = HTTPConnectionPool.Endpoint(secure: false, host: "127.0.0.1", port: port)
            case .elsewhere:
                break
            }
        }
        let parts = requestParts(wire, address: address)
        let readTimeout = TimeAmount.milliseconds(Int64(overrides.readTimeout))
        var reuse = true
        while true {
            do {
                let left = deadline - NIODeadline.now()
                let connectTimeout = min(.milliseconds(Int64(overrides.connectTimeout)), left)
                guard connectTimeout > .zero else { throw HTTPResponseCollector.Failure.deadlineExceeded }
                let (connection, reused) = try await pool.connection(to: address.endpoint, connectTimeout: connectTimeout,
                                                                     reuse: reuse)
                do {
                    let collected = try await exchange(parts, on: connection, limit: limit, readTimeout: readTimeout,
                                                       deadline: deadline)
                    if collected.reusable {
                        pool.release(connection, to: address.endpoint)
                    } else {
                        connection.channel.close(promise: nil)
                    }
                    return .received(collected.response)
                } catch where reused && isStale(error) && !Task.isCancelled {
                    reuse = false
                    continue
                }
            } catch {
                return classify(error, deadline: deadline)
            }
        }
    }

    /// Writes the request on its connection's event loop and waits for the collector's answer;
    /// a cancelled task closes the connection, which ends the wait.
    private static func exchange(_ parts: [HTTPClientRequestPart], on connection: HTTPConnectionPool.Connection, limit: Int,
                                 readTimeout: TimeAmount, deadline: NIODeadline) async throws -> HTTPResponseCollector.Collected {
        let channel = connection.channel
        let promise = channel.eventLoop.makePromise(of: HTTPResponseCollector.Collected.self)
        let send: @Sendable () -> Void = {
            connection.collector.value.send(parts, limit: limit, readTimeout: readTimeout, deadline: deadline, promise: promise)
        }
        if channel.eventLoop.inEventLoop { send() } else { channel.eventLoop.execute(send) }
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            channel.close(promise: nil)
        }
    }

    /// A failure that means the idle connection had been closed by the app before this request.
    private static func isStale(_ error: any Error) -> Bool {
        switch error as? HTTPResponseCollector.Failure {
        case .closedBeforeResponse?, .reset(beforeResponse: true, _)?: return true
        default: break
        }
        return error is IOError || error as? ChannelError == .ioOnClosedChannel || error as? ChannelError == .alreadyClosed
    }

    /// The head (with `Host` and `Content-Length`, as every HTTP client adds them), the body
    /// and the end, written together.
    private static func requestParts(_ wire: WireRequest, address: Address) -> [HTTPClientRequestPart] {
        var headers = HTTPHeaders()
        headers.reserveCapacity(wire.headers.count + 2)
        headers.add(name: "Host", value: address.hostHeader)
        for (name, value) in wire.headers { headers.add(name: name, value: value) }
        let isPost = wire.method != TwiML.HTTPMethod.get
        if isPost { headers.add(name: "Content-Length", value: String(wire.body.count)) }
        let head = HTTPRequestHead(version: .http1_1, method: isPost ? .POST : .GET, uri: address.target, headers: headers)
        guard !wire.body.isEmpty else { return [.head(head), .end(nil)] }
        return [.head(head), .body(.byteBuffer(ByteBuffer(bytes: wire.body))), .end(nil)]
    }

    /// A request URL taken apart for the wire.
    struct Address {
        /// Where the connection goes (a platform domain's loopback server, for those).
        var endpoint: HTTPConnectionPool.Endpoint
        /// The path and query, exactly as signed.
        let target: String
        let hostHeader: String

        init?(_ url: String) {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else { return nil }
            let secure = scheme == "https"
            let defaultPort = secure ? 443 : 80
            let port = components.port ?? defaultPort
            endpoint = HTTPConnectionPool.Endpoint(secure: secure, host: host, port: port)
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            target = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
            let bracketed = host.contains(":") ? "[\(host)]" : host
            hostHeader = port == defaultPort ? bracketed : "\(bracketed):\(port)"
        }
    }

    /// The platform's code for a transport failure, and which retry condition it meets.
    static func classify(_ error: any Error, deadline: NIODeadline) -> Result {
        if let error = error as? HTTPResponseCollector.Failure {
            switch error {
            case .readTimeout:
                return .failed(.httpConnectionFailure, "no response bytes arrived within the read timeout", .readTimeout)
            case .deadlineExceeded:
                return .failed(.httpConnectionFailure, "the total time for the request ran out", nil)
            case .closedBeforeResponse, .closedMidResponse:
                return .failed(.httpProtocolViolation, "the server closed the connection before the response was complete", nil)
            case .reset(let beforeResponse, let detail):
                return .failed(.httpProtocolViolation, "the server reset the connection " +
                               (beforeResponse ? "before answering" : "in the middle of its answer") + " (\(detail))", nil)
            }
        }
        if error is HTTPParserError {
            return .failed(.httpProtocolViolation, "the response broke HTTP/1.1: \(String(reflecting: error))", nil)
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return .failed(.httpBadHostName, "the host name of \(error.host) could not be resolved", nil)
            }
            return .failed(.httpConnectionFailure, "could not connect to \(error.host):\(error.port): \(describe(error.connectionErrors.first?.error))",
                           .connectFailure)
        }
        if let closed = error as? HTTPConnectionPool.ClosedDuringSetup {
            return closed.secure
                ? .failed(.tlsHandshakeError, "the TLS handshake failed: the server closed the connection during it", .connectFailure)
                : .failed(.httpConnectionFailure, "the connection closed as it was being set up", .connectFailure)
        }
        if error is NIOSSLError || error is BoringSSLError {
            let text = String(describing: error)
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate") {
                return .failed(TwilioErrorCode(11237), "the server's certificate could not be verified: \(text)", nil)
            }
            return .failed(.tlsHandshakeError, "the TLS handshake failed: \(text)", .connectFailure)
        }
        if let error = error as? IOError {
            return .failed(.httpConnectionFailure, "could not connect: \(describe(error))", .connectFailure)
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .failed(.httpConnectionFailure, "the TCP connection was not established within the connect timeout", .connectFailure)
        }
        if error is SocketAddressError {
            return .failed(.httpBadHostName, "the host name could not be resolved: \(error)", nil)
        }
        if NIODeadline.now() >= deadline {
            return .failed(.httpConnectionFailure, "the total time for the request ran out", nil)
        }
        return .failed(.httpRetrievalFailure, "HTTP retrieval failed: \(error)", nil)
    }

    private static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "unknown error" }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return "connection refused" }
        return String(describing: error)
    }
}
