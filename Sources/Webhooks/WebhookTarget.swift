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
            return .failure(WebhookFailure(code: .invalidURL, url: split.url,
                                           message: "'\(split.url)' is not an absolute http or https URL"))
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
}
