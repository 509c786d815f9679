/// A verb of a messaging reply, with the platform's defaults applied.
public enum MessagingVerb: Sendable, Hashable {
    case message(MessageVerb)
    case redirect(RedirectVerb)
}

/// `<Message>` (or legacy `<Sms>`): one outbound message. `to`/`from` nil mean the platform's
/// defaults (reply to the sender, from the number that received the inbound message).
public struct MessageVerb: Sendable, Hashable {
    public let to: String?
    public let from: String?
    /// Relative URLs are kept as written, to be resolved against the document's URL.
    public let action: String?
    public let method: HTTPMethod
    public let statusCallback: String?
    /// The plain text of the element, or of its `<Body>` nouns.
    public let body: String
    public let mediaURLs: [String]
    public let position: SourcePosition
}

/// `<Redirect>`: fetch another document and continue with it; verbs after it are unreachable.
public struct RedirectVerb: Sendable, Hashable {
    public let url: String
    public let method: HTTPMethod
    public let position: SourcePosition
}

extension TwiMLDocument {
    /// The messaging verbs, top to bottom; anything the messaging grammar does not allow is skipped.
    public func messagingVerbs() -> [MessagingVerb] {
        guard root.name == "Response" else { return [] }
        let grammar = Grammar.messaging
        return root.children.compactMap { element in
            switch element.name {
            case "Message", "Sms": return .message(MessageVerb(element, grammar: grammar))
            case "Redirect": return .redirect(RedirectVerb(element, grammar: grammar))
            default: return nil
            }
        }
    }
}

extension MessageVerb {
    init(_ element: Element, grammar: Grammar) {
        let attributes = AttributeReader(element, in: grammar)
        to = attributes.string("to")
        from = attributes.string("from")
        action = attributes.string("action")
        method = attributes.method()
        statusCallback = attributes.string("statusCallback")
        let bodies = element.children.filter { $0.name == "Body" }.map(\.text)
        body = bodies.isEmpty ? element.trimmedText : bodies.joined()
        mediaURLs = element.children.filter { $0.name == "Media" }.map(\.trimmedText)
        position = element.position
    }
}

extension RedirectVerb {
    init(_ element: Element, grammar: Grammar) {
        url = element.trimmedText
        method = AttributeReader(element, in: grammar).method()
        position = element.position
    }
}
