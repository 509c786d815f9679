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

    /// `text` without surrounding white space.
    public var trimmedText: String { text.trimmingWhitespace() }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
