import Foundation

/// Runs blocking or long CPU work (a child process, decoding a 300 kB description) on a thread
/// of its own: on the two cores CI has, the concurrency pool has two threads, and a test that
/// holds one starves the timing-sensitive tests running beside it.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// A value handed from that thread back to the test, which alone uses it after.
struct Handed<Value>: @unchecked Sendable {
    let value: Value
}
