#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes written one piece after another into memory of its own, for the report writers' hot
/// paths (journal lines, the HTML page). A `[UInt8]` checks on every append that its storage
/// is unshared and has room, and a journal line is some sixty appends: writing into a
/// `ByteWriter` took a third off the journal's cost (9.3 → 6.1 µs a scenario,
/// `switchboard-bench reports`). Non-copyable: one owner, its memory freed once; and so safe
/// to hand to another thread (`Sendable`), since whoever receives it is its only owner.
/// Its memory comes from `malloc` so that it grows by `realloc`, which can extend a block where
/// it is (a large one by remapping its pages) rather than copy it into new memory: the summary
/// reports' blocks grow to megabytes, and copying them at each doubling, with the page faults
/// of the new memory, showed in the profile of the reports' thread.
public struct ByteWriter: ~Copyable, @unchecked Sendable {
    @usableFromInline var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline var written = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        storage = Self.resized(nil, to: self.capacity)
    }

    deinit { free(storage) }

    /// Bytes written.
    public var count: Int { written }

    /// The bytes written, as an array (a copy).
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The bytes written, read as UTF-8 text (a copy).
    public var text: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes written, without a copy.
    @inlinable
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage, count: written))
    }

    /// The bytes from `offset` on, without a copy.
    @inlinable
    public func withBytes<Result>(from offset: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage + offset, count: written - offset))
    }

    /// Forgets what was written, keeping the memory.
    public mutating func removeAll() { written = 0 }

    /// Forgets what was written from `offset` on.
    public mutating func truncate(to offset: Int) { written = min(written, max(0, offset)) }

    /// Makes room for `extra` more bytes, so the writes that follow need not.
    @inlinable @inline(__always)
    public mutating func reserve(_ extra: Int) {
        if written + extra > capacity { grow(to: written + extra) }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        capacity = max(needed, capacity * 2)
        storage = Self.resized(storage, to: capacity)
    }

    /// `memory` (or new memory, for nil) resized to `size` bytes, its bytes kept.
    private static func resized(_ memory: UnsafeMutablePointer<UInt8>?, to size: Int) -> UnsafeMutablePointer<UInt8> {
        guard let resized = realloc(memory, size) else { fatalError("out of memory for \(size) bytes") }
        return resized.assumingMemoryBound(to: UInt8.self)
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[written] = byte
        written += 1
    }

    @inlinable
    public mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (storage + written).initialize(from: base, count: buffer.count)
        written += buffer.count
    }

    @inlinable
    public mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    /// A string's UTF-8 bytes; a native string lends them, only a bridged one is copied.
    @inlinable
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// An integer's decimal digits, without making a `String` first.
    public mutating func append(decimal value: Int) {
        reserve(20)  // the 19 digits of Int.max and a sign
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var index = written + digits
        written = index
        repeat {
            index -= 1
            storage[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
    }
}
