import Foundation
import Platform

/// A configured webhook URL taken apart: the URL that is sent and signed (no fragment, no
/// credentials), its connection overrides, and the Basic credentials answered after a 401.
struct WebhookTarget {
    let url: String
    let overrides: ConnectionOverrides
    /// `Basic …` for URLs written `https://user:pass@host/…`.
    let basicAuthorization: String?

    static func parse(_ configured: String, defaults: ConnectionOverrides) -> Result<WebhookTarget, WebhookFailure> {
        let split: (url: String, overrides: ConnectionOverrides)
        switch ConnectionOverrides.parse(url: configured, defaults: defaults) {
        case .success(let value): split = value
        case .failure(let failure): return .failure(failure)
        }
        guard var components = URLComponents(string: split.url),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else {
            let shown = WebhookURL.redacted(split.url)
            return .failure(WebhookFailure(code: .invalidURL, url: shown, message: "'\(shown)' is not an absolute http or https URL"))
        }
        var authorization: String?
        if let user = components.user {
            let credentials = user + ":" + (components.password ?? "")
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
            components.user = nil
            components.password = nil
        }
        return .success(WebhookTarget(url: components.string ?? split.url, overrides: split.overrides,
                                      basicAuthorization: authorization))
    }

    /// Resolves a `Location` header (or a TwiML URL) against the URL it came from.
    static func resolve(_ reference: String, against base: String) -> String {
        WebhookURL.resolve(reference, against: base)
    }
}

/// URL arithmetic the platform does on webhook URLs.
public enum WebhookURL {
    /// Resolves a relative URL (a TwiML `<Redirect>`, an `action`, a `Location`) against the
    /// URL of the document it came from.
    public static func resolve(_ reference: String, against base: String) -> String {
        guard let baseURL = URL(string: base), let resolved = URL(string: reference, relativeTo: baseURL) else { return reference }
        return resolved.absoluteString
    }

    /// The URL as reports may show it: a password written in it (`https://user:pass@host/`)
    /// becomes `***`, and so does a user written alone. Neither is sent (only answered to a 401 challenge), so the reports and
    /// the journal never carry it.
    public static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityEnd = url[schemeEnd.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[schemeEnd.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        let user = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let shown = userInfo.contains(":") ? user + ":***" : "***"  // a user alone may be the secret (a token)
        return String(url[..<schemeEnd.upperBound]) + shown + url[at...]
    }
}
