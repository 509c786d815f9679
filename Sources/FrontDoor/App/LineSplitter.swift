/// Cuts a byte stream into lines (LF or CRLF), whatever size its chunks come in; a line longer
/// than `longest` bytes is given in pieces, so that no output can grow it without bound.
struct LineSplitter {
    let longest: Int
    private var pending: [UInt8] = []

    init(longest: Int = 4096) {
        self.longest = longest
    }

    /// The lines this chunk completes.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lines.append(take())
            } else {
                pending.append(byte)
                if pending.count >= longest { lines.append(take()) }
            }
        }
        return lines
    }

    /// The last line, when the stream ended without a newline.
    mutating func finish() -> String? {
        pending.isEmpty ? nil : take()
    }

    private mutating func take() -> String {
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        defer { pending.removeAll(keepingCapacity: true) }
        return String(decoding: pending, as: UTF8.self)
    }
}
