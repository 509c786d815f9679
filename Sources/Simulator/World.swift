import Platform
import TwiML
import Webhooks

/// Delivers webhooks for the simulator: `WebhookClient`, or a test double in unit tests.
public protocol WebhookDelivering: Sendable {
    func deliver(_ request: WebhookRequest, fallback: (url: String, method: HTTPMethod)?, context: DeliveryContext?) async
        -> DeliveryOutcome
}

extension WebhookClient: WebhookDelivering {}

/// One simulated account: its numbers and services, a virtual clock with its event queue,
/// seeded SIDs, and the Timeline of everything that happened. It composes the services
/// (Messaging, Voice, Proxy, Conversations, Serverless: `WorldService`s, each owning its state and rules) and is the door
/// through which scenarios and the REST API reach them. One task at a time runs its code: the
/// one holding its `gate`, which webhook deliveries leave open for the app's REST requests.
public final class World {
    /// The account's numbers and services as they stand: declared by the scenario, changed
    /// through the REST API.
    public internal(set) var configuration: WorldConfiguration
    /// Held by the task running the world's code; left open while a webhook is out.
    public let gate = WorldGate()
    public let timeline: Timeline
    public let accountSid: SID
    /// Virtual time, seconds since 1970.
    public private(set) var now: Double
    /// Outbound messages in the order they were created.
    public var messages: [OutboundMessage] { messaging.messages }
    /// Calls (inbound calls and the legs they dialled) in the order they were created.
    public var calls: [Call] { voice.calls }
    /// Proxy sessions in the order they were created.
    public var proxySessions: [ProxySession] { proxy.registry.sessions }
    /// Proxy interactions in the order they were created.
    public var proxyInteractions: [ProxyInteraction] { proxy.registry.interactions }

    let webhooks: any WebhookDelivering
    private(set) var context: DeliveryContext
    var sids: SIDGenerator
    /// SIDs of what the test credentials create: a stream of their own, so they shift no other SID.
    var testSids: SIDGenerator
    var queue = EventQueue<ScheduledAction>()
    /// The services, each with its state and rules.
    private(set) lazy var messaging = Messaging(world: self)
    private(set) lazy var voice = Voice(world: self)
    private(set) lazy var proxy = Proxy(world: self)
    private(set) lazy var conversations = Conversations(world: self)
    private(set) lazy var serverless = Serverless(world: self)
    /// Content fetched for `<Play>` and message media, by use and URL: the failure's code, or nil when usable.
    var fetchedContent: [String: TwilioErrorCode?] = [:]
    /// Events on the queue that are work in flight (not deadlines); `settle` runs until none is left.
    private var pendingWork = 0

    /// What can wait on the clock.
    enum ScheduledAction {
        case messageStatus(sid: String, status: MessageStatus, errorCode: TwilioErrorCode?, cause: Int)
        /// A Proxy session's expiry: a deadline (as a scheduled send), reached only when the scenario waits for it.
        case sessionExpiry(session: Int)
        /// A `<Record>`'s transcription is done: its callback is sent.
        case transcription(Transcription)
        /// A call placed through the API starts ringing.
        case outboundCall(call: Int, request: CallRequest, cause: Int)
        /// A scheduled message's `SendAt` came.
        case scheduledSend(sid: String, rule: CarrierRule, validity: Double, cause: Int)
        /// A conversation's inactive or closed timer: a deadline, stale when `generation` moved on.
        case conversationTimer(conversation: Int, generation: Int)
        /// A Serverless build is done building.
        case buildDone(sid: String, failed: Bool)
        /// A callback due at a moment known ahead (a conference's events).
        case webhook(WebhookRequest, purpose: WebhookPurpose, cause: Int)

        /// Whether it is a deadline rather than work in flight.
        var isDeadline: Bool {
            switch self {
            case .sessionExpiry, .scheduledSend, .conversationTimer: return true
            default: return false
            }
        }
    }

    /// `observer` sees each timeline entry as it is appended (the run's journal streams them).
    public init(configuration: WorldConfiguration, webhooks: any WebhookDelivering, observer: (any TimelineObserver)? = nil) {
        var configuration = configuration
        timeline = Timeline(observer: observer)
        self.webhooks = webhooks
        var sids = SIDGenerator(seed: configuration.seed, stream: configuration.stream)
        let seeded = sids.next(.account)
        accountSid = configuration.accountSid.flatMap(SID.init) ?? seeded
        self.sids = sids
        testSids = SIDGenerator(seed: configuration.seed, stream: configuration.stream + "/test-credentials")
        // Declared numbers get SIDs of a stream of their own: the other SIDs stay as they were.
        var numberSids = SIDGenerator(seed: configuration.seed, stream: configuration.stream + "/numbers")
        for index in configuration.numbers.indices where configuration.numbers[index].sid.isEmpty {
            configuration.numbers[index].sid = numberSids.next(.phoneNumber).description
        }
        self.configuration = configuration
        now = configuration.startTime
        context = DeliveryContext(authToken: configuration.authToken, defaults: configuration.timeouts, cookies: CookieJar())
        proxy.setUp()
        conversations.setUp()
        serverless.setUp()
    }

    /// Lets `seconds` of virtual time pass, running every event due on the way.
    public func advance(by seconds: Double) async {
        let target = now + seconds
        while let due = queue.nextTime, due <= target, let (time, action) = queue.next() {
            now = time
            await run(action)
        }
        now = target
    }

    /// Runs the work in flight (status changes and their callbacks; at most `limit` events),
    /// moving the clock to each. Deadlines such as session expiries are reached on the way but
    /// never waited for: only a `wait` step lets time run that far.
    public func settle(limit: Int = 1_000_000) async {
        var remaining = limit
        while remaining > 0, pendingWork > 0, let (time, action) = queue.next() {
            now = max(now, time)
            await run(action)
            remaining -= 1
        }
    }

    /// The pool of the live Proxy Service with this unique name.
    public func proxyPool(of service: String) -> NumberPool? {
        proxy.pool(of: service)
    }

    /// The number of events waiting on the clock.
    public var pendingEvents: Int { queue.count }

    /// The outbound message with this SID.
    public func message(_ sid: String) -> OutboundMessage? {
        messaging.message(sid)
    }

    /// A handset sends an SMS or MMS to one of the account's numbers.
    public func receiveMessage(from: String, to: String, body: String, mediaURLs: [String] = [], parameters: [Parameter] = []) async {
        await messaging.receive(from: from, to: to, body: body, mediaURLs: mediaURLs, parameters: parameters)
    }

    /// The app sends a message through the REST API: from a number, or from a Messaging Service's pool.
    public func sendMessage(from: String?, service name: String?, to: String, body: String, mediaURLs: [String] = [],
                            statusCallback: String? = nil) async {
        await messaging.send(from: from, service: name, to: to, body: body, mediaURLs: mediaURLs, statusCallback: statusCallback)
    }

    /// A handset calls one of the account's numbers; the caller behaves as the script says.
    public func receiveCall(from: String, to: String, script: CallerScript = CallerScript()) async {
        await voice.receive(from: from, to: to, script: script)
    }

    /// The application calls the Proxy API.
    public func perform(_ request: ProxyRequest) async {
        await proxy.perform(request)
    }

    /// Serves the platform's own domains (`*.twil.io`) through `domains`: webhooks to them go
    /// there; `changed` hears the world's Serverless domains now and each time they change.
    public func servePlatformDomains(_ domains: any PlatformDomains, changed: @escaping @Sendable ([String]) -> Void) {
        context.domains = domains
        serverless.domainsChanged = changed
        changed(serverless.domains)
    }

    /// Runs `body` with the gate left open (the app may call the REST API meanwhile), and waits
    /// for the gate again before going on.
    public func outside<Result>(_ body: () async -> Result) async -> Result {
        gate.leave()
        let result = await body()
        await gate.enter()
        return result
    }

    func schedule(_ action: ScheduledAction, at time: Double) {
        if !action.isDeadline { pendingWork += 1 }
        queue.schedule(action, at: time)
    }

    private func run(_ action: ScheduledAction) async {
        if !action.isDeadline { pendingWork -= 1 }
        switch action {
        case .messageStatus(let sid, let status, let errorCode, let cause):
            await messaging.changeStatus(of: sid, to: status, errorCode: errorCode, cause: cause)
        case .outboundCall(let call, let request, let cause):
            await voice.ring(call, request, cause: cause)
        case .scheduledSend(let sid, let rule, let validity, let cause):
            messaging.sendScheduled(sid, rule: rule, validity: validity, cause: cause)
        case .sessionExpiry(let session):
            proxy.expireSession(at: session)
        case .conversationTimer(let conversation, let generation):
            await conversations.timerFired(conversation: conversation, generation: generation)
        case .buildDone(let sid, let failed):
            serverless.finishBuild(sid, failed: failed)
        case .transcription(let transcription):
            await voice.deliver(transcription)
        case .webhook(let request, let purpose, let cause):
            _ = await call(request, purpose: purpose, fallback: nil, cause: cause)
        }
    }

    func nextToken() -> String {
        String(sids.nextWord(), radix: 16)
    }

    /// Delivers a webhook with this world's account context and records it on the timeline.
    func call(_ request: WebhookRequest, purpose: WebhookPurpose, fallback: (url: String, method: HTTPMethod)?, cause: Int?)
        async -> (outcome: DeliveryOutcome, index: Int) {
        let sent = timeline.entries.count
        let outcome = await outside { await webhooks.deliver(request, fallback: fallback, context: context) }
        // The caller runs the document; the timeline keeps its source.
        let recorded = outcome.recorded
        var event = WebhookEvent(purpose: purpose, url: request.url, method: request.method, parameters: request.parameters,
                                 event: request.event, outcome: recorded)
        event.sentAfter = sent
        var index = timeline.append(.webhook(event), at: now, cause: cause)
        if let fallback, let failure = outcome.primaryFailure {
            // The fallback request is a webhook of its own: its URL, its parameters (with
            // ErrorCode and ErrorUrl); it shares the delivery's outcome.
            let second = request.fallback(url: fallback.url, method: fallback.method, after: failure)
            var fallbackEvent = WebhookEvent(purpose: .fallback, url: second.url, method: second.method, parameters: second.parameters,
                                             event: request.event, outcome: recorded)
            fallbackEvent.sentAfter = sent
            index = timeline.append(.webhook(fallbackEvent), at: now, cause: index)
        }
        recordWarnings(of: outcome, cause: index)
        return (outcome, index)
    }

    /// Records a problem of the harness's own (a step that could not be carried out).
    public func recordProblem(_ message: String) {
        problem(nil, message, cause: nil)
    }

    @discardableResult
    func problem(_ code: TwilioErrorCode?, _ message: String, cause: Int?) -> Int {
        timeline.append(.problem(Problem(code: code, message: message)), at: now, cause: cause)
    }

    /// The warnings of a TwiML answer (12200, 14110 …), each with its place in the document:
    /// the platform runs the document and logs them.
    private func recordWarnings(of outcome: DeliveryOutcome, cause: Int) {
        for diagnostic in outcome.diagnostics where diagnostic.severity == .warning && outcome.answeredTwiML {
            timeline.append(.problem(Problem(diagnostic, documentURL: WebhookURL.redacted(outcome.finalURL))), at: now, cause: cause)
        }
    }
}
