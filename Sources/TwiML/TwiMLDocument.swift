import CLibXML2

/// A TwiML response body parsed safely by libxml2, with its element tree and source positions.
///
/// Immutable once parsed; queries (XPath) work on private contexts, so a document may be read
/// from several tasks.
public final class TwiMLDocument: @unchecked Sendable {
    /// The document element (normally `<Response>`).
    public let root: Element
    /// The bytes the document was parsed from.
    public let source: [UInt8]
    let pointer: xmlDocPtr

    private init(pointer: xmlDocPtr, root: Element, source: [UInt8]) {
        self.pointer = pointer
        self.root = root
        self.source = source
    }

    deinit { xmlFreeDoc(pointer) }

    /// Parses a response body. Fails with 11750 above 64 kB and 12100 for anything that is not
    /// well-formed XML, has a DOCTYPE, or is not valid in its declared encoding.
    public static func parse(_ bytes: [UInt8]) -> Result<TwiMLDocument, TwiMLParseError> {
        let parsed = bytes.withUnsafeBytes { SafeXMLParser.parse($0) }
        switch parsed {
        case .failure(let failure):
            return .failure(TwiMLParseError(diagnostics: failure.diagnostics))
        case .success(let pointer):
            guard let rootNode = xmlDocGetRootElement(pointer) else {
                xmlFreeDoc(pointer)
                return .failure(TwiMLParseError(diagnostics: [Diagnostic(
                    code: .documentParseFailure, severity: .error, line: 1, column: 1, message: "the document has no root element")]))
            }
            var locator = SourceLocator(bytes)
            let root = TreeBuilder.element(rootNode, locator: &locator)
            return .success(TwiMLDocument(pointer: pointer, root: root, source: bytes))
        }
    }

    /// Parses a response body given as text (encoded as UTF-8).
    public static func parse(_ text: String) -> Result<TwiMLDocument, TwiMLParseError> {
        parse(Array(text.utf8))
    }
}

/// Why a body is not a TwiML document at all (11750 or 12100), with every error libxml2 found.
public struct TwiMLParseError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Copies libxml2's tree into `Element` values, adding columns from the source.
enum TreeBuilder {
    static func element(_ node: xmlNodePtr, locator: inout SourceLocator) -> Element {
        let name = qualifiedName(node.pointee.name, node.pointee.ns)
        let tag = locator.nextStartTag(named: name)
        let position = tag?.position ?? SourcePosition(line: Int(xmlGetLineNo(node)), column: 0)

        var attributes: [Element.Attribute] = []
        var property = node.pointee.properties
        while let attribute = property {
            let attributeName = qualifiedName(attribute.pointee.name, attribute.pointee.ns)
            let attributePosition = tag?.position(ofAttribute: attributeName, at: attributes.count) ?? position
            attributes.append(Element.Attribute(name: attributeName, value: value(of: attribute), position: attributePosition))
            property = attribute.pointee.next
        }

        var children: [Element] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(element(current, locator: &locator))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return Element(name: name, attributes: attributes, children: children, text: text, position: position)
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

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }
}
