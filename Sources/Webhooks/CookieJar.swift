import Traffic
import Foundation
import Synchronization

/// The platform's SMS cookies: one cookie per From/To pair, set by a `Set-Cookie` on any
/// answer of the conversation (the incoming message's webhook, a `<Redirect>` fetch, their
/// HTTP redirect hops) and sent back on later webhooks for the same pair, for at most four
/// hours (or less when `Max-Age`/`Expires` say so). A call's cookies are kept the same way
/// under the call's SID, for the whole call. Time is whatever clock the caller
/// passes, in seconds since 1970: the virtual clock in scenarios, the wall clock in
/// `switchboard webhook`.
public final class CookieJar: Sendable {
    /// The longest the platform keeps a cookie.
    public static let lifetime: Double = 4 * 3600

    /// One stored cookie.
    public struct Cookie: Codable, Sendable, Hashable {
        public let name: String
        public let value: String
        /// Seconds on the caller's clock after which the cookie is gone.
        public let expires: Double
    }

    private let cookies = Mutex<[String: Cookie]>([:])

    public init() {}

    /// The `Cookie` header for a pair, if a live cookie is stored.
    public func header(from: String, to: String, now: Double) -> String? {
        cookies.withLock { stored in
            let key = Self.key(from, to)
            guard let cookie = stored[key] else { return nil }
            if cookie.expires <= now {
                stored[key] = nil
                return nil
            }
            return cookie.name + "=" + cookie.value
        }
    }

    /// Stores the cookie of a `Set-Cookie` header for a pair (replacing the pair's previous
    /// one) for at most `lifetime` seconds; `Max-Age=0` or an `Expires` in the past deletes it.
    public func store(setCookie header: String, from: String, to: String, now: Double, lifetime: Double = CookieJar.lifetime) {
        let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return }
        let name = String(first[..<equals])
        let value = String(first[first.index(after: equals)...])
        var expires = now + lifetime
        for attribute in parts.dropFirst() {
            let pair = attribute.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "max-age":
                if let seconds = Double(pair[1]), seconds.isFinite { expires = min(now + lifetime, now + seconds) }
            case "expires":
                if let date = Self.httpDate(pair[1]) {
                    expires = min(expires, date.timeIntervalSince1970)
                }
            default:
                break
            }
        }
        cookies.withLock { stored in
            stored[Self.key(from, to)] = expires > now ? Cookie(name: name, value: value, expires: expires) : nil
        }
    }

    /// Everything stored, for saving a jar to a file.
    public var snapshot: [String: Cookie] { cookies.withLock { $0 } }

    /// Replaces the contents with a saved snapshot.
    public func restore(_ snapshot: [String: Cookie]) {
        cookies.withLock { $0 = snapshot }
    }

    private static func key(_ from: String, _ to: String) -> String { from + "|" + to }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE, dd-MMM-yyyy HH:mm:ss zzz"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

extension WebhookKind {
    /// How long a stored cookie lasts at most: four hours for an SMS conversation, and for a
    /// call the longest a call can last (24 hours), that is the whole call.
    public var cookieLifetime: Double { self == .voice ? 24 * 3600 : CookieJar.lifetime }
}
