import Platform
import TwiML
import Webhooks

/// A service of a world (Messaging, Voice, Proxy, and the services to come): it owns its state
/// and its rules, and reaches what the services share (the account, the virtual clock and its
/// queue, seeded SIDs, the timeline, webhook delivery) and its sibling services through the
/// world that composes them. Adding a service: a class of this protocol in a folder of its own,
/// a property of `World`, and its scheduled actions in `World.run`.
protocol WorldService: AnyObject {
    /// The world the service belongs to. The world owns its services and hands them to no one,
    /// so a service never outlives it: services hold it `unowned(unsafe)`, as a checked
    /// `unowned` reference costs an atomic retain and release at every use of the clock.
    var world: World { get }
}

extension WorldService {
    var configuration: WorldConfiguration { world.configuration }
    var accountSid: SID { world.accountSid }
    var now: Double { world.now }
    var timeline: Timeline { world.timeline }
    var sids: SIDGenerator {
        get { world.sids }
        set { world.sids = newValue }
    }

    var messaging: Messaging { world.messaging }
    var voice: Voice { world.voice }
    var proxy: Proxy { world.proxy }
    var conversations: Conversations { world.conversations }
    var serverless: Serverless { world.serverless }

    func schedule(_ action: World.ScheduledAction, at time: Double) { world.schedule(action, at: time) }
    func advance(by seconds: Double) async { await world.advance(by: seconds) }
    func nextToken() -> String { world.nextToken() }

    func call(_ request: WebhookRequest, purpose: WebhookPurpose, fallback: (url: String, method: HTTPMethod)?, cause: Int?)
        async -> (outcome: DeliveryOutcome, index: Int) {
        await world.call(request, purpose: purpose, fallback: fallback, cause: cause)
    }

    @discardableResult
    func problem(_ code: TwilioErrorCode?, _ message: String, cause: Int?) -> Int {
        world.problem(code, message, cause: cause)
    }
}
