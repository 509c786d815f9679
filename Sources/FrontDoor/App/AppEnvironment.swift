/// The variables the app under test is started with: its account, its port, and what each
/// official helper library reads to reach the emulated platform through the proxy.
public struct AppEnvironment: Sendable {
    /// The account (and API key) the app's requests are made with.
    public struct Account: Sendable {
        public var sid: String
        public var authToken: String
        public var apiKey: (sid: String, secret: String)?

        public init(sid: String, authToken: String, apiKey: (sid: String, secret: String)? = nil) {
            self.sid = sid
            self.authToken = authToken
            self.apiKey = apiKey
        }
    }

    public var account: Account
    public var port: Int
    /// The proxy's URL (`http://127.0.0.1:…`).
    public var proxyURL: String
    /// The run's CA certificate file.
    public var certificateFile: String
    /// The REST emulator's plain-HTTP base (`http://127.0.0.1:…`), the platform's host as the
    /// path's first segment.
    public var apiURL: String

    public init(account: Account, port: Int, proxyURL: String, certificateFile: String, apiURL: String) {
        self.account = account
        self.port = port
        self.proxyURL = proxyURL
        self.certificateFile = certificateFile
        self.apiURL = apiURL
    }

    /// The variables by name.
    public var variables: [String: String] {
        var variables = [
            "TWILIO_ACCOUNT_SID": account.sid,
            "TWILIO_AUTH_TOKEN": account.authToken,
            "PORT": String(port),
            // twilio-python (requests) reads HTTPS_PROXY; twilio-node and the Serverless Toolkit HTTP_PROXY only.
            "HTTPS_PROXY": proxyURL, "https_proxy": proxyURL,
            "HTTP_PROXY": proxyURL, "http_proxy": proxyURL,
            // The app's own loopback calls (its webhooks' helpers, the built-in functions) go direct.
            "NO_PROXY": "127.0.0.1,localhost,::1", "no_proxy": "127.0.0.1,localhost,::1",
            // requests, curl and OpenSSL-based clients, Node (through a proxy), twilio-node (without one).
            "REQUESTS_CA_BUNDLE": certificateFile, "CURL_CA_BUNDLE": certificateFile, "SSL_CERT_FILE": certificateFile,
            "NODE_EXTRA_CA_CERTS": certificateFile, "TWILIO_CA_BUNDLE": certificateFile,
            // Python holds `print` into a pipe back until a buffer fills: its lines would miss their scenario.
            "PYTHONUNBUFFERED": "1",
            "SWITCHBOARD_API_URL": apiURL,
            "SWITCHBOARD_PROXY_URL": proxyURL,
            "SWITCHBOARD_CA_FILE": certificateFile,
        ]
        if let key = account.apiKey {
            variables["TWILIO_API_KEY"] = key.sid
            variables["TWILIO_API_SECRET"] = key.secret
        }
        return variables
    }
}
