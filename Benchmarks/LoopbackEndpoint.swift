import Hummingbird
import Logging
import NIOCore

/// A trivial webhook endpoint on 127.0.0.1 (Hummingbird): answers every request with an empty
/// TwiML response. Runs until the returned task is cancelled.
enum LoopbackEndpoint {
    static func start() async throws -> (port: Int, task: Task<Void, any Error>) {
        let router = Router()
        let answer = { @Sendable (_: Request, _: BasicRequestContext) -> Response in
            Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: "<Response/>")))
        }
        router.post("hook", use: answer)
        router.get("hook", use: answer)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "bench-endpoint", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return (port, task)
    }
}
