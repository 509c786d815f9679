/// A minimal JSON writer for the journal's hot path (one line per exchange); reading uses
/// Foundation's decoder, with the same keys as the `Codable` types.
struct JSONWriter {
    private(set) var text = ""
    private var needsComma = false

    mutating func beginObject() { separator(); text += "{"; needsComma = false }
    mutating func endObject() { text += "}"; needsComma = true }
    mutating func beginArray(_ key: String) { self.key(key); text += "["; needsComma = false }
    mutating func endArray() { text += "]"; needsComma = true }
    mutating func beginObject(_ key: String) { self.key(key); text += "{"; needsComma = false }

    mutating func field(_ key: String, _ value: String) { self.key(key); string(value); needsComma = true }
    mutating func field(_ key: String, _ value: Int) { self.key(key); text += String(value); needsComma = true }
    mutating func field(_ key: String, _ value: Bool) { self.key(key); text += value ? "true" : "false"; needsComma = true }
    mutating func field(_ key: String, _ value: Double) {
        self.key(key)
        text += value.isFinite ? String(value) : "0"
        needsComma = true
    }

    mutating func field(_ key: String, _ value: String?) { if let value { field(key, value) } }
    mutating func field(_ key: String, _ value: Int?) { if let value { field(key, value) } }

    private mutating func key(_ key: String) {
        separator()
        string(key)
        text += ":"
    }

    private mutating func separator() {
        if needsComma { text += "," }
    }

    private mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
