import Foundation
import Platform

/// Repeats work for at least `seconds` of wall time and reports the rate per second.
func rate(seconds: Double = 1.0, batch: Int = 100, _ work: () -> Void) -> Double {
    let start = ContinuousClock.now
    var count = 0
    while true {
        for _ in 0..<batch { work() }
        count += batch
        let elapsed = (ContinuousClock.now - start).inSeconds
        if elapsed >= seconds { return Double(count) / elapsed }
    }
}

/// Runs `inFlight` concurrent loops of `work` for `seconds`; returns successful calls per second.
func throughput(inFlight: Int, seconds: Double, _ work: @escaping @Sendable () async -> Bool) async -> Double {
    let start = ContinuousClock.now
    let deadline = start + .seconds(seconds)
    let succeeded = await withTaskGroup(of: Int.self) { group in
        for _ in 0..<inFlight {
            group.addTask {
                var count = 0
                while ContinuousClock.now < deadline {
                    if await work() { count += 1 }
                }
                return count
            }
        }
        return await group.reduce(0, +)
    }
    return Double(succeeded) / (ContinuousClock.now - start).inSeconds
}

/// Peak resident memory of the process (getrusage), in MB.
func peakMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// CPU seconds this process has used so far, all threads, user and system (getrusage).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Resident memory of this process now, in MB (Linux `/proc/self/statm`).
func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
          let pages = Double(statm.split(separator: " ")[1]) else { return 0 }
    return pages * 4096 / 1_048_576
}

func format(_ value: Double, _ digits: Int = 0) -> String {
    guard value.isFinite else { return "n/a" }
    return String(format: "%.\(digits)f", value)
}

/// Runs blocking work (a child process) on a thread of its own, never on an event loop: with
/// NIO as the concurrency executor, blocking a loop would stall the servers on it.
func offLoop<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
