import Simulator

/// One operation of the emulated API: its host, method and path (as the platform's OpenAPI
/// description writes it, `{Sid}` for a parameter), its `operationId`, and its handler.
struct Route: Sendable {
    typealias Handler = @Sendable (APIContext) async throws(APIError) -> APIResponse

    let product: PlatformHost.Product
    let method: String
    let operation: String
    let handler: Handler
    private let segments: [Segment]

    /// A segment of a path: literal, or a parameter with the literal text around it (`{Sid}.json`).
    private struct Segment: Sendable {
        let prefix: Substring
        let parameter: String?
        let suffix: Substring
    }

    init(_ product: PlatformHost.Product, _ method: String, _ path: String, _ operation: String, _ handler: @escaping Handler) {
        self.product = product
        self.method = method
        self.operation = operation
        self.handler = handler
        segments = path.split(separator: "/").map { segment in
            guard let open = segment.firstIndex(of: "{"), let close = segment.firstIndex(of: "}") else {
                return Segment(prefix: segment, parameter: nil, suffix: "")
            }
            return Segment(prefix: segment[..<open], parameter: String(segment[segment.index(after: open)..<close]),
                           suffix: segment[segment.index(after: close)...])
        }
    }

    /// The path's parameters when the path (its segments after the leading `/`) is one of this
    /// route's (case-sensitive, as the platform).
    func match(_ parts: ArraySlice<Substring>) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (part, segment) in zip(parts, segments) {
            guard let name = segment.parameter else {
                guard part == segment.prefix else { return nil }
                continue
            }
            guard part.count > segment.prefix.count + segment.suffix.count, part.hasPrefix(segment.prefix),
                  part.hasSuffix(segment.suffix) else { return nil }
            parameters[name] = String(part.dropFirst(segment.prefix.count).dropLast(segment.suffix.count))
        }
        return parameters
    }
}

/// What a handler works with: the request, the world (its gate held), the path's parameters,
/// and the timeline entry of the request (the cause of what it makes happen).
struct APIContext {
    let request: APIRequest
    let world: World
    let path: [String: String]
    let cause: Int

    /// A path parameter (the route guarantees it).
    func parameter(_ name: String) -> String { path[name] ?? "" }

    /// The platform error as an answer.
    func fail(_ error: PlatformError) -> APIError { APIError(error) }
}
