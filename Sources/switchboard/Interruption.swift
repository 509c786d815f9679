import Foundation
import Synchronization

/// Catches SIGINT (Ctrl-C) and SIGTERM while a run goes, so the run can stop starting
/// scenarios and still write reports of what finished. Restores the default handling on `stop`.
final class Interruption {
    /// The first signal received, shared with the signal handlers.
    private final class Received: Sendable {
        let signal = Mutex<Int32?>(nil)
    }

    private let sources: [any DispatchSourceSignal]
    private let state = Received()

    init(_ onSignal: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "switchboard.signals")
        let state = state
        sources = [SIGINT, SIGTERM].map { number in
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                state.signal.withLock { $0 = $0 ?? number }
                onSignal()
            }
            source.resume()
            return source
        }
    }

    /// The first signal received, if any.
    var received: Int32? { state.signal.withLock { $0 } }

    func stop() {
        for source in sources { source.cancel() }
        Foundation.signal(SIGINT, SIG_DFL)
        Foundation.signal(SIGTERM, SIG_DFL)
    }
}
