import Foundation

/// HTTP Basic credentials as the helper libraries send them on every request: the account SID
/// and auth token, or an API key's SID and secret.
struct Credentials: Sendable, Equatable {
    let user: String
    let password: String

    /// The credentials of an `Authorization: Basic …` header; nil when there are none.
    init?(authorization: String?) {
        guard let authorization, authorization.count > 6, authorization.prefix(6).lowercased() == "basic ",
              let data = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        user = String(text[..<colon])
        password = String(text[text.index(after: colon)...])
    }

    init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// The header value that carries them.
    var authorization: String {
        "Basic " + Data((user + ":" + password).utf8).base64EncodedString()
    }
}
