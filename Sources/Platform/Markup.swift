/// Escaping for text placed in XML, HTML or TwiML: `& < > " '` become entities, and the
/// characters XML 1.0 forbids (control characters a hostile app may send, U+FFFE, U+FFFF)
/// become U+FFFD. Line breaks and tabs stay.
public enum Markup {
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsWork) else { return text }
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

    private static func needsWork(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": return true
        default: return !isAllowed(scalar)
        }
    }

    /// XML 1.0's Char production, less DEL (which terminals and HTML treat as a control).
    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value) && value != 0x7F
            || (0xE000...0xFFFD).contains(value) || value >= 0x10000
    }
}
