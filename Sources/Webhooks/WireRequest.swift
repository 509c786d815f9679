import Traffic
import TwiML

/// One request exactly as it goes over the wire: URL (GET parameters in its query string, or
/// `bodySHA256` for JSON), headers with the signature, and body.
struct WireRequest {
    let method: HTTPMethod
    /// The URL requested, which is also the URL signed.
    let signedURL: String
    let headers: [(String, String)]
    let body: [UInt8]

    init(request: WebhookRequest, url: String, method: HTTPMethod, includeParameters: Bool, authorization: String?,
         authToken: String, configuration: WebhookClient.Configuration, cookie: String?) {
        self.method = method
        let parameters = includeParameters ? request.parameters.map { ($0.name, $0.value) } : []
        var contentType: String?
        var signedParameters: [(String, String)] = []
        if let json = request.jsonBody, includeParameters, method == .post {
            signedURL = Self.appending("bodySHA256=" + Signature.bodySHA256(json), to: url)
            body = json
            contentType = "application/json"
        } else if method == .get {
            signedURL = parameters.isEmpty ? url : Self.appending(FormEncoding.encode(parameters), to: url)
            body = []
        } else {
            signedURL = url
            signedParameters = parameters
            body = Array(FormEncoding.encode(parameters).utf8)
            contentType = "application/x-www-form-urlencoded; charset=utf-8"
        }
        var headers: [(String, String)] = [
            ("X-Twilio-Signature", Signature.compute(token: authToken, url: signedURL, parameters: signedParameters)),
            ("I-Twilio-Idempotency-Token", request.idempotencyToken),
            ("User-Agent", configuration.userAgent),
            ("X-Home-Region", configuration.homeRegion),
            ("Accept", "*/*"),
        ]
        if let contentType { headers.append(("Content-Type", contentType)) }
        if let cookie { headers.append(("Cookie", cookie)) }
        if let authorization { headers.append(("Authorization", authorization)) }
        self.headers = headers
    }

    private static func appending(_ query: String, to url: String) -> String {
        url + (url.contains("?") ? "&" : "?") + query
    }
}
