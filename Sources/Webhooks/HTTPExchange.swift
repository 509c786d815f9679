import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOHTTP1
import NIOPosix
import NIOSSL
import Platform
import TwiML

/// Sends one HTTP request with AsyncHTTPClient and reads at most `limit` bytes of the answer,
/// turning every transport failure into the platform's error code.
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

    static func perform(_ wire: WireRequest, client: HTTPClient, deadline: NIODeadline, limit: Int) async -> Result {
        var request = HTTPClientRequest(url: wire.signedURL)
        request.method = wire.method == TwiML.HTTPMethod.get ? .GET : .POST
        for (name, value) in wire.headers { request.headers.add(name: name, value: value) }
        if !wire.body.isEmpty { request.body = .bytes(ByteBuffer(bytes: wire.body)) }
        do {
            let response = try await client.execute(request, deadline: deadline)
            var body: [UInt8] = []
            var truncated = false
            for try await chunk in response.body {
                // AsyncHTTPClient's deadline does not cover the body: a server dripping
                // bytes faster than the read timeout would otherwise hold on forever.
                if NIODeadline.now() >= deadline {
                    return .failed(.httpConnectionFailure, "the total time ran out while the response body was still arriving", nil)
                }
                let room = limit + 1 - body.count
                if chunk.readableBytes >= room {
                    body += chunk.readableBytesView.prefix(room)
                    truncated = true
                    break
                }
                body += chunk.readableBytesView
            }
            let headers = response.headers.map { ($0.name, $0.value) }
            return .received(Response(status: Int(response.status.code), reason: response.status.reasonPhrase,
                                      headers: headers, body: body, truncated: truncated))
        } catch {
            return classify(error, deadline: deadline)
        }
    }

    /// The platform's code for a transport failure, and which retry condition it meets.
    static func classify(_ error: any Error, deadline: NIODeadline) -> Result {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout:
                return .failed(.httpConnectionFailure, "the TCP connection was not established within the connect timeout", .connectFailure)
            case .readTimeout:
                return .failed(.httpConnectionFailure, "no response bytes arrived within the read timeout", .readTimeout)
            case .deadlineExceeded:
                return .failed(.httpConnectionFailure, "the total time for the request ran out", nil)
            case .remoteConnectionClosed, .bodyLengthMismatch:
                return .failed(.httpProtocolViolation, "the server closed the connection before the response was complete", nil)
            case .tlsHandshakeTimeout:
                return .failed(.tlsHandshakeError, "the TLS handshake timed out", .connectFailure)
            case .invalidURL, .emptyHost, .emptyScheme:
                return .failed(.invalidURL, "the URL is not valid: \(error)", nil)
            default:
                return .failed(.httpRetrievalFailure, "HTTP error: \(error)", nil)
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
