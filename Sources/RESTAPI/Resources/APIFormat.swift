import Platform
import Simulator
import TwiML

/// The platform's conventions for fields: dates per API (RFC 2822 with `+0000` in 2010, ISO
/// 8601 to the second with `Z` in v1: anything else the Python library reads as nothing),
/// numbers that the 2010 API writes as strings, and the parameter forms the API takes.
enum APIFormat {
    static func date2010(_ time: Double?) -> JSON { time.map { .string(CivilTime.rfc2822($0)) } ?? .null }
    static func dateV1(_ time: Double?) -> JSON { time.map { .string(CivilTime.iso8601Seconds($0)) } ?? .null }

    /// The 2010 path of a resource of the world's account.
    static func accountPath(_ world: World, _ rest: String) -> String {
        accountPath(world.accountSid.description, rest)
    }

    /// The 2010 path of a resource of this account (the test credentials' own, for their answers).
    static func accountPath(_ account: String, _ rest: String) -> String {
        "/2010-04-01/Accounts/\(account)/\(rest)"
    }

    /// A boolean parameter: `true` or `false`, as the libraries send them.
    static func bool(_ request: APIRequest, _ name: String) throws(APIError) -> Bool? {
        guard let text = request.value(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw APIError.invalid(20001, "\(name) must be true or false, not '\(text)'")
        }
    }

    /// An HTTP method parameter (`GET` or `POST`).
    static func method(_ request: APIRequest, _ name: String) throws(APIError) -> HTTPMethod? {
        guard let text = request.value(name) else { return nil }
        guard let method = HTTPMethod(rawValue: text.uppercased()) else {
            throw APIError.invalid(20001, "\(name) must be GET or POST, not '\(text)'")
        }
        return method
    }

    /// A URL parameter: absolute http(s) with a host; `code` when it is not.
    static func url(_ request: APIRequest, _ name: String, code: Int) throws(APIError) -> String? {
        guard let text = request.value(name) else { return nil }
        if text.isEmpty { return "" }
        guard isURL(text) else { throw APIError.invalid(code, "\(name) '\(text)' is not a valid URL") }
        return text
    }

    /// `+` and 8 to 15 digits, the first not 0: what apps send nearly always, checked on bytes
    /// before the full parse of a number written any other way.
    private static func isPlainE164(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (9...16).contains(bytes.count), bytes.first == UInt8(ascii: "+") else { return false }
        let digits = bytes.dropFirst()
        return digits.first != UInt8(ascii: "0") && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A URL field an update may set: absent (`.none`, left as it is), empty (`.some(nil)`,
    /// cleared) or a URL.
    static func urlChange(_ request: APIRequest, _ name: String, code: Int) throws(APIError) -> String?? {
        guard request.has(name) else { return .none }
        let value = try url(request, name, code: code)
        return .some(value?.isEmpty == true ? nil : value)
    }

    static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
        let rest = text.drop { $0 != "/" }.dropFirst(2)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        return !host.isEmpty && !host.contains("_") && !host.contains(" ")
    }

    /// A whole number of seconds within bounds; `code` otherwise.
    static func seconds(_ request: APIRequest, _ name: String, in range: ClosedRange<Int>, code: Int = 20001) throws(APIError) -> Double? {
        guard let text = request.value(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.invalid(code, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return Double(value)
    }

    /// An E.164 number, or a channel address (`whatsapp:+1…`, `messenger:…`).
    static func isAddress(_ text: String) -> Bool {
        if isPlainE164(text) { return true }
        if PhoneNumber(text) != nil, text.hasPrefix("+") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        return ["whatsapp", "messenger", "rcs", "client", "sip"].contains(String(text[..<colon])) && text.count > colon.utf16Offset(in: text) + 1
    }
}
