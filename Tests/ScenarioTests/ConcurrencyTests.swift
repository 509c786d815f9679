@testable import Scenario
import Testing

/// How many scenarios run at once: fixed by `--jobs`, or doubled while the finishing rate grows.
@Suite struct ConcurrencyTests {
    /// Finishes `count` scenarios evenly over `seconds`, from `start`; returns how many were
    /// started in their place.
    private func finish(_ count: Int, over seconds: Double, from start: inout ContinuousClock.Instant,
                        _ concurrency: inout Concurrency) -> Int {
        var started = 0
        for index in 1...count {
            started += concurrency.finished(now: start + .seconds(seconds * Double(index) / Double(count)))
        }
        start += .seconds(seconds)
        return started
    }

    @Test func aFixedLimitNeverMoves() {
        var now = ContinuousClock.now
        var concurrency = Concurrency(jobs: 4, now: now)
        #expect(concurrency.limit == 4 && concurrency.ceiling == 4)
        #expect(finish(100, over: 0.01, from: &now, &concurrency) == 100)
        #expect(concurrency.limit == 4)
    }

    @Test func doublesWhileTheRateGrowsThenGoesBackToTheLastThatPaid() {
        var now = ContinuousClock.now
        var concurrency = Concurrency(jobs: nil, now: now)
        #expect(concurrency.limit == 32 && concurrency.ceiling == 256)
        // The first window (32 scenarios) pays for the start: however slow, not a reference.
        #expect(finish(32, over: 10, from: &now, &concurrency) == 32)
        #expect(concurrency.limit == 32)
        // The second sets the reference rate and doubles: 32 more started at its end.
        #expect(finish(32, over: 1, from: &now, &concurrency) == 32 + 32)
        #expect(concurrency.limit == 64)
        // Twice the rate: doubles again.
        #expect(finish(64, over: 1, from: &now, &concurrency) == 64 + 64)
        #expect(concurrency.limit == 128)
        // Under a tenth faster: back to 64. Of the 128 that ran, the one that finished last and
        // the 63 next start nothing in their place.
        #expect(finish(128, over: 4, from: &now, &concurrency) == 127)
        #expect(concurrency.limit == 64 && concurrency.ceiling == 64)
        #expect(finish(63, over: 0.1, from: &now, &concurrency) == 0)
        // Then one for one, however fast it goes later.
        #expect(finish(500, over: 0.1, from: &now, &concurrency) == 500)
        #expect(concurrency.limit == 64)
    }

    @Test func staysAtTheMaximumWhenItPaid() {
        var now = ContinuousClock.now
        var concurrency = Concurrency(jobs: nil, now: now)
        _ = finish(32, over: 1, from: &now, &concurrency)
        var rate = 32.0
        while concurrency.limit < Concurrency.maximum {
            _ = finish(concurrency.limit, over: Double(concurrency.limit) / rate, from: &now, &concurrency)
            rate *= 2
        }
        #expect(concurrency.limit == 256)
        // 256 paid too: it stays, and growth is over.
        #expect(finish(256, over: 256 / rate, from: &now, &concurrency) == 256)
        #expect(concurrency.limit == 256 && concurrency.ceiling == 256)
        #expect(finish(1_000, over: 0.001, from: &now, &concurrency) == 1_000)
        #expect(concurrency.limit == 256)
    }
}
