import Foundation
import NIOCore
import Platform
import Synchronization
import Traffic
import TwiML

/// The one pipeline through which every simulated service calls an application: sign, send,
/// follow redirects, retry by policy, read at most 64 kB, classify, fall back. Every exchange
/// is recorded in the outcome and appended to the journal as it happens. Failures are values:
/// nothing a server does makes `deliver` throw or hang past the configured total time.
public final class WebhookClient: Sendable {
    /// Settings shared by every delivery of one client.
    public struct Configuration: Sendable {
        /// The auth token, timeouts, journal and cookies used when a delivery brings no context.
        public var context: DeliveryContext
        /// HTTP redirects followed in a row before 11215.
        public var maximumRedirects = 10
        /// The largest response body read (the platform's TwiML limit).
        public var maximumBodySize = 64 * 1024
        /// Idle connections kept per host: the number of deliveries expected in flight.
        public var connectionsPerHost = 16
        public var userAgent = "TwilioProxy/1.1"
        public var homeRegion = "us1"

        public init(authToken: String) {
            context = DeliveryContext(authToken: authToken)
        }
    }

    public let configuration: Configuration
    private let pool: HTTPConnectionPool

    public init(configuration: Configuration, journal: TrafficJournal? = nil, cookies: CookieJar? = nil) {
        var configuration = configuration
        if let journal { configuration.context.journal = journal }
        if let cookies { configuration.context.cookies = cookies }
        self.configuration = configuration
        pool = HTTPConnectionPool(maximumIdle: configuration.connectionsPerHost)
    }

    /// Closes the idle connections; call once when done.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// Delivers a webhook; on failure requests `fallback` with `ErrorCode` and `ErrorUrl` added.
    /// `context` is the calling account's (the client's own when nil).
    public func deliver(_ request: WebhookRequest, fallback: (url: String, method: HTTPMethod)? = nil,
                        context: DeliveryContext? = nil) async -> DeliveryOutcome {
        let context = context ?? configuration.context
        var exchanges: [Exchange] = []
        let primary = await fetch(request, role: "primary", context: context, exchanges: &exchanges)
        switch primary.result {
        case .success:
            return DeliveryOutcome(exchanges: exchanges, result: primary.result, primaryFailure: nil, finalURL: primary.finalURL)
        case .failure(let failure):
            guard let fallback else {
                return DeliveryOutcome(exchanges: exchanges, result: primary.result, primaryFailure: nil, finalURL: primary.finalURL)
            }
            let second = await fetch(request.fallback(url: fallback.url, method: fallback.method, after: failure),
                                     role: "fallback", context: context, exchanges: &exchanges)
            return DeliveryOutcome(exchanges: exchanges, result: second.result, primaryFailure: failure, finalURL: second.finalURL)
        }
    }

    // MARK: - One URL: attempts, retries, redirects

    private struct Fetched {
        let result: Result<WebhookAnswer, WebhookFailure>
        let finalURL: String
    }

    private func fetch(_ request: WebhookRequest, role: String, context: DeliveryContext,
                       exchanges: inout [Exchange]) async -> Fetched {
        var target: WebhookTarget
        switch WebhookTarget.parse(request.url, defaults: context.defaults) {
        case .success(let parsed): target = parsed
        case .failure(let failure): return Fetched(result: .failure(failure), finalURL: request.url)
        }
        if let longest = request.kind.longestWait {
            var overrides = target.overrides
            overrides.readTimeout = min(overrides.readTimeout, longest)
            overrides.totalTime = min(overrides.totalTime, longest)
            target = WebhookTarget(url: target.url, overrides: overrides, basicAuthorization: target.basicAuthorization)
        }
        let deadline = NIODeadline.now() + .milliseconds(Int64(target.overrides.totalTime))
        var attempt = 1
        while true {
            let sent = await send(request, to: target, deadline: deadline, role: role, attempt: attempt,
                                  context: context, exchanges: &exchanges)
            let retryable = sent.retryCondition.map(target.overrides.retryPolicy.contains) ?? false
            if retryable, attempt <= target.overrides.retryCount, NIODeadline.now() < deadline {
                attempt += 1
                continue
            }
            return Fetched(result: sent.result, finalURL: sent.finalURL)
        }
    }

    private struct Sent {
        let result: Result<WebhookAnswer, WebhookFailure>
        let retryCondition: ConnectionOverrides.RetryCondition?
        let finalURL: String
    }

    /// One attempt: the request, the Basic-auth answer to a 401 challenge, and HTTP redirects.
    private func send(_ request: WebhookRequest, to target: WebhookTarget, deadline: NIODeadline,
                      role: String, attempt: Int, context: DeliveryContext, exchanges: inout [Exchange]) async -> Sent {
        var url = target.url
        var method = request.method
        var includeParameters = true
        var authorize = false
        var hop = 0
        while true {
            let wire = WireRequest(request: request, url: url, method: method, includeParameters: includeParameters,
                                   authorization: authorize ? target.basicAuthorization : nil, authToken: context.authToken,
                                   configuration: configuration, cookie: cookieHeader(for: request, jar: context.cookies))
            let started = ContinuousClock.now
            let raw = await HTTPExchange.perform(wire, pool: pool, overrides: target.overrides, deadline: deadline,
                                                 limit: configuration.maximumBodySize, domains: context.domains)
            let milliseconds = Self.milliseconds(since: started)
            let record = ExchangeRecorder(request: request, role: role, attempt: attempt, hop: hop, wire: wire,
                                          durationMilliseconds: milliseconds)
            switch raw {
            case .failed(let code, let message, let condition):
                let failure = WebhookFailure(code: code, url: wire.signedURL, message: message)
                append(context.journal, record.finish(response: nil, failure: failure), to: &exchanges)
                return Sent(result: .failure(failure), retryCondition: condition, finalURL: url)
            case .received(let response):
                storeCookie(response, for: request, jar: context.cookies)
                if response.status == 401, target.basicAuthorization != nil, !authorize,
                   response.header("WWW-Authenticate")?.lowercased().hasPrefix("basic") == true {
                    append(context.journal, record.finish(response: response, outcome: "auth-challenge"), to: &exchanges)
                    authorize = true
                    continue
                }
                if let location = response.redirectLocation {
                    guard hop < configuration.maximumRedirects else {
                        let failure = WebhookFailure(code: .httpTooManyRedirects, url: wire.signedURL,
                                                     message: "more than \(configuration.maximumRedirects) HTTP redirects in a row")
                        append(context.journal, record.finish(response: response, failure: failure), to: &exchanges)
                        return Sent(result: .failure(failure), retryCondition: nil, finalURL: url)
                    }
                    append(context.journal, record.finish(response: response, outcome: "redirect"), to: &exchanges)
                    url = WebhookTarget.resolve(location, against: url)
                    if response.status != 307, response.status != 308 {
                        method = .get
                        includeParameters = false
                    }
                    hop += 1
                    continue
                }
                let result = ResponseClassifier.classify(response, kind: request.kind, url: wire.signedURL)
                switch result {
                case .success: append(context.journal, record.finish(response: response, outcome: "ok"), to: &exchanges)
                case .failure(let failure): append(context.journal, record.finish(response: response, failure: failure), to: &exchanges)
                }
                return Sent(result: result, retryCondition: ResponseClassifier.retryCondition(status: response.status), finalURL: url)
            }
        }
    }

    private func append(_ journal: TrafficJournal?, _ exchange: Exchange, to exchanges: inout [Exchange]) {
        exchanges.append(exchange)
        journal?.append(exchange)
    }

    private func cookieHeader(for request: WebhookRequest, jar: CookieJar?) -> String? {
        guard request.kind.usesCookies, let pair = request.cookiePair else { return nil }
        return jar?.header(from: pair.from, to: pair.to, now: request.time)
    }

    private func storeCookie(_ response: HTTPExchange.Response, for request: WebhookRequest, jar cookies: CookieJar?) {
        guard request.kind.storesCookies, let pair = request.cookiePair, let cookies,
              let setCookie = response.header("Set-Cookie") else { return }
        cookies.store(setCookie: setCookie, from: pair.from, to: pair.to, now: request.time, lifetime: request.kind.cookieLifetime)
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).inSeconds * 1000
    }
}
