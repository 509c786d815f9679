import Foundation

/// Repeats work for at least `seconds` of wall time and reports the rate per second.
func rate(seconds: Double = 1.0, batch: Int = 100, _ work: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    var count = 0
    while true {
        for _ in 0..<batch { work() }
        count += batch
        let elapsed = clock.now - start
        let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        if elapsedSeconds >= seconds { return Double(count) / elapsedSeconds }
    }
}

/// Resident memory of this process in MB (Linux `/proc/self/statm`).
func residentMegabytes() -> Double {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    _ = withUnsafeMutablePointer(to: &size) { sizePointer in
        withUnsafeMutablePointer(to: &resident) { residentPointer in
            withVaList([sizePointer, residentPointer]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return Double(resident) * 4096 / 1_048_576
}

func format(_ value: Double, _ digits: Int = 0) -> String {
    guard value.isFinite else { return "n/a" }
    var text = String(Int((value * pow10(digits)).rounded()))
    if digits > 0 {
        while text.count <= digits { text = "0" + text }
        text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
    }
    return text
}

private func pow10(_ digits: Int) -> Double {
    (0..<digits).reduce(1.0) { value, _ in value * 10 }
}

/// Runs blocking work (a child process, file reads) on a thread of its own, never on an event
/// loop: with NIO as the concurrency executor, blocking a loop would stall the servers on it.
func offLoop<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
