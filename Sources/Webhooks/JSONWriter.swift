import Platform

/// A minimal JSON writer for the hot paths (a journal line per exchange, the data a report
/// embeds), writing UTF-8 bytes directly; reading uses Foundation's decoder, with the same
/// keys as the `Codable` types.
public struct JSONWriter {
    /// A flat JSON object of string fields, in order: `{"body":"Hi"}`.
    public static func object(_ fields: [(key: String, value: String)]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        for (key, value) in fields { writer.field(key, value) }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init() {
        bytes.reserveCapacity(2048)
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    /// An array as a value of its own (the document, or an element of an array).
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func beginArray(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }
    public mutating func beginObject(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "{")); needsComma = false }

    /// A line break between values (for a reader's eyes; JSON ignores it).
    public mutating func newline() { bytes.append(UInt8(ascii: "\n")) }
    /// A value already encoded (a JSON object from another writer) as an element of an array.
    public mutating func element(encoded json: [UInt8]) { separator(); bytes += json; needsComma = true }
    /// A string as an element of an array.
    public mutating func element(_ value: String) { separator(); string(value); needsComma = true }
    public mutating func field(_ key: String, _ value: String) { self.key(key); string(value); needsComma = true }
    public mutating func field(_ key: String, _ value: Int) { self.key(key); integer(value); needsComma = true }
    public mutating func field(_ key: String, _ value: Bool) { self.key(key); bytes += (value ? "true" : "false").utf8; needsComma = true }
    public mutating func field(_ key: String, _ value: Double) {
        self.key(key)
        bytes += (value.isFinite ? String(value) : "0").utf8
        needsComma = true
    }

    public mutating func field(_ key: String, _ value: String?) { if let value { field(key, value) } }

    /// An array of `{"name":…,"value":…}` objects (headers, parameters).
    public mutating func namedValues(_ key: String, _ pairs: [(name: String, value: String)]) {
        beginArray(key)
        for pair in pairs { namedValue(pair.name, pair.value) }
        endArray()
    }

    /// Headers as `{"name":…,"value":…}` objects, without building pairs first.
    mutating func namedValues(_ key: String, headers: [Exchange.Header]) {
        beginArray(key)
        for header in headers { namedValue(header.name, header.value) }
        endArray()
    }

    private mutating func namedValue(_ name: String, _ value: String) {
        beginObject()
        field("name", name)
        field("value", value)
        endObject()
    }
    public mutating func field(_ key: String, _ value: Int?) { if let value { field(key, value) } }

    /// A key is written as it is, without looking for characters to escape: keys are the
    /// writers' own identifiers (`"body"`, `"durationMilliseconds"`), never data.
    private mutating func key(_ key: String) {
        assert(!key.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }, "a key that needs escaping")
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes += key.utf8
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// An integer's decimal digits, without making a `String` first.
    private mutating func integer(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[start...])
        }
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
        guard let base = buffer.baseAddress else { return }
        var runStart = 0
        var index = 0
        while index < buffer.count {
            // Eight bytes at a time while none of them needs a look (most of a body or URL).
            if index + 8 <= buffer.count, !Self.mayNeedEscape(WordScan.word(at: base + index)) {
                index += 8
                continue
            }
            let byte = buffer[index]
            let isLineSeparator = byte == 0xE2 && index + 2 < buffer.count && buffer[index + 1] == 0x80
                && (buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9)
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || isLineSeparator else {
                index += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0xE2: bytes += (buffer[index + 2] == 0xA8 ? "u2028" : "u2029").utf8
            default: bytes += [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]]
            }
            index += isLineSeparator ? 3 : 1
            runStart = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
    }

    /// Whether any of eight bytes is a control character, `"`, `\\` or 0xE2 (which starts
    /// U+2028 and U+2029).
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        WordScan.containsByte(below: 0x20, in: word) || WordScan.contains(UInt8(ascii: "\""), in: word)
            || WordScan.contains(UInt8(ascii: "\\"), in: word) || WordScan.contains(0xE2, in: word)
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
