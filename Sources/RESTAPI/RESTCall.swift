import Webhooks

/// A REST request made the way an app makes it: a scenario's `rest` step, or a built-in
/// function's `rest:` (its text may hold `{{Name}}` placeholders for the webhook's parameters).
public struct RESTCall: Sendable {
    public var method: String
    /// A platform URL (`https://api.twilio.com/2010-04-01/Accounts/{{AccountSid}}/Messages.json`),
    /// or a path of the 2010 API (`/2010-04-01/…`).
    public var url: String
    /// Form (POST) or query (GET, DELETE) parameters, in order; a key may repeat.
    public var parameters: [(String, String)]
    /// The user and password to send; the account's SID and auth token when nil.
    public var credentials: (user: String, password: String)?
    /// Headers sent besides the usual ones (`X-Twilio-Webhook-Enabled: true`).
    public var headers: [(name: String, value: String)] = []
    /// File parts: with any, a POST is sent as `multipart/form-data` (the Serverless upload API).
    public var files: [(name: String, file: UploadedFile)] = []
    /// A form body sent as it is, whatever the method (a GET with a body, which a function refuses).
    public var body: String?

    public init(method: String, url: String, parameters: [(String, String)] = [], credentials: (user: String, password: String)? = nil) {
        self.method = method
        self.url = url
        self.parameters = parameters
        self.credentials = credentials
    }

    /// The platform host (an API's, or a Serverless domain `*.twil.io`) and path it is for; nil
    /// when the URL names no platform host. The
    /// emulator's own URLs (a next page's, `http://127.0.0.1:PORT/messaging.twilio.com/v1/…`)
    /// name theirs as the path's first segment.
    public var target: (host: String, path: String)? {
        if url.hasPrefix("/") { return ("api.twilio.com", url) }
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = String(rest.prefix { $0 != "/" })
        let path = String(rest.dropFirst(host.count))
        if PlatformHost.product(of: host) != nil || PlatformDomainRoute.isPlatformDomain(host) { return (host, path.isEmpty ? "/" : path) }
        return PlatformHost.target(host: nil, path: path, scheme: "http").map { ($0.host, $0.path) }
    }
}
