import HTTPTypes
import Traffic
import Webhooks

/// A request to the REST API as a resource handler reads it: the platform host it was for, the
/// path, the parameters (query and form body, in order, repeated keys kept), the credentials.
public struct APIRequest: Sendable {
    public var method: String
    /// The platform product the host names (`api`, `messaging`, `proxy` …).
    public var product: PlatformHost.Product
    /// The host as the client named it (`api.twilio.com`, `api.dublin.ie1.twilio.com`).
    public var host: String
    /// The absolute base of URLs in answers: the request's own scheme and host, so that a
    /// next page never leaves the emulator (`http://127.0.0.1:4010/proxy.twilio.com`).
    public var baseURL: String
    public var path: String
    /// The query string as it came, to carry filters into page URLs.
    public var query: [(String, String)]
    public var form: [(String, String)]
    public var headers: HTTPFields
    /// The file parts of a `multipart/form-data` body, by name.
    public var files: [String: UploadedFile] = [:]
    /// The credentials' user, once authenticated.
    public var user: String?

    public init(method: String, product: PlatformHost.Product, host: String, baseURL: String, path: String, query: [(String, String)] = [],
                form: [(String, String)] = [], headers: HTTPFields = [:], user: String? = nil) {
        self.method = method
        self.product = product
        self.host = host
        self.baseURL = baseURL
        self.path = path
        self.query = query
        self.form = form
        self.headers = headers
        self.user = user
    }

    /// The first value of a parameter (body first, then query).
    public func value(_ name: String) -> String? {
        form.first { $0.0 == name }?.1 ?? query.first { $0.0 == name }?.1
    }

    /// Every value of a repeated parameter, in order (`MediaUrl=a&MediaUrl=b`).
    public func values(_ name: String) -> [String] {
        let fromForm = form.filter { $0.0 == name }.map(\.1)
        return fromForm.isEmpty ? query.filter { $0.0 == name }.map(\.1) : fromForm
    }

    /// Whether a parameter was given at all (even empty, as `Body=` to redact).
    public func has(_ name: String) -> Bool {
        form.contains { $0.0 == name } || query.contains { $0.0 == name }
    }

    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }

    /// The parameters as the timeline keeps them.
    var parameters: [Parameter] {
        (query + form).map { Parameter($0.0, $0.1) }
    }
}
