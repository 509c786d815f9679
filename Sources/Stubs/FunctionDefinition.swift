import Platform

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

    public init() {}

    /// The body with `{{Name}}` placeholders filled from the request's parameters.
    public func render(_ parameters: [String: String]) -> String {
        let escape = contentType.contains("xml") || contentType.contains("html")
        var result = ""
        var rest = Substring(body)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = parameters[name] ?? ""
            result += escape ? Markup.escape(value) : value
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
