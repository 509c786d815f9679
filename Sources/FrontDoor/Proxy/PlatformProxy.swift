import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The loopback HTTPS proxy the app under test is pointed at (`HTTPS_PROXY`): a `CONNECT` to
/// one of the platform's hosts (`*.twilio.com`, `*.twil.io`) is answered with a certificate
/// of the run's authority for that host, and the requests inside the tunnel go to the REST
/// emulator's tunnel port; every other host is refused with 403 and a body that says why,
/// and reported to `refused`. Nothing leaves the machine.
public final class PlatformProxy: Sendable {
    /// A request the proxy refused: where it was going.
    public struct Refusal: Sendable, Equatable {
        public let method: String
        public let target: String
    }

    public let port: Int
    private let channel: any Channel

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// The proxy's URL, as the proxy variables give it.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts the proxy on 127.0.0.1 (`port` 0: a free one).
    public static func start(port: Int = 0, authority: CertificateAuthority, tunnelPort: Int,
                             refused: @escaping @Sendable (Refusal) -> Void) async throws -> PlatformProxy {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let decoder = ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes))
                    let encoder = HTTPResponseEncoder()
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(decoder)
                    try sync.addHandler(encoder)
                    try sync.addHandler(ConnectHandler(authority: authority, tunnelPort: tunnelPort, refused: refused,
                                                       decoder: decoder, encoder: encoder))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        return PlatformProxy(port: channel.localAddress?.port ?? 0, channel: channel)
    }

    /// Stops accepting; open tunnels end with their clients.
    public func stop() async {
        try? await channel.close()
    }

    /// Whether the proxy serves this host (a port is ignored).
    public static func serves(_ host: String) -> Bool {
        let name = host.lowercased()
        return name.hasSuffix(".twilio.com") || name.hasSuffix(".twil.io")
    }
}

/// Reads the first request on a proxy connection: a `CONNECT` to a platform host becomes a TLS
/// tunnel to the emulator; anything else gets 403.
private final class ConnectHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let authority: CertificateAuthority
    private let tunnelPort: Int
    private let refused: @Sendable (PlatformProxy.Refusal) -> Void
    private let decoder: ByteToMessageHandler<HTTPRequestDecoder>
    private let encoder: HTTPResponseEncoder
    private var head: HTTPRequestHead?

    init(authority: CertificateAuthority, tunnelPort: Int, refused: @escaping @Sendable (PlatformProxy.Refusal) -> Void,
         decoder: ByteToMessageHandler<HTTPRequestDecoder>, encoder: HTTPResponseEncoder) {
        self.authority = authority
        self.tunnelPort = tunnelPort
        self.refused = refused
        self.decoder = decoder
        self.encoder = encoder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            handle(head, context: context)
        }
    }

    private func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let target = head.method == .CONNECT ? head.uri : (head.headers.first(name: "Host") ?? head.uri)
        let host = String(target.split(separator: ":").first ?? "")
        guard head.method == .CONNECT, PlatformProxy.serves(host) else {
            let reason = head.method == .CONNECT
                ? "Switchboard's proxy refused CONNECT \(target): only the platform's hosts (*.twilio.com, *.twil.io) are served, and nothing leaves the machine during a test run."
                : "Switchboard's proxy serves the platform's hosts over HTTPS only (CONNECT); \(head.method.rawValue) \(head.uri) was refused."
            refused(PlatformProxy.Refusal(method: head.method.rawValue, target: head.method == .CONNECT ? target : head.uri))
            respond(.forbidden, reason, context: context)
            return
        }
        let sslContext: NIOSSLContext
        do {
            sslContext = try authority.serverContext(for: host)
        } catch {
            respond(.internalServerError, "Switchboard could not make a certificate for \(host): \(error)", context: context)
            return
        }
        let (inner, outer) = GlueHandler.matchedPair()
        ClientBootstrap(group: context.eventLoop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(outer) }
            }
            .connect(host: "127.0.0.1", port: tunnelPort)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success:
                    self.openTunnel(context: context, ssl: sslContext, glue: inner)
                case .failure(let error):
                    self.respond(.badGateway, "Switchboard's REST emulator did not answer: \(error)", context: context)
                }
            }
    }

    /// Answers 200, then hands the connection's bytes to TLS and, decrypted, to the emulator.
    private func openTunnel(context: ChannelHandlerContext, ssl: NIOSSLContext, glue: GlueHandler) {
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .custom(code: 200, reasonPhrase: "Connection Established")))),
                      promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        do {
            let sync = context.pipeline.syncOperations
            try sync.addHandler(NIOSSLServerHandler(context: ssl), position: .after(self))
            try sync.addHandler(glue, position: .last)
            sync.removeHandler(context: context, promise: nil)
            sync.removeHandler(encoder, promise: nil)
            sync.removeHandler(decoder, promise: nil)  // bytes the client sent already go on to TLS
        } catch {
            context.close(promise: nil)
        }
    }

    private func respond(_ status: HTTPResponseStatus, _ text: String, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(text.utf8.count + 1))
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: text + "\n")))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
