/// Finds the columns of start tags and attributes in the raw bytes, which libxml2's tree does
/// not keep. Start tags are met in document order, so one forward cursor finds each exactly
/// once, and columns are counted incrementally: the whole document costs one pass.
struct SourceLocator {
    /// A start tag as written: where it begins and where each attribute name begins.
    struct StartTag {
        let position: SourcePosition
        /// Attribute names with their positions, in source order (namespace declarations left out).
        let attributes: [(name: ArraySlice<UInt8>, position: SourcePosition)]

        /// The position of the attribute `name`, the `index`-th libxml2 reports.
        func position(ofAttribute name: String, at index: Int) -> SourcePosition? {
            if index < attributes.count, attributes[index].name.elementsEqual(name.utf8) { return attributes[index].position }
            return attributes.first { $0.name.elementsEqual(name.utf8) }?.position
        }
    }

    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    private var cursor = 0
    /// The last position computed, to count the next column from there.
    private var memo = (offset: 0, line: 0, column: 1)

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(offset + 1)
        }
    }

    /// Finds the next start tag named `name`.
    mutating func nextStartTag(named name: String) -> StartTag? {
        let nameBytes = name.utf8
        while cursor < bytes.count {
            guard let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "<")) else { break }
            if skipMarkup(at: open) { continue }
            let nameEnd = open + 1 + nameBytes.count
            if nameEnd <= bytes.count, bytes[(open + 1)..<nameEnd].elementsEqual(nameBytes),
               nameEnd == bytes.count || Self.endsName(bytes[nameEnd]) {
                let position = position(of: open)
                let attributes = readAttributes(from: nameEnd)
                return StartTag(position: position, attributes: attributes)
            }
            cursor = open + 1
        }
        return nil
    }

    /// Reads `name="value"` pairs up to the end of the tag, leaving the cursor after it.
    private mutating func readAttributes(from start: Int) -> [(name: ArraySlice<UInt8>, position: SourcePosition)] {
        var attributes: [(name: ArraySlice<UInt8>, position: SourcePosition)] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { index += 1; break }
            if XMLSpace.contains(byte) || byte == UInt8(ascii: "/") { index += 1; continue }
            let nameStart = index
            while index < bytes.count, !XMLSpace.contains(bytes[index]), bytes[index] != UInt8(ascii: "="),
                  bytes[index] != UInt8(ascii: ">") { index += 1 }
            let name = bytes[nameStart..<index]
            if !name.starts(with: "xmlns".utf8) { attributes.append((name, position(of: nameStart))) }
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'"),
                  bytes[index] != UInt8(ascii: ">") { index += 1 }
            guard index < bytes.count, bytes[index] != UInt8(ascii: ">") else { continue }
            let quote = bytes[index]
            index += 1
            while index < bytes.count, bytes[index] != quote { index += 1 }
            index += 1
        }
        cursor = index
        return attributes
    }

    /// Skips a comment, CDATA section, processing instruction, declaration or end tag at `open`.
    private mutating func skipMarkup(at open: Int) -> Bool {
        guard open + 1 < bytes.count else { return false }
        let rest = bytes[open...]
        let (length, end): (Int, StaticString)
        switch bytes[open + 1] {
        case UInt8(ascii: "/"): (length, end) = (2, ">")
        case UInt8(ascii: "?"): (length, end) = (2, "?>")
        case UInt8(ascii: "!") where rest.starts(with: "<!--".utf8): (length, end) = (4, "-->")
        case UInt8(ascii: "!") where rest.starts(with: "<![CDATA[".utf8): (length, end) = (9, "]]>")
        case UInt8(ascii: "!"): (length, end) = (2, ">")
        default: return false
        }
        cursor = find(end, from: open + length) ?? bytes.count
        return true
    }

    private func find(_ end: StaticString, from start: Int) -> Int? {
        let needle = UnsafeBufferPointer(start: end.utf8Start, count: end.utf8CodeUnitCount)
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    private mutating func position(of offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let (from, column) = memo.line == low && memo.offset <= offset ? (memo.offset, memo.column) : (lineStarts[low], 1)
        var characters = column
        for index in from..<offset where bytes[index] & 0xC0 != 0x80 { characters += 1 }
        memo = (offset, low, characters)
        return SourcePosition(line: low + 1, column: characters)
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        XMLSpace.contains(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }
}
