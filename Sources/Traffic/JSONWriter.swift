import Platform

/// A minimal JSON writer for the hot paths (a journal line per exchange, the data a report
/// embeds), writing UTF-8 bytes directly; reading uses Foundation's decoder, with the same
/// keys as the `Codable` types. Non-copyable, as the `ByteWriter` it writes into.
public struct JSONWriter: ~Copyable {
    /// A flat JSON object of string fields, in order: `{"body":"Hi"}`.
    public static func object(_ fields: [(key: StaticString, value: String)]) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        for (key, value) in fields { writer.field(key, value) }
        writer.endObject()
        return writer.finished().text
    }

    private var output: ByteWriter
    private var needsComma = false

    /// `capacity`: the bytes to make room for at once.
    public init(capacity: Int = 4_096) {
        output = ByteWriter(capacity: capacity)
    }

    /// Bytes written.
    public var count: Int { output.count }

    /// The bytes written, as an array (a copy).
    public var bytes: [UInt8] { output.bytes }

    /// The bytes written, without a copy.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try output.withBytes(body)
    }

    /// The bytes from `offset` on (a `count` taken earlier), without a copy.
    public func withBytes<Result>(from offset: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try output.withBytes(from: offset, body)
    }

    /// The bytes written, handed over without a copy.
    public consuming func finished() -> ByteWriter { output }

    /// Forgets what was written, keeping the memory (for the next batch of lines).
    public mutating func removeAll() {
        output.removeAll()
        needsComma = false
    }

    public mutating func beginObject() { separator(); output.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func endObject() { output.append(UInt8(ascii: "}")); needsComma = true }
    /// An array as a value of its own (the document, or an element of an array).
    public mutating func beginArray() { separator(); output.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func beginArray(_ key: StaticString) { self.key(key); output.append(UInt8(ascii: "[")); needsComma = false }
    public mutating func endArray() { output.append(UInt8(ascii: "]")); needsComma = true }
    public mutating func beginObject(_ key: StaticString) { self.key(key); output.append(UInt8(ascii: "{")); needsComma = false }

    /// A line break between values (for a reader's eyes; JSON ignores it).
    public mutating func newline() { output.append(UInt8(ascii: "\n")) }
    /// Ends a line of JSON lines: the next value starts a document of its own, without a comma.
    public mutating func endLine() { output.append(UInt8(ascii: "\n")); needsComma = false }
    /// A value already encoded (a JSON object from another writer) as an element of an array.
    public mutating func element(encoded json: UnsafeBufferPointer<UInt8>) {
        separator()
        output.append(json)
        needsComma = true
    }
    /// A string as an element of an array.
    public mutating func element(_ value: String) { separator(); string(value); needsComma = true }
    public mutating func field(_ key: StaticString, _ value: String) { self.key(key); string(value); needsComma = true }
    public mutating func field(_ key: StaticString, _ value: Int) { self.key(key); output.append(decimal: value); needsComma = true }
    public mutating func field(_ key: StaticString, _ value: Bool) { self.key(key); output.append(value ? "true" : "false"); needsComma = true }
    /// A number as Swift writes it (`1767225600.0`, `3.2731969999999997`); a whole number
    /// (most timestamps) without making a `String` first.
    public mutating func field(_ key: StaticString, _ value: Double) {
        self.key(key)
        number(value)
        needsComma = true
    }

    public mutating func field(_ key: StaticString, _ value: String?) { if let value { field(key, value) } }
    public mutating func field(_ key: StaticString, _ value: Int?) { if let value { field(key, value) } }

    /// JSON text written by the caller as it is (`,"hop":`): a record whose fields are always
    /// the same can write a key with its punctuation in one piece. The caller keeps the JSON
    /// valid; the writer's commas are not involved (`endLine` starts afresh).
    public mutating func fragment(_ text: StaticString) { output.append(text) }
    /// A string's contents, escaped, without its quotes (they are in the fragments around it).
    public mutating func escaped(_ value: String) { value.withUTF8Bytes { Self.append(escaping: $0, to: &output) } }
    /// An integer, after a fragment.
    public mutating func number(_ value: Int) { output.append(decimal: value) }
    /// A number as `field(_:_:)` writes it, after a fragment.
    public mutating func number(_ value: Double) {
        if value.isFinite, value.rounded(.towardZero) == value, value.magnitude < 1e15 {
            output.append(decimal: Int(value))
            output.append(".0")
        } else {
            output.append(value.isFinite ? value.description : "0")
        }
    }

    /// An array of `{"name":…,"value":…}` objects (headers, parameters).
    public mutating func namedValues(_ key: StaticString, _ pairs: [(name: String, value: String)]) {
        beginArray(key)
        for pair in pairs { namedValue(pair.name, pair.value) }
        endArray()
    }

    /// Headers as `{"name":…,"value":…}` objects, without building pairs first.
    mutating func namedValues(_ key: StaticString, headers: [Exchange.Header]) {
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

    /// A key named at run time (a resource's field name), escaped as any string; its value follows.
    public mutating func key(named name: String) {
        separator()
        string(name)
        output.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A value after `key(named:)`, or an element of an array.
    public mutating func value(_ text: String) { separator(); string(text); needsComma = true }
    public mutating func value(_ number: Int) { separator(); output.append(decimal: number); needsComma = true }
    public mutating func value(_ number: Double) { separator(); self.number(number); needsComma = true }
    public mutating func value(_ flag: Bool) { separator(); output.append(flag ? "true" : "false"); needsComma = true }
    public mutating func nullValue() { separator(); output.append("null"); needsComma = true }

    /// A key is written as it is, without looking for characters to escape: keys are static
    /// strings, the writers' own identifiers (`"body"`, `"durationMilliseconds"`), never data.
    private mutating func key(_ key: StaticString) {
        output.append(needsComma ? ",\"" : "\"")
        output.append(key)
        output.append("\":")
    }

    private mutating func separator() {
        if needsComma { output.append(UInt8(ascii: ",")) }
    }

    /// A JSON string: runs of plain bytes are copied whole; quotes, backslashes and control
    /// characters are escaped. U+2028/U+2029 are escaped too, so a line is valid JavaScript.
    private mutating func string(_ value: String) {
        output.append(UInt8(ascii: "\""))
        escaped(value)
        output.append(UInt8(ascii: "\""))
    }

    private static func append(escaping buffer: UnsafeBufferPointer<UInt8>, to output: inout ByteWriter) {
        guard let base = buffer.baseAddress else { return }
        output.reserve(buffer.count)
        var runStart = 0
        var index = 0
        while index < buffer.count {
            // Eight bytes at a time while none of them needs a look (most of a body or URL).
            if index + 8 <= buffer.count, !Self.mayNeedEscape(WordScan.word(at: base + index)) {
                index += 8
                continue
            }
            let byte = buffer[index]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0xE2 {
                index += 1
                continue
            }
            let isLineSeparator = byte == 0xE2 && index + 2 < buffer.count && buffer[index + 1] == 0x80
                && (buffer[index + 2] == 0xA8 || buffer[index + 2] == 0xA9)
            guard byte != 0xE2 || isLineSeparator else {
                index += 1
                continue
            }
            output.append(UnsafeBufferPointer(rebasing: buffer[runStart..<index]))
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0xE2: output.append(buffer[index + 2] == 0xA8 ? "u2028" : "u2029")
            default:
                output.append("u00")
                output.append(Self.hex[Int(byte >> 4)])
                output.append(Self.hex[Int(byte & 0x0F)])
            }
            index += isLineSeparator ? 3 : 1
            runStart = index
            output.reserve(buffer.count - index)
        }
        output.append(UnsafeBufferPointer(rebasing: buffer[runStart..<buffer.count]))
    }

    /// Whether any of eight bytes is a control character, `"`, `\\` or 0xE2 (which starts
    /// U+2028 and U+2029).
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        WordScan.containsByte(below: 0x20, in: word) || WordScan.contains(UInt8(ascii: "\""), in: word)
            || WordScan.contains(UInt8(ascii: "\\"), in: word) || WordScan.contains(0xE2, in: word)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
}
