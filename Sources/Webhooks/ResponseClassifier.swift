import Platform
import Traffic
import TwiML

/// Reads a final (non-redirect) response the way the platform does for each kind of webhook.
enum ResponseClassifier {
    static let twimlContentTypes: Set<String> = ["text/xml", "application/xml", "text/html"]

    static func classify(_ response: HTTPExchange.Response, kind: WebhookKind, url: String) -> Result<WebhookAnswer, WebhookFailure> {
        guard kind.accepts(status: response.status) else {
            // A TwiML fetch that fails is an HTTP retrieval failure; an informational
            // callback's error status is logged as an HTTP error response code.
            let code: TwilioErrorCode = kind.isInformational ? .httpErrorResponseCode : .httpRetrievalFailure
            return .failure(WebhookFailure(code: code, url: url, message: "the server answered HTTP \(response.status) \(response.reason)"))
        }
        if kind.blocks(status: response.status) { return .success(.blocked) }
        if kind.isInformational || kind == .media { return .success(.empty) }
        if response.truncated {
            return .failure(WebhookFailure(code: .responseTooLarge, url: url,
                                           message: "the response body is larger than \(response.body.count - 1) bytes"))
        }
        if response.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if kind.acceptsEmptyBody { return .success(.empty) }
            return .failure(WebhookFailure(code: .documentParseFailure, url: url, message: "the response body is empty"))
        }
        let mediaType = Exchange.mediaType(of: response.header("Content-Type"))
        if twimlContentTypes.contains(mediaType), let dialect = kind.dialect {
            return parse(response.body, dialect: dialect, url: url)
        }
        if mediaType == "text/plain", kind.acceptsPlainText {
            return .success(.text(String(decoding: response.body, as: UTF8.self)))
        }
        if mediaType == "application/json", kind.acceptsJSON {
            return .success(.json(response.body))
        }
        if kind.ignoresOtherBodies { return .success(.empty) }
        let shown = mediaType.isEmpty ? "no Content-Type" : "Content-Type '\(mediaType)'"
        return .failure(WebhookFailure(code: .invalidContentType, url: url,
                                       message: "\(shown) is not TwiML (text/xml, application/xml or text/html)"))
    }

    private static func parse(_ body: [UInt8], dialect: Dialect, url: String) -> Result<WebhookAnswer, WebhookFailure> {
        switch TwiMLDocument.parse(body) {
        case .failure(let error):
            let first = error.diagnostics.first
            return .failure(WebhookFailure(code: first?.code ?? .documentParseFailure, url: url,
                                           message: first?.message ?? "the document could not be parsed", diagnostics: error.diagnostics))
        case .success(let document):
            let diagnostics = document.diagnostics(as: dialect)
            if let error = diagnostics.first(where: { $0.severity == .error }) {
                return .failure(WebhookFailure(code: error.code, url: url, message: error.message, diagnostics: diagnostics))
            }
            return .success(.twiml(document, diagnostics))
        }
    }

    /// Which `rp` condition an HTTP status meets.
    static func retryCondition(status: Int) -> ConnectionOverrides.RetryCondition? {
        switch status {
        case 400...499: return .clientError
        case 500...599: return .serverError
        default: return nil
        }
    }
}
