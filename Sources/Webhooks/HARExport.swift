import Foundation
import Platform

/// Converts journal exchanges to HAR 1.2, which browsers' developer tools open. Failed
/// exchanges (no response) get status 0; Switchboard's own facts go in `_switchboard` fields,
/// as HAR allows for custom data.
public enum HARExport {
    /// `pretty`: indented with sorted keys (Foundation's encoder), for a file a person opens;
    /// compact (the journal's byte writer, many times faster) for the many files of a run.
    public static func export(_ exchanges: [Exchange], creatorVersion: String, pretty: Bool = true) throws -> Data {
        let log = Log(log: .init(creator: .init(name: "switchboard", version: creatorVersion), entries: exchanges.map(entry)))
        guard pretty else { return Data(compact(log)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(log)
    }

    private static func compact(_ log: Log) -> [UInt8] {
        var json = JSONWriter()
        func pairs(_ key: String, _ values: [NameValue]) { json.namedValues(key, values.map { ($0.name, $0.value) }) }
        json.beginObject()
        json.beginObject("log")
        json.field("version", log.log.version)
        json.beginObject("creator")
        json.field("name", log.log.creator.name)
        json.field("version", log.log.creator.version)
        json.endObject()
        json.beginArray("entries")
        for entry in log.log.entries {
            json.beginObject()
            json.field("startedDateTime", entry.startedDateTime)
            json.field("time", entry.time)
            json.beginObject("request")
            json.field("method", entry.request.method)
            json.field("url", entry.request.url)
            json.field("httpVersion", entry.request.httpVersion)
            pairs("cookies", entry.request.cookies)
            pairs("headers", entry.request.headers)
            pairs("queryString", entry.request.queryString)
            if let post = entry.request.postData {
                json.beginObject("postData")
                json.field("mimeType", post.mimeType)
                json.field("text", post.text)
                if let params = post.params { pairs("params", params) }
                json.endObject()
            }
            json.field("headersSize", entry.request.headersSize)
            json.field("bodySize", entry.request.bodySize)
            json.endObject()
            json.beginObject("response")
            json.field("status", entry.response.status)
            json.field("statusText", entry.response.statusText)
            json.field("httpVersion", entry.response.httpVersion)
            pairs("cookies", entry.response.cookies)
            pairs("headers", entry.response.headers)
            json.beginObject("content")
            json.field("size", entry.response.content.size)
            json.field("mimeType", entry.response.content.mimeType)
            json.field("text", entry.response.content.text)
            json.endObject()
            json.field("redirectURL", entry.response.redirectURL)
            json.field("headersSize", entry.response.headersSize)
            json.field("bodySize", entry.response.bodySize)
            json.endObject()
            json.beginObject("cache")
            json.endObject()
            json.beginObject("timings")
            json.field("send", entry.timings.send)
            json.field("wait", entry.timings.wait)
            json.field("receive", entry.timings.receive)
            json.endObject()
            json.beginObject("_switchboard")
            let facts = entry._switchboard
            json.field("event", facts.event)
            json.field("kind", facts.kind)
            json.field("role", facts.role)
            json.field("attempt", facts.attempt)
            json.field("hop", facts.hop)
            json.field("outcome", facts.outcome)
            json.field("errorCode", facts.errorCode)
            json.field("errorMessage", facts.errorMessage)
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.endObject()
        return json.bytes
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
        CivilTime.iso8601(seconds)
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
