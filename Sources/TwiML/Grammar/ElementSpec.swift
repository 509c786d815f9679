/// One attribute an element accepts: its exact (case-sensitive) name, type and default.
public struct AttributeSpec: Sendable, Hashable {
    public let name: String
    public let type: AttributeType
    /// The value the platform uses when the attribute is absent, if it has one.
    public let defaultValue: String?

    public init(_ name: String, _ type: AttributeType, default defaultValue: String? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
    }
}

/// What may stand between an element's tags besides child elements.
public enum TextRule: Sendable, Hashable {
    /// Only white space.
    case none
    /// Text is allowed (a `<Message>` body, a `<Number>`).
    case optional
    /// Text is required (the URL of `<Play>`, `<Redirect>`).
    case required
}

/// One element of the TwiML grammar: its attributes, the elements allowed inside it, its text.
public struct ElementSpec: Sendable {
    public let name: String
    public let attributes: [AttributeSpec]
    private let attributesByName: [String: AttributeSpec]
    /// Names of the elements allowed as children, in no particular order.
    public let children: Set<String>
    public let text: TextRule
    /// Whether unknown attributes are expected (SSML passes attributes through).
    public let openAttributes: Bool

    public init(_ name: String, text: TextRule = .none, children: Set<String> = [], openAttributes: Bool = false,
                _ attributes: [AttributeSpec] = []) {
        self.name = name
        self.attributes = attributes
        attributesByName = Dictionary(uniqueKeysWithValues: attributes.map { ($0.name, $0) })
        self.children = children
        self.text = text
        self.openAttributes = openAttributes
    }

    /// The attribute spec with exactly this name.
    public func attribute(_ name: String) -> AttributeSpec? {
        attributesByName[name]
    }
}
