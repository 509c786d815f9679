@testable import Scenario
import Testing

/// How many scenarios run at once: fixed by `--jobs`, or doubled while the finishing rate grows.
@Suite struct ConcurrencyTests {
    /// Finishes `count` scenarios evenly over `seconds`, from `start`; returns the growth reported.
    private func finish(_ count: Int, over seconds: Double, from start: inout ContinuousClock.Instant,
                        _ concurrency: inout Concurrency) -> Int {
        var grown = 0
        for index in 1...count {
            grown += concurrency.finished(now: start + .seconds(seconds * Double(index) / Double(count)))
        }
        start += .seconds(seconds)
        return grown
    }

    @Test func aFixedLimitNeverMoves() {
        var now = ContinuousClock.now
        var concurrency = Concurrency(jobs: 4, now: now)
        #expect(concurrency.limit == 4 && concurrency.ceiling == 4)
        #expect(finish(100, over: 0.01, from: &now, &concurrency) == 0)
        #expect(concurrency.limit == 4)
    }

    @Test func doublesWhileTheRateGrowsThenStays() {
        var now = ContinuousClock.now
        var concurrency = Concurrency(jobs: nil, now: now)
        #expect(concurrency.limit == 32 && concurrency.ceiling == 256)
        // First window (16 scenarios) sets the reference rate and doubles.
        #expect(finish(16, over: 1, from: &now, &concurrency) == 32)
        #expect(concurrency.limit == 64)
        // Twice the rate: doubles again.
        #expect(finish(32, over: 1, from: &now, &concurrency) == 64)
        #expect(concurrency.limit == 128)
        // Under a tenth faster: stops, and stays stopped however fast it goes later.
        #expect(finish(64, over: 2, from: &now, &concurrency) == 0)
        #expect(finish(500, over: 0.1, from: &now, &concurrency) == 0)
        #expect(concurrency.limit == 128)
    }

    @Test func stopsAtTheMaximum() {
        var now = ContinuousClock.now
        var concurrency = Concurrency(jobs: nil, now: now)
        var rate = 16.0
        while concurrency.limit < Concurrency.maximum {
            let window = max(8, concurrency.limit / 2)
            _ = finish(window, over: Double(window) / rate, from: &now, &concurrency)
            rate *= 2
        }
        #expect(concurrency.limit == 256)
        #expect(finish(1_000, over: 0.001, from: &now, &concurrency) == 0)
        #expect(concurrency.limit == 256)
    }
}
