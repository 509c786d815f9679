import Crypto
import Foundation

/// Checks `X-Twilio-Signature` as the official validators do, and when a signature does not
/// match, tries the usual mistakes to say which one explains it.
public enum SignatureVerifier {
    /// What a check found.
    public enum Verdict: Equatable, Sendable {
        /// The signature matches the URL as given (or with the port rules the SDKs apply).
        case valid
        /// It matches only if the URL or parameters are changed as `explanation` says.
        case mismatch(explanation: String)
        /// No usual mistake explains it: most likely a different auth token.
        case invalid
    }

    /// Whether `signature` is valid for the request, trying the URL as given, without its port
    /// and with the scheme's default port, as twilio-python's `RequestValidator` does. A URL
    /// with `bodySHA256` is checked against `body` and signed without parameters.
    public static func isValid(signature: String, token: String, url: String, parameters: [(String, String)],
                               body: [UInt8]? = nil) -> Bool {
        if let expected = queryValue("bodySHA256", in: url), let body, Signature.bodySHA256(body) != expected {
            return false
        }
        let signedParameters = queryValue("bodySHA256", in: url) == nil ? parameters : []
        return URLVariants.portVariants(of: url).contains { candidate in
            constantTimeEqual(Signature.compute(token: token, url: candidate, parameters: signedParameters), signature)
        }
    }

    /// Checks the signature; when it fails, looks for the mistake that explains it.
    public static func verify(signature: String, token: String, url: String, parameters: [(String, String)]) -> Verdict {
        if isValid(signature: signature, token: token, url: url, parameters: parameters) { return .valid }
        for (candidate, candidateParameters, explanation) in URLVariants.mistakes(url: url, parameters: parameters)
        where isValid(signature: signature, token: token, url: candidate, parameters: candidateParameters) {
            return .mismatch(explanation: explanation)
        }
        return .invalid
    }

    private static func queryValue(_ name: String, in url: String) -> String? {
        URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value
    }

    private static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The URL variants validators accept and the mistakes people make when rebuilding the URL.
enum URLVariants {
    /// As given, without the port, with the scheme's default port.
    static func portVariants(of url: String) -> [String] {
        guard var components = URLComponents(string: url) else { return [url] }
        var variants = [url]
        if components.port != nil {
            components.port = nil
            variants.append(components.string ?? url)
        } else if let scheme = components.scheme?.lowercased(), let port = ["https": 443, "http": 80][scheme] {
            components.port = port
            variants.append(components.string ?? url)
        }
        return variants
    }

    /// Variants that each undo one usual mistake, with the sentence that names it.
    static func mistakes(url: String, parameters: [(String, String)]) -> [(String, [(String, String)], String)] {
        guard let components = URLComponents(string: url) else { return [] }
        var result: [(String, [(String, String)], String)] = []
        var flipped = components
        if components.scheme == "http" { flipped.scheme = "https" } else if components.scheme == "https" { flipped.scheme = "http" }
        if let flippedURL = flipped.string, flipped.scheme != components.scheme {
            result.append((flippedURL, parameters,
                           "the signature is for the \(flipped.scheme ?? "") URL: a TLS-terminating proxy changed the scheme the app sees"))
        }
        for port in [80, 443, 8080, 3000, 5000, 8000] where port != components.port {
            var withPort = components
            withPort.port = port
            if let candidate = withPort.string {
                result.append((candidate, parameters, "the signature is for the URL with port \(port): the app rebuilt the URL with a different port"))
            }
        }
        if components.query != nil {
            var withoutQuery = components
            withoutQuery.query = nil
            if let candidate = withoutQuery.string {
                result.append((candidate, parameters, "the signature is for the URL without its query string: the query string must be signed too"))
            }
        }
        if !parameters.isEmpty {
            result.append((url, [], "the signature covers the URL only: the request was signed as a GET (or with a JSON body), not with its form parameters"))
        }
        let path = components.path
        var slash = components
        slash.path = path.hasSuffix("/") ? String(path.dropLast()) : path + "/"
        if let candidate = slash.string {
            result.append((candidate, parameters, "the signature is for the URL \(path.hasSuffix("/") ? "without" : "with") a trailing slash"))
        }
        return result
    }
}
