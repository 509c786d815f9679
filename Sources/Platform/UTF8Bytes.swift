extension String {
    /// Hands `body` the string's UTF-8 bytes: lent by a native string without a copy, copied
    /// only from a bridged one (`withUTF8` would need a `var`, a copy of the string itself).
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
