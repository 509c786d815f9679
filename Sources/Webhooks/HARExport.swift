import Foundation

/// Converts journal exchanges to HAR 1.2, which browsers' developer tools open. Failed
/// exchanges (no response) get status 0; Switchboard's own facts go in `_switchboard` fields,
/// as HAR allows for custom data.
public enum HARExport {
    public static func export(_ exchanges: [Exchange], creatorVersion: String) throws -> Data {
        let log = Log(log: .init(creator: .init(name: "switchboard", version: creatorVersion), entries: exchanges.map(entry)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(log)
    }

    private static func entry(_ exchange: Exchange) -> Entry {
        let request = exchange.request
        let contentType = request.headers.first { $0.name.lowercased() == "content-type" }?.value
        let response = exchange.response
        let responseType = response?.headers.first { $0.name.lowercased() == "content-type" }?.value ?? ""
        return Entry(
            startedDateTime: timestamp(exchange.time),
            time: exchange.durationMilliseconds,
            request: .init(
                method: request.method, url: request.url, httpVersion: "HTTP/1.1", cookies: [],
                headers: request.headers.map { .init(name: $0.name, value: $0.value) },
                queryString: query(of: request.url),
                postData: request.body.isEmpty ? nil : .init(
                    mimeType: contentType ?? "application/octet-stream", text: request.body,
                    params: contentType?.hasPrefix("application/x-www-form-urlencoded") == true
                        ? FormEncoding.decode(request.body).map { .init(name: $0.0, value: $0.1) } : nil),
                headersSize: -1, bodySize: request.body.utf8.count),
            response: .init(
                status: response?.status ?? 0, statusText: response.map { statusText($0.status) } ?? (exchange.errorMessage ?? ""),
                httpVersion: "HTTP/1.1", cookies: [],
                headers: (response?.headers ?? []).map { .init(name: $0.name, value: $0.value) },
                content: .init(size: response?.bodySize ?? 0, mimeType: responseType, text: response?.body ?? ""),
                redirectURL: response?.headers.first { $0.name.lowercased() == "location" }?.value ?? "",
                headersSize: -1, bodySize: response?.bodySize ?? -1),
            cache: .init(),
            timings: .init(send: 0, wait: exchange.durationMilliseconds, receive: 0),
            _switchboard: .init(event: exchange.event, kind: exchange.kind.rawValue, role: exchange.role, attempt: exchange.attempt,
                                hop: exchange.hop, outcome: exchange.outcome, errorCode: exchange.errorCode,
                                errorMessage: exchange.errorMessage))
    }

    private static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    private static func query(of url: String) -> [NameValue] {
        guard let query = URLComponents(string: url)?.percentEncodedQuery else { return [] }
        return FormEncoding.decode(query).map { .init(name: $0.0, value: $0.1) }
    }

    private static func statusText(_ status: Int) -> String {
        reasons[status] ?? ""
    }

    private static let reasons: [Int: String] = [
        200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found",
        303: "See Other", 304: "Not Modified", 307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 413: "Content Too Large", 415: "Unsupported Media Type", 429: "Too Many Requests",
        500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    // MARK: - HAR 1.2 structure

    struct Log: Encodable { let log: Body }
    struct Body: Encodable {
        var version = "1.2"
        let creator: Creator
        let entries: [Entry]
    }
    struct Creator: Encodable { let name: String; let version: String }
    struct NameValue: Encodable { let name: String; let value: String }
    struct Entry: Encodable {
        let startedDateTime: String
        let time: Double
        let request: Request
        let response: Response
        let cache: Cache
        let timings: Timings
        let _switchboard: Facts
    }
    struct Request: Encodable {
        let method: String
        let url: String
        let httpVersion: String
        let cookies: [NameValue]
        let headers: [NameValue]
        let queryString: [NameValue]
        let postData: PostData?
        let headersSize: Int
        let bodySize: Int
    }
    struct PostData: Encodable { let mimeType: String; let text: String; let params: [NameValue]? }
    struct Response: Encodable {
        let status: Int
        let statusText: String
        let httpVersion: String
        let cookies: [NameValue]
        let headers: [NameValue]
        let content: Content
        let redirectURL: String
        let headersSize: Int
        let bodySize: Int
    }
    struct Content: Encodable { let size: Int; let mimeType: String; let text: String }
    struct Cache: Encodable {}
    struct Timings: Encodable { let send: Double; let wait: Double; let receive: Double }
    struct Facts: Encodable {
        let event: String
        let kind: String
        let role: String
        let attempt: Int
        let hop: Int
        let outcome: String
        let errorCode: Int?
        let errorMessage: String?
    }
}
