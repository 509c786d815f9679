/// How many scenarios run at once: a fixed number (`--jobs`), or found as the run goes. Found,
/// it starts at `initial` and doubles while the rate at which scenarios finish grows by a tenth
/// or more from one window to the next (a window: half as many scenarios as run at once), up to
/// `maximum`; once it stops growing it stays. Against a fast app the machine's cores are the
/// limit and doubling soon stops paying; against an app that takes its time, many more
/// scenarios wait on it at once; against an app that serves one request at a time, the rate
/// stops growing before its queue grows long enough for webhooks to time out.
struct Concurrency {
    static let initial = 32
    static let maximum = 256

    /// Scenarios to run at once now.
    private(set) var limit: Int
    private var growing: Bool
    private var windowStart: ContinuousClock.Instant
    private var windowFinished = 0
    private var lastRate: Double?

    /// `jobs`: a fixed limit; nil to find it.
    init(jobs: Int?, now: ContinuousClock.Instant = .now) {
        limit = jobs.map { max(1, $0) } ?? Self.initial
        growing = jobs == nil
        windowStart = now
    }

    /// The most it may ever be (for the connection pools).
    var ceiling: Int { growing ? Self.maximum : limit }

    /// A scenario finished: returns by how many the limit grew (0 mostly).
    mutating func finished(now: ContinuousClock.Instant = .now) -> Int {
        guard growing else { return 0 }
        windowFinished += 1
        guard windowFinished >= max(8, limit / 2) else { return 0 }
        let seconds = max((now - windowStart) / .seconds(1), 1e-6)
        let rate = Double(windowFinished) / seconds
        windowStart = now
        windowFinished = 0
        if let lastRate, rate < lastRate * 1.1 {
            growing = false
            return 0
        }
        lastRate = rate
        let grown = min(limit * 2, Self.maximum)
        defer { limit = grown }
        if grown == Self.maximum { growing = false }
        return grown - limit
    }
}
