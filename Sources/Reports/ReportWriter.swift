import Foundation
import Scenario
import Synchronization

/// A `ReportStream` fed from the runner's callback: each result is written on a queue of its
/// own, so file I/O never blocks the event loops that run the scenarios.
public final class ReportWriter: Sendable {
    private let stream: Mutex<ReportStream?>
    private let failure = Mutex<(any Error)?>(nil)
    private let queue = DispatchQueue(label: "switchboard.reports")

    public init(_ stream: sending ReportStream?) {
        self.stream = Mutex(stream)
    }

    /// Queues one finished scenario; a write error is kept and thrown by `finish`.
    public func add(_ result: ScenarioResult) {
        queue.async { [self] in
            stream.withLock { stream in
                do { try stream?.add(result) } catch { failure.withLock { $0 = $0 ?? error } }
            }
        }
    }

    /// Waits for the queued scenarios, then writes the reports that sum the run up.
    public func finish(_ results: [ScenarioResult], duration: Double, startedAt: Date, notRun: Int?) throws {
        queue.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
        try stream.withLock { try $0?.finish(results, duration: duration, startedAt: startedAt, notRun: notRun) }
    }
}
