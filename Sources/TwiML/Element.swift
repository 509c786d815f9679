/// One element of a parsed TwiML document, with its source positions.
public struct Element: Sendable, Hashable {
    /// One attribute as written, in document order.
    public struct Attribute: Sendable, Hashable {
        public let name: String
        public let value: String
        public let position: SourcePosition
    }

    public let name: String
    public let attributes: [Attribute]
    public let children: [Element]
    /// The concatenated text and CDATA content directly inside this element.
    public let text: String
    /// Where the start tag's `<` stands.
    public let position: SourcePosition

    /// The value of the attribute with exactly this (case-sensitive) name.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// `text` without surrounding XML white space.
    public var trimmedText: String { text.trimmingWhitespace() }

    /// Whether `text` holds anything but XML white space.
    var hasText: Bool { text.utf8.contains { !XMLSpace.contains($0) } }
}

/// XML's four white-space characters (space, tab, CR, LF), checked on UTF-8 bytes.
enum XMLSpace {
    static func contains(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

extension String {
    /// The string without leading and trailing XML white space.
    func trimmingWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !XMLSpace.contains($0) }),
              let last = bytes.lastIndex(where: { !XMLSpace.contains($0) }) else { return "" }
        if first == bytes.startIndex, last == bytes.index(before: bytes.endIndex) { return self }
        return String(self[first...last])
    }
}
