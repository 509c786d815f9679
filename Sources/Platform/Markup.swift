/// Escaping for text placed in XML, HTML or TwiML: `& < > " '` become entities, and the
/// characters XML 1.0 forbids (control characters a hostile app may send, U+FFFE, U+FFFF)
/// become U+FFFD. Line breaks and tabs stay.
public enum Markup {
    /// Text that needs nothing (most) comes back as it is, without a copy.
    public static func escape(_ text: String) -> String {
        guard needsWork(text) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// Whether any byte of `text` needs a look: one of `& < > " '`, a control character other
    /// than a tab or line break, DEL, or 0xEF (which starts U+FFFE and U+FFFF; the scalars
    /// decide). Eight bytes at a time while none of them may.
    private static func needsWork(_ text: String) -> Bool {
        text.withUTF8Bytes(needsWork)
    }

    private static func needsWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !mayNeedWork(WordScan.word(at: base + index)) {
                index += 8
                continue
            }
            switch bytes[index] {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0x7F, 0xEF: return true
            case 0x09, 0x0A, 0x0D: break
            case let byte where byte < 0x20: return true
            default: break
            }
            index += 1
        }
        return false
    }

    private static func mayNeedWork(_ word: UInt64) -> Bool {
        WordScan.containsByte(below: 0x20, in: word) || WordScan.contains(0x7F, in: word) || WordScan.contains(0xEF, in: word)
            || WordScan.contains(UInt8(ascii: "&"), in: word) || WordScan.contains(UInt8(ascii: "<"), in: word)
            || WordScan.contains(UInt8(ascii: ">"), in: word) || WordScan.contains(UInt8(ascii: "\""), in: word)
            || WordScan.contains(UInt8(ascii: "'"), in: word)
    }

    /// XML 1.0's Char production, less DEL (which terminals and HTML treat as a control).
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) && value != 0x7F
            || (0xE000...0xFFFD).contains(value) || value >= 0x10000
    }
}
