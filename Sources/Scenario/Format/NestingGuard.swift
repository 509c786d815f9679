/// Bounds how deeply a YAML text can nest before it is composed: the composer recurses once
/// per level, so 5,000 nested `[` in a 10 kB file would overflow the stack and take the whole
/// run down. The estimate counts flow brackets still open (outside quotes and comments) plus
/// each line's indentation and its leading `- ` / `? ` indicators, which is at least the
/// number of levels a line opens.
enum NestingGuard {
    /// Deeper than any scenario needs, far from where the composer's stack runs out.
    static let deepest = 200

    /// The first place where the text may nest deeper than `deepest` (line and column, from 1).
    static func tooDeep(_ text: String) -> (line: Int, column: Int)? {
        var flow = 0
        var line = 1
        for content in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            defer { line += 1 }
            var block = 0
            var column = 0
            var leading = true
            var quote: UInt8?
            var previous = UInt8(ascii: " ")
            for byte in content {
                column += 1
                defer { previous = byte }
                if let open = quote {
                    if byte == open { quote = nil }
                    continue
                }
                switch byte {
                case UInt8(ascii: " "):
                    if leading { block += 1 }
                case UInt8(ascii: "-"), UInt8(ascii: "?"):
                    if leading { block += 1 }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow += 1
                    leading = false
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flow = max(0, flow - 1)
                    leading = false
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    quote = byte
                    leading = false
                default:
                    leading = false
                }
                if byte == UInt8(ascii: "#"), previous == UInt8(ascii: " ") || column == 1 { break }  // a comment
                if block + flow > deepest { return (line, column) }
            }
        }
        return nil
    }
}
