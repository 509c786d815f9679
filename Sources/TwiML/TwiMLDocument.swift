import CLibXML2
import Synchronization

/// A TwiML response body parsed safely by libxml2.
///
/// Immutable once parsed: elements are read-only views of libxml2's tree, positions are
/// located once under a lock, and XPath queries use private contexts, so a document may be
/// read from several tasks.
public final class TwiMLDocument: @unchecked Sendable {
    /// The bytes the document was parsed from.
    public let source: [UInt8]
    let pointer: xmlDocPtr
    private let rootNode: xmlNodePtr
    /// Start tags in document order, located on first use.
    private let startTags = Mutex<[SourceLocator.StartTag]?>(nil)

    private init(pointer: xmlDocPtr, rootNode: xmlNodePtr, source: [UInt8]) {
        self.pointer = pointer
        self.rootNode = rootNode
        self.source = source
    }

    deinit { xmlFreeDoc(pointer) }

    /// The document element (normally `<Response>`).
    public var root: Element { Element(document: self, node: rootNode) }

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
            var next = 0
            numberElements(rootNode, next: &next)
            return .success(TwiMLDocument(pointer: pointer, rootNode: rootNode, source: bytes))
        }
    }

    /// Parses a response body given as text (encoded as UTF-8).
    public static func parse(_ text: String) -> Result<TwiMLDocument, TwiMLParseError> {
        parse(Array(text.utf8))
    }

    /// Stores each element's document-order index in its node, to find its position later.
    private static func numberElements(_ node: xmlNodePtr, next: inout Int) {
        next += 1
        node.pointee._private = UnsafeMutableRawPointer(bitPattern: next)
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { numberElements(current, next: &next) }
            child = current.pointee.next
        }
    }

    func elementPosition(ordinal: Int) -> SourcePosition? {
        withStartTags { $0.indices.contains(ordinal) ? $0[ordinal].position : nil }
    }

    func attributePosition(ordinal: Int, index: Int, name: String) -> SourcePosition? {
        withStartTags { $0.indices.contains(ordinal) ? $0[ordinal].position(ofAttribute: name, at: index) : nil }
    }

    private func withStartTags<T>(_ body: ([SourceLocator.StartTag]) -> T) -> T {
        startTags.withLock { tags in
            if tags == nil {
                var locator = SourceLocator(source)
                var located: [SourceLocator.StartTag] = []
                locate(rootNode, with: &locator, into: &located)
                tags = located
            }
            return body(tags!)
        }
    }

    private func locate(_ node: xmlNodePtr, with locator: inout SourceLocator, into tags: inout [SourceLocator.StartTag]) {
        let name = Self.qualifiedName(node.pointee.name, node.pointee.ns)
        let fallback = SourceLocator.StartTag(position: SourcePosition(line: Int(xmlGetLineNo(node)), column: 0), attributes: [])
        tags.append(locator.nextStartTag(named: name) ?? fallback)
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { locate(current, with: &locator, into: &tags) }
            child = current.pointee.next
        }
    }

    static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }
}

/// Why a body is not a TwiML document at all (11750 or 12100), with every error libxml2 found.
public struct TwiMLParseError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
