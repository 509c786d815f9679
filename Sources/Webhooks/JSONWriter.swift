/// A minimal JSON writer for the journal's hot path (one line per exchange), writing UTF-8
/// bytes directly; reading uses Foundation's decoder, with the same keys as the `Codable` types.
public struct JSONWriter {
    /// A flat JSON object of string fields, in order: `{"body":"Hi"}`.
    public static func object(_ fields: [(key: String, value: String)]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        for (key, value) in fields { writer.field(key, value) }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() {
        bytes.reserveCapacity(2048)
    }

    mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }
    mutating func beginObject(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "{")); needsComma = false }

    mutating func field(_ key: String, _ value: String) { self.key(key); string(value); needsComma = true }
    mutating func field(_ key: String, _ value: Int) { self.key(key); bytes += String(value).utf8; needsComma = true }
    mutating func field(_ key: String, _ value: Bool) { self.key(key); bytes += (value ? "true" : "false").utf8; needsComma = true }
    mutating func field(_ key: String, _ value: Double) {
        self.key(key)
        bytes += (value.isFinite ? String(value) : "0").utf8
        needsComma = true
    }

    mutating func field(_ key: String, _ value: String?) { if let value { field(key, value) } }

    /// An array of `{"name":…,"value":…}` objects (headers, parameters).
    mutating func namedValues(_ key: String, _ pairs: [(name: String, value: String)]) {
        beginArray(key)
        for pair in pairs {
            beginObject()
            field("name", pair.name)
            field("value", pair.value)
            endObject()
        }
        endArray()
    }
    mutating func field(_ key: String, _ value: Int?) { if let value { field(key, value) } }

    private mutating func key(_ key: String) {
        separator()
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// A JSON string: runs of plain bytes are copied whole; quotes, backslashes and control
    /// characters are escaped. U+2028/U+2029 are escaped too, so a line is valid JavaScript.
    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { append(escaping: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func append(escaping buffer: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < buffer.count {
            let byte = buffer[index]
            let escape: [UInt8]?
            switch byte {
            case UInt8(ascii: "\""): escape = Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): escape = Array(#"\\"#.utf8)
            case 0x0A: escape = Array(#"\n"#.utf8)
            case 0x0D: escape = Array(#"\r"#.utf8)
            case 0x09: escape = Array(#"\t"#.utf8)
            case 0..<0x20: escape = Array("\\u00".utf8) + [Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]]
            case 0xE2 where index + 2 < buffer.count && buffer[index + 1] == 0x80 && (buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9):
                escape = Array((buffer[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
            default: escape = nil
            }
            if let escape {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
                bytes += escape
                index += byte == 0xE2 ? 3 : 1
                runStart = index
            } else {
                index += 1
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
