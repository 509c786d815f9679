/// How many scenarios run at once: a fixed number (`--jobs`), or found as the run goes. Found,
/// it starts at `initial` and doubles while the rate at which scenarios finish grows by a tenth
/// or more from one window to the next (a window: as many scenarios as run at once), up to
/// `maximum`. A window of a whole turnover measures the rate even when scenarios finish in
/// bursts; the first window pays for the run's start (connections, caches) and is not a
/// measure. A doubling that did not pay is undone, and from then on the limit stays. Against a
/// fast app the machine's cores are the limit and doubling soon stops paying; against an app
/// that takes its time, many more scenarios wait on it at once; against an app that serves one
/// request at a time, the rate stops growing before its queue grows long enough for webhooks to
/// time out.
struct Concurrency {
    static let initial = 32
    static let maximum = 256

    /// Scenarios to run at once now.
    private(set) var limit: Int
    private var growing: Bool
    /// Whether the first window, the run's start, is still going.
    private var warmingUp = true
    private var windowStart: ContinuousClock.Instant
    private var windowFinished = 0
    private var lastRate: Double?
    /// The limit before the last doubling.
    private var previousLimit: Int
    /// Finishes still to pass without a start in their place, while the limit comes back down.
    private var surplus = 0

    /// `jobs`: a fixed limit; nil to find it.
    init(jobs: Int?, now: ContinuousClock.Instant = .now) {
        limit = jobs.map { max(1, $0) } ?? Self.initial
        growing = jobs == nil
        previousLimit = limit
        windowStart = now
    }

    /// The most it may ever be (for the connection pools).
    var ceiling: Int { growing ? Self.maximum : limit }

    /// A scenario finished: returns how many to start in its place (1 mostly; more when the
    /// limit grew, none while it comes back down).
    mutating func finished(now: ContinuousClock.Instant = .now) -> Int {
        if surplus > 0 {
            surplus -= 1
            return 0
        }
        guard growing else { return 1 }
        windowFinished += 1
        guard windowFinished >= limit else { return 1 }
        let seconds = max((now - windowStart) / .seconds(1), 1e-6)
        let rate = Double(windowFinished) / seconds
        windowStart = now
        windowFinished = 0
        guard !warmingUp else {
            warmingUp = false
            return 1
        }
        if let lastRate, rate < lastRate * 1.1 {
            growing = false
            surplus = limit - previousLimit - 1
            limit = previousLimit
            return 0
        }
        lastRate = rate
        guard limit < Self.maximum else {
            growing = false
            return 1
        }
        previousLimit = limit
        limit = min(limit * 2, Self.maximum)
        return 1 + limit - previousLimit
    }
}
