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
        Self.yieldToTheRun()
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

    /// Puts the calling thread (the queue's) at nice 10: the scheduler then runs the reports
    /// when a core is free, rather than preempting an event loop in the middle of scenarios,
    /// which stalls every scenario on that loop (`BENCH_JOBS=4 switchboard-bench reports`, six
    /// alternating invocations each: the run's own threads took up to 13% more CPU time beside
    /// reports at normal priority, at most 3.4% at nice 10). At 10 the thread still gets its share
    /// of a busy machine, so it keeps up. Linux sets the nice value of a thread on its own;
    /// Dispatch keeps the thread in its pool, lowered, for whatever it runs next (an
    /// unprivileged thread cannot raise it back).
    private static func yieldToTheRun() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
