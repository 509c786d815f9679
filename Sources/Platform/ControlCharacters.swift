/// Text from an app or a file made safe to print or write as plain text: control characters
/// (C0 but line breaks and tabs, DEL, C1), which a terminal would run as escape sequences
/// (`ESC[2J` clears the screen, an OSC sequence sets the window title), become visible
/// `\u{1b}` escapes.
public enum ControlCharacters {
    /// Text without control characters (most) comes back as it is, without a copy.
    /// `keepingLineBreaks: false` escapes line breaks and tabs too (a value quoted on one line).
    public static func escape(_ text: String, keepingLineBreaks: Bool = true) -> String {
        guard !keepingLineBreaks || text.withUTF8Bytes(contains) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if isControl(scalar.value) || (!keepingLineBreaks && (scalar == "\n" || scalar == "\t")) {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Rewrites the bytes of `writer` from `offset` on with their control characters escaped.
    public static func escape(_ writer: inout ByteWriter, from offset: Int) {
        guard writer.withBytes(from: offset, contains) else { return }
        let tail = writer.withBytes(from: offset) { String(decoding: $0, as: UTF8.self) }
        writer.truncate(to: offset)
        writer.append(escape(tail))
    }

    private static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }

    /// Whether any byte starts a control character: a C0 byte but LF and TAB, DEL, or 0xC2
    /// followed by 0x80–0x9F (C1 in UTF-8).
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let word = WordScan.word(at: base + index)
                if !WordScan.containsByte(below: 0x20, in: word), !WordScan.contains(0x7F, in: word), !WordScan.contains(0xC2, in: word) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x20, byte != 0x0A, byte != 0x09 { return true }
            if byte == 0x7F { return true }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return true }
            index += 1
        }
        return false
    }
}
