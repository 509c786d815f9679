/// Finds the columns of start tags and attributes in the raw bytes, which libxml2's tree does
/// not keep. Start tags are met in document order, so one forward cursor finds each exactly once.
struct SourceLocator {
    private let bytes: [UInt8]
    private var lineStarts: [Int] = [0]
    private var cursor = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lineStarts.append(offset + 1)
        }
    }

    /// Finds the next start tag named `name`; returns its position and the byte range of the tag.
    mutating func nextStartTag(named name: String) -> (SourcePosition, Range<Int>)? {
        let nameBytes = Array(name.utf8)
        while cursor < bytes.count {
            guard let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "<")) else { break }
            if skipMarkup(at: open) { continue }
            let nameEnd = open + 1 + nameBytes.count
            if nameEnd <= bytes.count, bytes[(open + 1)..<nameEnd].elementsEqual(nameBytes),
               nameEnd == bytes.count || Self.endsName(bytes[nameEnd]) {
                let tagEnd = endOfTag(from: nameEnd)
                cursor = tagEnd
                return (position(of: open), open..<tagEnd)
            }
            cursor = open + 1
        }
        return nil
    }

    /// The position of attribute `name` inside the tag spanning `tag`, if written there.
    func attributePosition(_ name: String, in tag: Range<Int>) -> SourcePosition? {
        let nameBytes = Array(name.utf8)
        var index = tag.lowerBound + 1
        var quote: UInt8?
        while index + nameBytes.count <= tag.upperBound {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if Self.isSpace(bytes[index - 1]), bytes[index..<(index + nameBytes.count)].elementsEqual(nameBytes) {
                var after = index + nameBytes.count
                while after < tag.upperBound, Self.isSpace(bytes[after]) { after += 1 }
                if after < tag.upperBound, bytes[after] == UInt8(ascii: "=") { return position(of: index) }
            }
            index += 1
        }
        return nil
    }

    /// Skips a comment, CDATA section, processing instruction or end tag starting at `open`.
    private mutating func skipMarkup(at open: Int) -> Bool {
        let rest = bytes[open...]
        for (start, end) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">"), ("</", ">")] {
            if rest.starts(with: start.utf8) {
                cursor = find(Array(end.utf8), from: open + start.utf8.count) ?? bytes.count
                return true
            }
        }
        return false
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    private func endOfTag(from start: Int) -> Int {
        var quote: UInt8?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    private func position(of offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let characters = bytes[lineStarts[low]..<offset].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return SourcePosition(line: low + 1, column: characters + 1)
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
