import Crypto
import Foundation

/// `X-Twilio-Signature`: HMAC-SHA1 with the auth token over the URL followed by the sorted
/// parameters, base64-encoded (shared/reference/twilio-behaviour.md §5).
public enum Signature {
    /// The signature the platform sends. `url` is the full URL as requested (for GET, with the
    /// parameters in its query string and `parameters` empty); never include a `#` fragment.
    public static func compute(token: String, url: String, parameters: [(String, String)]) -> String {
        let key = SymmetricKey(data: Array(token.utf8))
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(signedString(url: url, parameters: parameters).utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// The string that is signed: the URL, then `name + value` for each distinct name in
    /// byte order, and for a repeated name each distinct value in byte order (as the official
    /// validators build it).
    public static func signedString(url: String, parameters: [(String, String)]) -> String {
        // Sorting the pairs by name, then value, and dropping repeated pairs gives exactly
        // "each distinct name in order, each distinct value of it in order".
        let sorted = parameters.sorted { lhs, rhs in
            lhs.0 == rhs.0 ? utf8Less(lhs.1, rhs.1) : utf8Less(lhs.0, rhs.0)
        }
        var result = url
        var previous: (String, String)?
        for pair in sorted where previous.map({ $0 != pair }) ?? true {
            result += pair.0
            result += pair.1
            previous = pair
        }
        return result
    }

    /// Lower-case hex SHA-256 of a JSON body, sent as the `bodySHA256` query parameter.
    public static func bodySHA256(_ body: [UInt8]) -> String {
        SHA256.hash(data: body).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    private static func utf8Less(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
