import Traffic

/// Builds the `Exchange` record of one request once its result is known.
struct ExchangeRecorder {
    let request: WebhookRequest
    let role: String
    let attempt: Int
    let hop: Int
    let wire: WireRequest
    let durationMilliseconds: Double

    func finish(response: HTTPExchange.Response?, outcome: String = "", failure: WebhookFailure? = nil) -> Exchange {
        Exchange(
            event: request.event, kind: request.kind, role: role, attempt: attempt, hop: hop, time: request.time,
            request: .init(method: wire.method.rawValue, url: wire.signedURL,
                           headers: wire.headers.map { Exchange.Header($0.0, $0.1) },
                           body: String(decoding: wire.body, as: UTF8.self)),
            response: response.map { response in
                .init(status: response.status, headers: response.headers.map { Exchange.Header($0.0, $0.1) },
                      body: String(decoding: response.body.prefix(64 * 1024), as: UTF8.self),
                      bodySize: response.body.count, truncated: response.truncated)
            },
            durationMilliseconds: durationMilliseconds,
            outcome: failure.map { String($0.code.code) } ?? outcome,
            errorCode: failure?.code.code, errorMessage: failure?.message)
    }
}
