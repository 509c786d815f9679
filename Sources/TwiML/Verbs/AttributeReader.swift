/// Reads an element's attributes through its spec: a valid value as written, otherwise the
/// platform's default. Unknown attributes are never read, as the platform ignores them.
struct AttributeReader {
    let element: Element
    let spec: ElementSpec?

    init(_ element: Element, in grammar: Grammar) {
        self.element = element
        spec = grammar.elements[element.name]
    }

    func string(_ name: String) -> String? {
        guard let attribute = spec?.attribute(name) else { return nil }
        if let value = element.attribute(name), attribute.type.accepts(value) { return value }
        return attribute.defaultValue
    }

    func integer(_ name: String) -> Int? {
        string(name).flatMap { Int($0) }
    }

    func boolean(_ name: String) -> Bool {
        string(name)?.lowercased() == "true"
    }

    func method(_ name: String = "method") -> HTTPMethod {
        string(name).flatMap { HTTPMethod(rawValue: $0.uppercased()) } ?? .post
    }

    /// A space- or comma-separated list attribute as its items.
    func list(_ name: String) -> [String] {
        (string(name) ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    }
}

/// The two methods TwiML may ask the platform to fetch a URL with.
public enum HTTPMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case get = "GET"
    case post = "POST"
}
