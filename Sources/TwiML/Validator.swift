import Platform

/// Checks a parsed document against the grammar of a dialect, as the platform does before it
/// executes it: 12100 for a wrong root, 14110 for a non-messaging verb in a messaging reply,
/// 12200 warnings for unknown or mis-cased names, bad values and misplaced nouns.
/// Findings are reported; the interpreter ignores what they point at, as the platform does.
struct Validator {
    let grammar: Grammar
    private(set) var diagnostics: [Diagnostic] = []

    init(dialect: Dialect) {
        grammar = Grammar.of(dialect)
    }

    mutating func check(_ root: Element) {
        guard root.name == "Response" else {
            report(.documentParseFailure, .error, at: root.position,
                   "the root element must be <Response>, found <\(root.name)>")
            return
        }
        for attribute in root.attributes where !Self.isXMLNamespaceAttribute(attribute.name) {
            report(.schemaValidationWarning, .warning, at: attribute.position,
                   "<Response> takes no attributes; '\(attribute.name)' is ignored")
        }
        checkText(of: root, rule: .none)
        for (index, verb) in root.children.enumerated() {
            guard grammar.verbs.contains(verb.name), let spec = grammar.elements[verb.name] else {
                reportMisplaced(verb, in: root)
                continue
            }
            if verb.name == "Reject", index > 0 {
                report(.schemaValidationWarning, .warning, at: verb.position,
                       "<Reject> must be the first verb; the call is already answered here")
            }
            check(verb, spec: spec)
        }
    }

    private mutating func check(_ element: Element, spec: ElementSpec) {
        for attribute in element.attributes {
            checkAttribute(attribute, of: element, spec: spec)
        }
        checkText(of: element, rule: spec.text)
        if element.name == "Message", !element.hasText, element.children.isEmpty {
            report(TwilioErrorCode(14103), .warning, at: element.position, "<Message> has no body and no <Media>")
        }
        for child in element.children {
            guard spec.children.contains(child.name), let childSpec = grammar.elements[child.name] else {
                reportMisplaced(child, in: element)
                continue
            }
            check(child, spec: childSpec)
        }
    }

    private mutating func checkAttribute(_ attribute: Element.Attribute, of element: Element, spec: ElementSpec) {
        if let attributeSpec = spec.attribute(attribute.name) {
            if !attributeSpec.type.accepts(attribute.value) {
                report(.schemaValidationWarning, .warning, at: attribute.position,
                       "'\(attribute.name)' on <\(element.name)> must be \(attributeSpec.type.expectation), found '\(ControlCharacters.escape(attribute.value, keepingLineBreaks: false))'")
            }
            return
        }
        if spec.openAttributes || Self.isXMLNamespaceAttribute(attribute.name) { return }
        let names = spec.attributes.map(\.name)
        var message = "unknown attribute '\(attribute.name)' on <\(element.name)> is ignored"
        if let match = names.first(where: { $0.lowercased() == attribute.name.lowercased() }) {
            message += " (attribute names are case-sensitive: did you mean '\(match)'?)"
        } else if let match = Spelling.closest(to: attribute.name, among: names) {
            message += " (did you mean '\(match)'?)"
        }
        report(.schemaValidationWarning, .warning, at: attribute.position, message)
    }

    private mutating func checkText(of element: Element, rule: TextRule) {
        switch rule {
        case .none where element.hasText:
            report(.schemaValidationWarning, .warning, at: element.position,
                   "<\(element.name)> takes no text; '\(Self.excerpt(element.trimmedText))' is ignored")
        case .required where !element.hasText:
            report(.schemaValidationWarning, .warning, at: element.position, "<\(element.name)> needs text content (\(Self.requiredText(element.name)))")
        default:
            break
        }
    }

    /// An element the grammar does not allow where it stands: unknown, mis-cased, or a known
    /// element in the wrong parent.
    private mutating func reportMisplaced(_ element: Element, in parent: Element) {
        let allowed = parent.name == "Response" ? grammar.verbs : grammar.elements[parent.name]?.children ?? []
        let isMessagingVerb = grammar.dialect == .messaging && parent.name == "Response"
        let code: TwilioErrorCode = isMessagingVerb ? .invalidMessagingVerb : .schemaValidationWarning
        var message: String
        if grammar.elements[element.name] != nil || (isMessagingVerb && Grammar.voice.verbs.contains(element.name)) {
            message = "<\(element.name)> is not allowed in <\(parent.name)>"
        } else {
            message = "unknown element <\(element.name)> in <\(parent.name)> is ignored"
            if let match = allowed.first(where: { $0.lowercased() == element.name.lowercased() }) {
                message += " (names are case-sensitive: did you mean <\(match)>?)"
            } else if let match = Spelling.closest(to: element.name, among: Array(allowed)) {
                message += " (did you mean <\(match)>?)"
            }
        }
        if isMessagingVerb {
            message += "; valid verbs are Message, Sms and Redirect"
        } else if !allowed.isEmpty {
            message += "; <\(parent.name)> may contain " + allowed.sorted().joined(separator: ", ")
        }
        report(code, .warning, at: element.position, message)
    }

    private mutating func report(_ code: TwilioErrorCode, _ severity: Diagnostic.Severity, at position: SourcePosition, _ message: String) {
        diagnostics.append(Diagnostic(code: code, severity: severity, line: position.line, column: position.column, message: message))
    }

    private static func isXMLNamespaceAttribute(_ name: String) -> Bool {
        name == "xmlns" || name.hasPrefix("xmlns:") || name.hasPrefix("xml:")
    }

    private static func requiredText(_ name: String) -> String {
        switch name {
        case "Redirect", "Media": return "a URL"
        case "Number": return "a phone number"
        case "Body", "Sms": return "the message text"
        default: return "see the TwiML reference"
        }
    }

    private static func excerpt(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

extension TwiMLDocument {
    /// The document's findings when checked as `dialect`, in source order.
    public func diagnostics(as dialect: Dialect) -> [Diagnostic] {
        var validator = Validator(dialect: dialect)
        validator.check(root)
        return validator.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The dialect a document most likely answers: messaging when its verbs are all messaging
    /// verbs (`Message`, `Sms`, `Redirect`) and at least one is a message, voice otherwise.
    public var inferredDialect: Dialect {
        let names = root.children.map(\.name)
        let messagingOnly = names.allSatisfy(Grammar.messaging.verbs.contains)
        return messagingOnly && names.contains(where: { $0 == "Message" || $0 == "Sms" }) ? .messaging : .voice
    }
}
