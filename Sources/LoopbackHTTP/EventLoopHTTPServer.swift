import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A lean HTTP/1.1 server on 127.0.0.1 that answers on the connection's own event loop: a
/// request whose answer is known at once is answered there and then, without a task, a hop or
/// an async body stream; only an answer that must await work (`Answer.later`) runs in a task.
/// The built-in functions are answered so: they sit on the hot path of every scenario that
/// uses them, and behind Hummingbird's per-request async path (`LoopbackServer`) they took more
/// CPU than the signed webhook client on the other end (30% of a run of one-message scenarios,
/// against 25%).
///
/// Bodies are collected up to `bodyLimit` (a larger one gets 413); keep-alive, pipelining and
/// malformed requests (400) are NIO's. `stop` stops accepting, closes idle connections and lets
/// a request being answered finish, a second at most.
public final class EventLoopHTTPServer: Sendable {
    /// A request's target and whole body (what the built-in functions read; any method).
    public struct Request: Sendable {
        /// The request target as sent (path and query, not decoded).
        public let uri: String
        public let body: ByteBuffer

        /// The path, without the query.
        public var path: Substring { uri.prefix { $0 != "?" } }
        /// The query string after `?`, if any.
        public var query: Substring? { uri.firstIndex(of: "?").map { uri[uri.index(after: $0)...] } }
    }

    /// A whole response; `Content-Length` is set by the server.
    public struct Response: Sendable {
        public var status: HTTPResponseStatus
        public var headers: HTTPHeaders
        public var body: ByteBuffer

        public init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: ByteBuffer = ByteBuffer()) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    /// How a request is answered: now, or after a wait, on the event loop (no task, so a
    /// busy task pool cannot delay it); or by a task, for an answer that must await work.
    public enum Answer: Sendable {
        case now(Response)
        case after(TimeAmount, Response)
        case later(@Sendable () async -> Response)
    }

    public let port: Int
    private let channel: any Channel
    private let connections: Connections

    private init(port: Int, channel: any Channel, connections: Connections) {
        self.port = port
        self.channel = channel
        self.connections = connections
    }

    /// Starts serving `respond` on 127.0.0.1 (`port` 0: a free one).
    public static func start(port: Int = 0, bodyLimit: Int = 1 << 20,
                             respond: @escaping @Sendable (Request) -> Answer) async throws -> EventLoopHTTPServer {
        let connections = Connections()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try sync.addHandler(AnsweringHandler(respond: respond, bodyLimit: bodyLimit))
                    connections.add(channel)
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        return EventLoopHTTPServer(port: channel.localAddress?.port ?? 0, channel: channel, connections: connections)
    }

    /// Stops accepting, closes idle connections, and waits a second at most for the requests
    /// being answered (a function's long `delay` whose caller is gone finishes on its own).
    public func stop() async {
        try? await channel.close()
        let open = connections.all()
        for connection in open {
            connection.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        let closed = EventLoopFuture.andAllComplete(open.map(\.closeFuture), on: channel.eventLoop)
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let first = FirstOf(stopped)
            closed.whenComplete { _ in first.resume() }
            Task { try? await Task.sleep(for: .seconds(1)); first.resume() }
        }
    }

    /// The open connections, so `stop` can close them.
    private final class Connections: Sendable {
        private let open = Mutex<[ObjectIdentifier: any Channel]>([:])

        func add(_ channel: any Channel) {
            let key = ObjectIdentifier(channel)
            open.withLock { $0[key] = channel }
            channel.closeFuture.whenComplete { [self] _ in _ = open.withLock { $0.removeValue(forKey: key) } }
        }

        func all() -> [any Channel] {
            open.withLock { Array($0.values) }
        }
    }
}

/// Collects each request and writes its answer, in order (`HTTPServerPipelineHandler` holds a
/// pipelined request back until the answer before it is written).
private final class AnsweringHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let respond: @Sendable (EventLoopHTTPServer.Request) -> EventLoopHTTPServer.Answer
    private let bodyLimit: Int
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(respond: @escaping @Sendable (EventLoopHTTPServer.Request) -> EventLoopHTTPServer.Answer, bodyLimit: Int) {
        self.respond = respond
        self.bodyLimit = bodyLimit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
            tooLarge = false
        case .body(var part):
            guard !tooLarge else { return }
            if body.readableBytes + part.readableBytes > bodyLimit {
                tooLarge = true
                body = ByteBuffer()
            } else {
                body.writeBuffer(&part)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            guard !tooLarge else {
                let text = "request body over \(bodyLimit) bytes\n"
                return write(.init(status: .payloadTooLarge, headers: ["Content-Type": "text/plain"], body: ByteBuffer(string: text)),
                             to: head, context: context)
            }
            let request = EventLoopHTTPServer.Request(uri: head.uri, body: body)
            body = ByteBuffer()
            switch respond(request) {
            case .now(let response):
                write(response, to: head, context: context)
            case .after(let wait, let response):
                context.eventLoop.assumeIsolated().scheduleTask(in: wait) { [self] in write(response, to: head, context: context) }
            case .later(let answer):
                let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                let loop = context.eventLoop
                Task {
                    let response = await answer()
                    loop.execute {
                        let (handler, context) = bound.value
                        handler.write(response, to: head, context: context)
                    }
                }
            }
        }
    }

    /// A malformed request (answered 400 by NIO's error handler before this) or a broken
    /// connection: the connection is closed.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func write(_ response: EventLoopHTTPServer.Response, to request: HTTPRequestHead, context: ChannelHandlerContext) {
        var headers = response.headers
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.readableBytes))
        let keepAlive = request.isKeepAlive
        if !keepAlive {
            headers.replaceOrAdd(name: "Connection", value: "close")
        } else if request.version.minor == 0 {
            headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: response.status, headers: headers))), promise: nil)
        if response.body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            written.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }
}
