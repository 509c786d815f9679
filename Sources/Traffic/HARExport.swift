import Foundation
import Platform

/// Converts journal exchanges to HAR 1.2, which browsers' developer tools open. Failed
/// exchanges (no response) get status 0; Switchboard's own facts go in `_switchboard` fields,
/// as HAR allows for custom data.
public enum HARExport {
    /// `pretty`: indented with sorted keys, for a file a person opens; compact for the files a
    /// run writes. Both are the same document, written once by the journal's byte writer.
    public static func export(_ exchanges: [Exchange], creatorVersion: String, pretty: Bool = true) throws -> Data {
        var json = JSONWriter()
        json.beginObject()
        json.beginObject("log")
        json.field("version", "1.2")
        json.beginObject("creator")
        json.field("name", "switchboard")
        json.field("version", creatorVersion)
        json.endObject()
        json.beginArray("entries")
        for exchange in exchanges { entry(exchange, into: &json) }
        json.endArray()
        json.endObject()
        json.endObject()
        let data = json.withBytes { Data($0) }
        guard pretty else { return data }
        let document = try JSONSerialization.jsonObject(with: data)
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// One exchange as a HAR entry. Failed exchanges (no response) have status 0.
    private static func entry(_ exchange: Exchange, into json: inout JSONWriter) {
        let request = exchange.request
        let response = exchange.response
        json.beginObject()
        json.field("startedDateTime", timestamp(exchange.time))
        json.field("time", exchange.durationMilliseconds)
        json.beginObject("request")
        json.field("method", request.method)
        json.field("url", request.url)
        json.field("httpVersion", "HTTP/1.1")
        json.namedValues("cookies", [])
        json.namedValues("headers", headers: request.headers)
        json.namedValues("queryString", query(of: request.url))
        if !request.body.isEmpty {
            json.beginObject("postData")
            json.field("mimeType", request.headers.value(named: "content-type") ?? "application/octet-stream")
            json.field("text", request.body)
            if let parameters = request.formParameters { json.namedValues("params", parameters) }
            json.endObject()
        }
        json.field("headersSize", -1)
        json.field("bodySize", request.body.utf8.count)
        json.endObject()
        json.beginObject("response")
        json.field("status", response?.status ?? 0)
        json.field("statusText", response.map { statusText($0.status) } ?? (exchange.errorMessage ?? ""))
        json.field("httpVersion", "HTTP/1.1")
        json.namedValues("cookies", [])
        json.namedValues("headers", headers: response?.headers ?? [])
        json.beginObject("content")
        json.field("size", response?.bodySize ?? 0)
        json.field("mimeType", response?.headers.value(named: "content-type") ?? "")
        json.field("text", response?.body ?? "")
        json.endObject()
        json.field("redirectURL", response?.headers.value(named: "location") ?? "")
        json.field("headersSize", -1)
        json.field("bodySize", response?.bodySize ?? -1)
        json.endObject()
        json.beginObject("cache")
        json.endObject()
        json.beginObject("timings")
        json.field("send", 0.0)
        json.field("wait", exchange.durationMilliseconds)
        json.field("receive", 0.0)
        json.endObject()
        json.beginObject("_switchboard")  // Switchboard's own facts, as HAR allows for custom data
        json.field("event", exchange.event)
        json.field("kind", exchange.kind.rawValue)
        json.field("role", exchange.role)
        json.field("attempt", exchange.attempt)
        json.field("hop", exchange.hop)
        json.field("outcome", exchange.outcome)
        json.field("errorCode", exchange.errorCode)
        json.field("errorMessage", exchange.errorMessage)
        json.endObject()
        json.endObject()
    }

    private static func timestamp(_ seconds: Double) -> String {
        CivilTime.iso8601(seconds)
    }

    private static func query(of url: String) -> [(String, String)] {
        guard let query = URLComponents(string: url)?.percentEncodedQuery else { return [] }
        return FormEncoding.decode(query)
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
}
