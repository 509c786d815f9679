import CLibXML2

/// The result of an XPath expression over a TwiML document.
public enum XPathValue: Sendable, Hashable {
    case nodes([XPathNode])
    case string(String)
    case number(Double)
    case boolean(Bool)

    /// The value as an expectation compares it: a node set's first string value, a number
    /// without a trailing `.0` when whole.
    public var text: String {
        switch self {
        case .nodes(let nodes): return nodes.first?.value ?? ""
        case .string(let value): return value
        case .number(let value):
            return Int(exactly: value).map(String.init) ?? String(value)
        case .boolean(let value): return value ? "true" : "false"
        }
    }

    /// XPath's boolean() of the value.
    public var isTruthy: Bool {
        switch self {
        case .nodes(let nodes): return !nodes.isEmpty
        case .string(let value): return !value.isEmpty
        case .number(let value): return value != 0 && !value.isNaN
        case .boolean(let value): return value
        }
    }
}

/// A node an XPath expression selected.
public struct XPathNode: Sendable, Hashable {
    /// Element or attribute name; `#text` for text nodes.
    public let name: String
    /// The node's string value (text content; an attribute's value).
    public let value: String
    /// The node as XML (an element with its children; an attribute as `name="value"`).
    public let xml: String
    public let line: Int
}

/// An XPath expression libxml2 could not compile or evaluate, with its messages.
public struct XPathError: Error, Sendable, CustomStringConvertible {
    public let expression: String
    public let messages: [String]

    public var description: String {
        "invalid XPath '\(expression)': " + (messages.isEmpty ? "evaluation failed" : messages.joined(separator: "; "))
    }
}

extension TwiMLDocument {
    /// Evaluates an XPath 1.0 expression; libxml2's errors are captured, never printed.
    public func xpath(_ expression: String) throws(XPathError) -> XPathValue {
        guard let context = xmlXPathNewContext(pointer) else {
            throw XPathError(expression: expression, messages: ["libxml2 could not create an XPath context"])
        }
        defer { xmlXPathFreeContext(context) }
        let messages = XPathMessages()
        let unmanaged = Unmanaged.passRetained(messages)
        defer { unmanaged.release() }
        context.pointee.userData = unmanaged.toOpaque()
        context.pointee.error = collectXPathError
        switchboard_silenceGenericErrors()
        xmlSetStructuredErrorFunc(unmanaged.toOpaque(), collectXPathError)
        defer { xmlSetStructuredErrorFunc(nil, nil) }

        guard let result = xmlXPathEvalExpression(expression, context) else {
            throw XPathError(expression: expression, messages: messages.lines)
        }
        defer { xmlXPathFreeObject(result) }
        switch result.pointee.type {
        case XPATH_NODESET:
            return .nodes(Self.nodes(of: result.pointee.nodesetval))
        case XPATH_STRING:
            return .string(result.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .number(result.pointee.floatval)
        case XPATH_BOOLEAN:
            return .boolean(result.pointee.boolval != 0)
        default:
            throw XPathError(expression: expression, messages: ["unsupported XPath result type"])
        }
    }

    private static func nodes(of set: xmlNodeSetPtr?) -> [XPathNode] {
        guard let set, let table = set.pointee.nodeTab else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { index in
            guard let node = table[index] else { return nil }
            var value = ""
            if let content = xmlNodeGetContent(node) {
                value = String(cString: content)
                switchboard_xmlFree(content)
            }
            let name = node.pointee.type == XML_TEXT_NODE ? "#text" : node.pointee.name.map { String(cString: $0) } ?? ""
            return XPathNode(name: name, value: value, xml: serialize(node), line: Int(xmlGetLineNo(node)))
        }
    }
}

/// The node as libxml2 writes it.
private func serialize(_ node: xmlNodePtr) -> String {
    guard let buffer = xmlBufferCreate() else { return "" }
    defer { xmlBufferFree(buffer) }
    xmlNodeDump(buffer, node.pointee.doc, node, 0, 0)
    return buffer.pointee.content.map { String(cString: $0) }?.trimmingWhitespace() ?? ""
}

/// Messages libxml2 reports while evaluating one expression.
private final class XPathMessages {
    var lines: [String] = []
}

private let collectXPathError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let messages = Unmanaged<XPathMessages>.fromOpaque(userData).takeUnretainedValue()
    var text = error.pointee.message.map { String(cString: $0) }
        ?? xpathErrorMessages[Int(error.pointee.code) - 1200, default: "XPath error \(error.pointee.code)"]
    if error.pointee.str1 != nil { text += " at character \(error.pointee.int1 + 1)" }
    if messages.lines.count < 20 { messages.lines.append(text.trimmingWhitespace()) }
}

/// libxml2's XPath messages (xpath.c), which it leaves out when a context has its own handler.
private let xpathErrorMessages: [Int: String] = [
    1: "number encoding", 2: "unfinished literal", 3: "start of literal", 4: "expected $ for variable reference",
    5: "undefined variable", 6: "invalid predicate", 7: "invalid expression", 8: "missing closing curly brace",
    9: "unregistered function", 10: "invalid operand", 11: "invalid type", 12: "invalid number of arguments",
    13: "invalid context size", 14: "invalid context position", 15: "memory allocation error", 16: "syntax error",
    17: "resource error", 18: "sub resource error", 19: "undefined namespace prefix", 20: "encoding error",
    21: "character out of XML range", 22: "invalid or incomplete context", 23: "stack usage error",
    24: "forbidden variable", 25: "operation limit exceeded", 26: "recursion limit exceeded",
]
