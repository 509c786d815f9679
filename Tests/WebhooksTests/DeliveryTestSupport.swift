import Foundation
import Platform
import TestSupport
import Traffic
import TwiML
import Webhooks

let testToken = "test-auth-token"

/// A request of the given kind with a realistic, short parameter set.
func makeRequest(_ url: String, kind: WebhookKind = .incomingMessage, method: HTTPMethod = .post,
                 time: Double = 1_700_000_000) -> WebhookRequest {
    WebhookRequest(url: url, method: method,
                   parameters: [Parameter("MessageSid", "SM0123"), Parameter("From", "+14155550100"),
                                Parameter("To", "+14155550199"), Parameter("Body", "Hello & bye")],
                   kind: kind, event: "SM0123", idempotencyToken: "token-1",
                   cookiePair: ("+14155550100", "+14155550199"), time: time)
}

/// Runs `body` with a webhook client, shutting it down afterwards.
func withClient<T>(journal: TrafficJournal? = nil, cookies: CookieJar? = nil,
                   _ body: (WebhookClient) async throws -> T) async rethrows -> T {
    let client = WebhookClient(configuration: .init(authToken: testToken), journal: journal, cookies: cookies)
    do {
        let result = try await body(client)
        await client.shutdown()
        return result
    } catch {
        await client.shutdown()
        throw error
    }
}

/// Runs `body` with a scripted server, stopping it afterwards.
func withServer<T>(_ handler: @escaping ScriptedServer.Handler, _ body: (ScriptedServer) async throws -> T) async throws -> T {
    let server = try await ScriptedServer.start(handler)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

extension DeliveryOutcome {
    var failureCode: Int? {
        if case .failure(let failure) = result { return failure.code.code }
        return nil
    }
}

func elapsedSeconds(_ work: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await work()
    return (ContinuousClock.now - start).inSeconds
}
