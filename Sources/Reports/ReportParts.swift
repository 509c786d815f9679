import Platform
import Scenario
import Synchronization

/// Each scenario's part of one summary report (a test case, a text block, a JSON entry), kept
/// as bytes one after another in one block of memory until the report is assembled in file
/// order at the end of the run. A string a part made 30,000 small allocations in a run of
/// 10,000 scenarios, and their frees; a block doubles when full, a handful of times a run.
/// Parts are added from one thread; the lock lets the finished report be assembled on another.
final class ReportParts: Sendable {
    private struct Block: ~Copyable {
        var bytes = ByteWriter(capacity: 64 * 1024)
        /// Where each part ends in `bytes`, in the order added.
        var ends: [Int] = []
    }

    private let block = Mutex(Block())

    init() {}

    /// The parts of `results`, in their order, each written by `write` (a report in one go).
    convenience init(_ results: [ScenarioResult], _ write: (ScenarioResult, inout ByteWriter) -> Void) {
        self.init()
        for result in results { add { write(result, &$0) } }
    }

    /// Adds the next part, written by `write`.
    func add(_ write: (inout ByteWriter) -> Void) {
        block.withLock { block in
            write(&block.bytes)
            block.ends.append(block.bytes.count)
        }
    }

    /// The bytes of every part.
    var count: Int {
        block.withLock { $0.bytes.count }
    }

    /// Calls `body` with each part at `indices` (indices in the order parts were added), in
    /// the order given.
    func forEach(_ indices: some Sequence<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try block.withLock { block in
            try block.bytes.withBytes { bytes in
                for index in indices {
                    let start = index == 0 ? 0 : block.ends[index - 1]
                    try body(UnsafeBufferPointer(rebasing: bytes[start..<block.ends[index]]))
                }
            }
        }
    }
}
