import Foundation
import Scenario
import Synchronization

/// A `ReportStream` fed from the runner's callback: results are written on a queue of their
/// own, so file I/O never blocks the event loops that run the scenarios. They are handed over
/// in batches, so the queue's thread, which competes with the event loops for two cores, wakes
/// some 300 times in a run of ten thousand scenarios rather than ten thousand times, and the
/// journal and the page get one write per batch.
public final class ReportWriter: Sendable {
    private let stream: Mutex<ReportStream?>
    private let failure = Mutex<(any Error)?>(nil)
    private let queue = DispatchQueue(label: "switchboard.reports")
    /// CPU seconds the queue's thread has spent writing (see `writingSeconds`).
    private let busy = Mutex(0.0)
    /// Results not yet handed to the queue.
    private let pending = Mutex<[ScenarioResult]>([])
    /// Results handed over at once: enough to make wake-ups rare, few enough that the
    /// exchanges they hold stay a small amount of memory.
    private static let batch = 32

    public init(_ stream: sending ReportStream?) {
        self.stream = Mutex(stream)
    }

    /// Takes one finished scenario; a write error is kept and thrown by `finish`.
    public func add(_ result: ScenarioResult) {
        let full = pending.withLock { pending -> [ScenarioResult]? in
            pending.append(result)
            guard pending.count >= Self.batch else { return nil }
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        if let full { queue.async { [self] in write(full) } }
    }

    /// The CPU time spent writing scenarios so far (on the queue's thread, not the event
    /// loops'), for the benchmark: what the reports cost, apart from the noise of the machine.
    public var writingSeconds: Double {
        busy.withLock { $0 }
    }

    /// Writes what is left, then the reports that sum the run up.
    public func finish(duration: Double, startedAt: Date, notRun: Int?) throws {
        let rest = pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
        queue.sync { write(rest) }
        if let error = failure.withLock({ $0 }) { throw error }
        try stream.withLock { try $0?.finish(duration: duration, startedAt: startedAt, notRun: notRun) }
    }

    private func write(_ results: [ScenarioResult]) {
        let start = Self.threadCPUSeconds()
        defer { busy.withLock { $0 += Self.threadCPUSeconds() - start } }
        stream.withLock { stream in
            do {
                try stream?.add(results)
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
