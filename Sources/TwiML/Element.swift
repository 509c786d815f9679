import CLibXML2

/// One element of a parsed TwiML document: a view over libxml2's node, kept alive by its
/// document. Names, values and text are read on demand; source positions are located lazily
/// (one pass over the source the first time any position is asked for).
public struct Element: @unchecked Sendable, Hashable {
    /// One attribute as written, in document order.
    public struct Attribute: Sendable, Hashable {
        public let name: String
        public let value: String
        let element: Element
        let index: Int

        /// Where the attribute's name stands in the source.
        public var position: SourcePosition {
            element.document.attributePosition(ordinal: element.ordinal, index: index, name: name) ?? element.position
        }
    }

    let document: TwiMLDocument
    let node: xmlNodePtr

    /// The element's name as written (with its namespace prefix, if any).
    public var name: String { TwiMLDocument.qualifiedName(node.pointee.name, node.pointee.ns) }

    /// The attributes, in document order.
    public var attributes: [Attribute] {
        var result: [Attribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            result.append(Attribute(name: TwiMLDocument.qualifiedName(attribute.pointee.name, attribute.pointee.ns),
                                    value: Self.value(of: attribute), element: self, index: result.count))
            property = attribute.pointee.next
        }
        return result
    }

    /// The value of the attribute with exactly this (case-sensitive) name.
    public func attribute(_ name: String) -> String? {
        var property = node.pointee.properties
        while let attribute = property {
            if attribute.pointee.ns == nil, let raw = attribute.pointee.name, Self.equals(raw, name) {
                return Self.value(of: attribute)
            }
            property = attribute.pointee.next
        }
        return nil
    }

    /// The child elements, in document order.
    public var children: [Element] {
        var result: [Element] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(Element(document: document, node: current)) }
            child = current.pointee.next
        }
        return result
    }

    /// The concatenated text and CDATA content directly inside this element.
    public var text: String {
        var text = ""
        forEachText { text += String(cString: $0) }
        return text
    }

    /// `text` without surrounding XML white space.
    public var trimmedText: String { text.trimmingWhitespace() }

    /// Whether the element holds any text but XML white space.
    var hasText: Bool {
        var found = false
        forEachText { content in
            var pointer = content
            while !found, pointer.pointee != 0 {
                if !XMLSpace.contains(pointer.pointee) { found = true }
                pointer += 1
            }
        }
        return found
    }

    /// Where the start tag's `<` stands.
    public var position: SourcePosition {
        document.elementPosition(ordinal: ordinal) ?? SourcePosition(line: Int(xmlGetLineNo(node)), column: 0)
    }

    /// The element's index in document order, stored in the node when the document was parsed.
    var ordinal: Int { Int(bitPattern: node.pointee._private) - 1 }

    private func forEachText(_ body: (UnsafePointer<xmlChar>) -> Void) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
               let content = current.pointee.content {
                body(content)
            }
            child = current.pointee.next
        }
    }

    /// An attribute's value; a single text child (the usual case) is read without a copy in C.
    private static func value(of attribute: xmlAttrPtr) -> String {
        if let only = attribute.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
           let content = only.pointee.content {
            return String(cString: content)
        }
        guard let raw = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return "" }
        defer { switchboard_xmlFree(raw) }
        return String(cString: raw)
    }

    private static func equals(_ raw: UnsafePointer<xmlChar>, _ name: String) -> Bool {
        var pointer = raw
        for byte in name.utf8 {
            if pointer.pointee != byte { return false }
            pointer += 1
        }
        return pointer.pointee == 0
    }

    public static func == (lhs: Element, rhs: Element) -> Bool { lhs.node == rhs.node }
    public func hash(into hasher: inout Hasher) { hasher.combine(node) }
}

extension Element.Attribute {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.element == rhs.element && lhs.index == rhs.index
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(element)
        hasher.combine(index)
    }
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
