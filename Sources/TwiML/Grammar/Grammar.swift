/// Which kind of webhook a document answers: the platform checks each against its own grammar.
public enum Dialect: String, Sendable, CaseIterable, Codable {
    case messaging
    case voice
}

/// The grammar of one dialect: the verbs allowed under `<Response>` and every element's spec.
public struct Grammar: Sendable {
    public let dialect: Dialect
    /// Verbs allowed directly under `<Response>`.
    public let verbs: Set<String>
    /// Every element of the dialect by name (verbs, nouns, nested elements).
    public let elements: [String: ElementSpec]

    init(dialect: Dialect, verbs: Set<String>, elements: [ElementSpec]) {
        self.dialect = dialect
        self.verbs = verbs
        self.elements = Dictionary(uniqueKeysWithValues: elements.map { ($0.name, $0) })
    }

    /// The grammar the platform applies to a dialect.
    public static func of(_ dialect: Dialect) -> Grammar {
        switch dialect {
        case .messaging: return messaging
        case .voice: return voice
        }
    }

    /// The spec of `name` as a child of `parent`, when the grammar allows it there.
    public func spec(of name: String, in parent: String) -> ElementSpec? {
        let allowed = parent == "Response" ? verbs : elements[parent]?.children ?? []
        return allowed.contains(name) ? elements[name] : nil
    }
}
