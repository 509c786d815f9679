import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 whose every answer is a script of raw actions, so tests
/// can be exactly as broken as they need: never answer, stop mid-body, drip chunks forever,
/// redirect in a loop. It records every request it received.
public final class ScriptedServer: Sendable {
    /// A request as received.
    public struct Request: Sendable {
        public let method: String
        /// The request target: path and query string.
        public let target: String
        public let headers: [(String, String)]
        public let body: [UInt8]
        /// Which connection brought it: 1 for the server's first connection, and so on.
        public let connection: Int

        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        public var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    /// One step of an answer.
    public enum Action: Sendable {
        case write([UInt8])
        case sleep(milliseconds: Int64)
        /// Writes the bytes again and again every interval until the client goes away.
        case repeatForever([UInt8], everyMilliseconds: Int64)
        case close
        /// Resets the connection (a close with `SO_LINGER` 0 sends a TCP RST).
        case reset
        /// Never answers and keeps the connection open.
        case hang
    }

    public typealias Handler = @Sendable (Request) -> [Action]

    public let port: Int
    private let channel: any Channel
    private let received = Mutex<[Request]>([])

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    public var requests: [Request] { received.withLock { $0 } }

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    /// Starts a server on a free port.
    public static func start(_ handler: @escaping Handler) async throws -> ScriptedServer {
        let recorder = Recorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ConnectionHandler(handler: handler, recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = ScriptedServer(channel: channel)
        recorder.server.withLock { $0 = server }
        return server
    }

    public func stop() async {
        try? await channel.close()
    }

    fileprivate func record(_ request: Request) {
        received.withLock { $0.append(request) }
    }

    /// Hands requests to the server object once it exists.
    fileprivate final class Recorder: Sendable {
        let server = Mutex<ScriptedServer?>(nil)
        private let connections = Mutex(0)
        func record(_ request: Request) { server.withLock { $0 }?.record(request) }
        func nextConnection() -> Int { connections.withLock { $0 += 1; return $0 } }
    }

    // MARK: - Responses

    /// A complete response with `Content-Length`.
    public static func response(status: Int = 200, reason: String = "OK", headers: [(String, String)] = [],
                                body: String = "") -> [Action] {
        response(status: status, reason: reason, headers: headers, body: Array(body.utf8))
    }

    public static func response(status: Int = 200, reason: String = "OK", headers: [(String, String)] = [],
                                body: [UInt8]) -> [Action] {
        var head = "HTTP/1.1 \(status) \(reason)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n\r\n"
        return [.write(Array(head.utf8) + body)]
    }

    /// A TwiML response.
    public static func twiml(_ body: String, contentType: String = "text/xml") -> [Action] {
        response(headers: [("Content-Type", contentType)], body: body)
    }
}

/// Parses requests off one connection and plays the script for each.
private final class ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let handler: ScriptedServer.Handler
    let recorder: ScriptedServer.Recorder
    let connection: Int
    var buffer: [UInt8] = []
    var busy = false
    var closed = false

    init(handler: @escaping ScriptedServer.Handler, recorder: ScriptedServer.Recorder) {
        self.handler = handler
        self.recorder = recorder
        connection = recorder.nextConnection()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        buffer += unwrapInboundIn(data).readableBytesView
        if buffer.first == 0x16 {  // a TLS ClientHello: answered as plain HTTP servers answer it
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")),
                                  promise: nil)
            context.close(promise: nil)
            return
        }
        processNext(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
    }

    private func processNext(context: ChannelHandlerContext) {
        guard !busy, let request = parse() else { return }
        recorder.record(request)
        busy = true
        play(handler(request)[...], context: context)
    }

    private func play(_ actions: ArraySlice<ScriptedServer.Action>, context: ChannelHandlerContext) {
        guard !closed else { return }
        guard let action = actions.first else {
            busy = false
            processNext(context: context)
            return
        }
        let rest = actions.dropFirst()
        let loop = context.eventLoop.assumeIsolated()
        switch action {
        case .write(let bytes):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
            play(rest, context: context)
        case .sleep(let milliseconds):
            loop.scheduleTask(in: .milliseconds(milliseconds)) { self.play(rest, context: context) }
        case .repeatForever(let bytes, let interval):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: bytes)), promise: nil)
            loop.scheduleTask(in: .milliseconds(interval)) { self.play(actions, context: context) }
        case .close:
            context.close(promise: nil)
        case .reset:
            let channel = context.channel
            guard let socket = channel as? any SocketOptionProvider else {
                channel.close(promise: nil)
                return
            }
            socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
        case .hang:
            break
        }
    }

    /// Takes one complete request (headers and `Content-Length` body) off the buffer.
    private func parse() -> ScriptedServer.Request? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = buffer.firstRange(of: separator) else { return nil }
        let head = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        guard buffer.count >= end.upperBound + length else { return nil }
        let body = Array(buffer[end.upperBound..<(end.upperBound + length)])
        buffer.removeFirst(end.upperBound + length)
        return ScriptedServer.Request(method: requestLine.first.map(String.init) ?? "",
                                      target: requestLine.count > 1 ? String(requestLine[1]) : "/",
                                      headers: headers, body: body, connection: connection)
    }
}
