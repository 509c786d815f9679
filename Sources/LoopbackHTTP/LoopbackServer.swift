import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// An embedded Hummingbird server on 127.0.0.1 (a free port unless one is given), for the
/// REST API and the handsets' control (the built-in functions have `EventLoopHTTPServer`).
///
/// It stops gracefully: it stops accepting first, then lets the connections it accepted finish,
/// a second at most. Cancelling Hummingbird's task instead would drop a connection accepted in
/// the meantime unhandled, which NIO traps on (a run interrupted while scenarios connect
/// crashed so); and the task is never cancelled, nor waited for without bound: its service
/// group's merged event streams can deadlock while it shuts down (CI runs hung there, once
/// when cancelled, once waiting for it).
public final class LoopbackServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts serving `respond` on 127.0.0.1.
    public static func start(port: Int = 0, label: String,
                             respond: @escaping @Sendable (Request) async throws -> Response) async throws -> LoopbackServer {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in try await respond(request) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let logger = Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw CancellationError() }
        return LoopbackServer(port: bound, group: group, task: task)
    }

    /// Stops accepting and waits for the server, a second at most: a request still being
    /// answered then (a function's long `delay` whose caller is gone) finishes on its own.
    public func stop() async {
        await group.triggerGracefulShutdown()
        let task = task
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let first = FirstOf(stopped)
            Task { _ = await task.result; first.resume() }
            Task { try? await Task.sleep(for: .seconds(1)); first.resume() }
        }
    }
}
