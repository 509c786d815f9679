import Platform
import RESTAPI

/// A built-in function: what it answers. Bodies are templates: `{{Name}}` is replaced by the
/// request parameter `Name` (form body or query string), XML-escaped in XML and HTML bodies.
public struct FunctionDefinition: Sendable {
    public var status = 200
    /// Defaults to `text/xml`.
    public var contentType = "text/xml"
    public var body = ""
    public var headers: [(String, String)] = []
    /// A `Set-Cookie` value (SMS cookies).
    public var setCookie: String?
    /// Real seconds to wait before answering (to make webhooks time out).
    public var delay: Double = 0
    /// The longest `delay`: past the platform's longest total time (15 s), a longer wait
    /// shows nothing more.
    public static let longestDelay: Double = 60
    /// Other answers for some requests: the first case whose patterns all match answers.
    public var cases: [FunctionCase] = []
    /// REST requests the function makes before it answers, as an app's handler would (a reply
    /// sent with Messages.create rather than TwiML); `{{Name}}` placeholders are filled.
    public var rest: [RESTCall] = []

    public init() {}

    /// The definition that answers a request with these parameters.
    public func answer(for parameters: [String: String]) -> FunctionDefinition {
        cases.first { $0.matches(parameters) }?.answer ?? self
    }

    /// The body with `{{Name}}` placeholders filled from the request's parameters.
    public func render(_ parameters: [String: String]) -> String {
        Self.fill(body, parameters, escape: contentType.contains("xml") || contentType.contains("html"))
    }

    /// The REST requests with their placeholders filled.
    public func restCalls(_ parameters: [String: String]) -> [RESTCall] {
        rest.map { call in
            var filled = call
            filled.url = Self.fill(call.url, parameters, escape: false)
            filled.parameters = call.parameters.map { ($0.0, Self.fill($0.1, parameters, escape: false)) }
            return filled
        }
    }

    private static func fill(_ text: String, _ parameters: [String: String], escape: Bool) -> String {
        PlaceholderText.pieces(of: text).map { piece in
            switch piece {
            case .text(let text): return String(text)
            case .name(let name):
                let value = parameters[name.trimmingCharacters(in: .whitespaces)] ?? ""
                return escape ? Markup.escape(value) : value
            }
        }.joined()
    }
}

/// One conditional answer of a function: when every named parameter matches its regular
/// expression, this answer is given instead of the function's own.
public struct FunctionCase: Sendable {
    /// Parameter name and regular expression, all of which must match.
    public var patterns: [(name: String, pattern: String)]
    public var answer: FunctionDefinition

    public init(patterns: [(name: String, pattern: String)], answer: FunctionDefinition) {
        self.patterns = patterns
        self.answer = answer
    }

    func matches(_ parameters: [String: String]) -> Bool {
        patterns.allSatisfy { name, pattern in
            guard let value = parameters[name], let regex = try? Regex(pattern) else { return false }
            return value.contains(regex)
        }
    }
}
