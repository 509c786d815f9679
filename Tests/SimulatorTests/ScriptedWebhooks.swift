import Simulator
import Synchronization
import TwiML
import Webhooks

/// An in-process stand-in for the webhook pipeline (unit tests of the simulator only): answers
/// each request with the TwiML its URL maps to, and records every request.
final class ScriptedWebhooks: WebhookDelivering {
    private let answers: [String: String]
    private let received = Mutex<[WebhookRequest]>([])

    init(_ answers: [String: String]) {
        self.answers = answers
    }

    var requests: [WebhookRequest] { received.withLock { $0 } }

    func deliver(_ request: WebhookRequest, fallback: (url: String, method: HTTPMethod)?, context: DeliveryContext?) async
        -> DeliveryOutcome {
        received.withLock { $0.append(request) }
        guard let text = answers[request.url] else {
            return DeliveryOutcome(exchanges: [], result: .success(.empty), primaryFailure: nil, finalURL: request.url)
        }
        let document = try! TwiMLDocument.parse(text).get()
        return DeliveryOutcome(exchanges: [], result: .success(.twiml(document, [])), primaryFailure: nil, finalURL: request.url)
    }
}
