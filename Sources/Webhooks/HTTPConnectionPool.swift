import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Keep-alive HTTP/1.1 connections to the apps a run calls, per scheme, host and port, on
/// NIO's shared event loops. Each connection carries one request at a time; a request's head
/// and body leave in one write. (AsyncHTTPClient, used before, flushes them separately and
/// measured at well under half this throughput on loopback.)
final class HTTPConnectionPool: Sendable {
    /// Where a connection goes.
    struct Endpoint: Hashable, Sendable {
        let secure: Bool
        let host: String
        let port: Int
    }

    /// A connection and the handler that reads its answers.
    struct Connection: Sendable {
        let channel: any Channel
        let collector: NIOLoopBound<HTTPResponseCollector>
    }

    private let idle = Mutex<[Endpoint: [Connection]]>([:])
    private let tlsContext = Mutex<NIOSSLContext?>(nil)
    /// Idle connections kept per endpoint; more are closed when their request is done.
    private let maximumIdle: Int

    init(maximumIdle: Int) {
        self.maximumIdle = maximumIdle
    }

    /// An idle connection to `endpoint` when `reuse` allows, or a new one; `reused` tells which.
    func connection(to endpoint: Endpoint, connectTimeout: TimeAmount, reuse: Bool = true) async throws
        -> (connection: Connection, reused: Bool) {
        while reuse, let connection = idle.withLock({ $0[endpoint]?.popLast() }) {
            if connection.channel.isActive { return (connection, true) }
        }
        return (try await connect(to: endpoint, timeout: connectTimeout), false)
    }

    /// Returns a connection whose last answer was read completely.
    func release(_ connection: Connection, to endpoint: Endpoint) {
        let kept = idle.withLock { idle in
            guard idle[endpoint, default: []].count < maximumIdle else { return false }
            idle[endpoint, default: []].append(connection)
            return true
        }
        if !kept { connection.channel.close(promise: nil) }
    }

    /// Closes every idle connection.
    func shutdown() async {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle.values.flatMap { $0 }
        }
        for connection in connections { try? await connection.channel.close() }
    }

    private func connect(to endpoint: Endpoint, timeout: TimeAmount) async throws -> Connection {
        let tls = try endpoint.secure ? self.tls() : nil
        let serverName = Self.isAddressLiteral(endpoint.host) ? nil : endpoint.host
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if let tls { try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(HTTPResponseCollector())
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .flatMapThrowing { channel in
                // On the loop that completed the connect; a TLS handshake the server broke off may
                // already have torn the pipeline down.
                guard let collector = try? channel.pipeline.syncOperations.handler(type: HTTPResponseCollector.self) else {
                    throw ClosedDuringSetup(secure: endpoint.secure)
                }
                return Connection(channel: channel, collector: NIOLoopBound(collector, eventLoop: channel.eventLoop))
            }
            .get()
    }

    /// The connection closed before it could carry a request: with TLS, the handshake failed.
    struct ClosedDuringSetup: Error {
        let secure: Bool
    }

    /// One TLS context for the run, verifying certificates as the platform does.
    private func tls() throws -> NIOSSLContext {
        try tlsContext.withLock { context in
            if let context { return context }
            let created = try NIOSSLContext(configuration: .makeClientConfiguration())
            context = created
            return created
        }
    }

    private static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }
}
