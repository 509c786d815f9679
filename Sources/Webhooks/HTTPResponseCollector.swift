import NIOCore
import NIOHTTP1

/// The last handler of a webhook connection: reads the answer to the one request in flight,
/// keeping at most `limit + 1` body bytes, and fails it when no byte arrives within the read
/// timeout, when the total deadline passes, or when the connection closes first. Runs on the
/// connection's event loop only.
final class HTTPResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// A response as read, and whether its connection can carry the next request.
    struct Collected {
        let response: HTTPExchange.Response
        let reusable: Bool
    }

    /// How the transport failed where NIO itself raises no error.
    enum Failure: Error {
        case readTimeout
        case deadlineExceeded
        /// The connection closed before a byte of the response arrived (a stale keep-alive
        /// connection looks like this, and is tried once more on a fresh one).
        case closedBeforeResponse
        case closedMidResponse
        /// The server reset the connection once it was made (`ECONNRESET`, a broken pipe):
        /// before any byte of the answer, or after part of it.
        case reset(beforeResponse: Bool, detail: String)
    }

    private struct Pending {
        let promise: EventLoopPromise<Collected>
        let limit: Int
        let readTimeout: TimeAmount
        let deadline: NIODeadline
        /// When the last bytes arrived (or the request was sent).
        var lastRead: NIODeadline
        /// One timer for both limits, armed for the nearer; reads only move `lastRead`, so a
        /// response costs one timer however many parts it comes in.
        var watchdog: Scheduled<Void>?
        var head: HTTPResponseHead?
        var body: [UInt8] = []
    }

    private var pending: Pending?
    private var context: ChannelHandlerContext?
    /// What broke the connection while no request was in flight (a failed TLS handshake):
    /// the next request fails with it.
    private var idleError: (any Error)?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Sends `parts` and completes `promise` with the answer. Call on the event loop, with no
    /// other request in flight on this connection.
    func send(_ parts: [HTTPClientRequestPart], limit: Int, readTimeout: TimeAmount, deadline: NIODeadline,
              promise: EventLoopPromise<Collected>) {
        guard let context, context.channel.isActive else {
            promise.fail(idleError ?? Failure.closedBeforeResponse)
            return
        }
        pending = Pending(promise: promise, limit: limit, readTimeout: readTimeout, deadline: deadline, lastRead: .now())
        armWatchdog()
        let written = context.eventLoop.makePromise(of: Void.self)
        for part in parts.dropLast() { context.write(wrapOutboundOut(part), promise: nil) }
        if let last = parts.last { context.writeAndFlush(wrapOutboundOut(last), promise: written) }
        written.futureResult.assumeIsolated().whenFailure { [self] error in
            fail((error as? IOError).map { Failure.reset(beforeResponse: true, detail: $0.description) } ?? error, closing: true)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard pending != nil else {
            context.close(promise: nil)  // an answer nobody asked for: the connection is not trusted again
            return
        }
        pending?.lastRead = .now()
        switch unwrapInboundIn(data) {
        case .head(let head):
            pending?.head = head
        case .body(let buffer):
            guard let limit = pending?.limit, let count = pending?.body.count else { return }
            let room = limit + 1 - count
            if buffer.readableBytes >= room {
                pending?.body += buffer.readableBytesView.prefix(room)
                finish(truncated: true)
            } else {
                pending?.body += buffer.readableBytesView
            }
        case .end:
            finish(truncated: false)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(pending?.head == nil ? Failure.closedBeforeResponse : Failure.closedMidResponse, closing: false)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if pending == nil { idleError = error }
        if let pending, let error = error as? IOError {
            fail(Failure.reset(beforeResponse: pending.head == nil, detail: error.description), closing: true)
        } else {
            fail(error, closing: true)
        }
        context.close(promise: nil)
    }

    /// Arms the watchdog for the nearer of the deadline and the read timeout; when it fires,
    /// fails the request with whichever passed, or arms again if bytes came meanwhile.
    private func armWatchdog() {
        guard let context, let pending else { return }
        let due = min(pending.deadline, pending.lastRead + pending.readTimeout)
        self.pending?.watchdog = context.eventLoop.assumeIsolated().scheduleTask(deadline: due) { [self] in
            guard let pending = self.pending else { return }
            let now = NIODeadline.now()
            if now >= pending.deadline {
                fail(Failure.deadlineExceeded, closing: true)
            } else if now >= pending.lastRead + pending.readTimeout {
                fail(Failure.readTimeout, closing: true)
            } else {
                armWatchdog()
            }
        }
    }

    /// Completes the request in flight with what was read; a cut body closes the connection.
    private func finish(truncated: Bool) {
        guard let head = pending?.head, let done = takePending() else { return }
        let response = HTTPExchange.Response(status: Int(head.status.code), reason: head.status.reasonPhrase,
                                             headers: head.headers.map { ($0.name, $0.value) }, body: done.body,
                                             truncated: truncated)
        if truncated { context?.close(promise: nil) }
        done.promise.succeed(Collected(response: response, reusable: !truncated && head.isKeepAlive))
    }

    private func fail(_ error: any Error, closing: Bool) {
        guard let done = takePending() else { return }
        if closing { context?.close(promise: nil) }
        done.promise.fail(error)
    }

    private func takePending() -> Pending? {
        guard let done = pending else { return nil }
        pending = nil
        done.watchdog?.cancel()
        return done
    }
}
