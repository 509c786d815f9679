import TwiML
import Webhooks

/// A phone number of the simulated account with its messaging webhooks.
public struct NumberConfiguration: Sendable {
    public var number: String
    /// The IncomingPhoneNumber's SID (`PN…`); a declared number gets one when the world starts.
    public var sid = ""
    public var friendlyName: String?
    /// When it was bought through the API; declared numbers exist from the start.
    public var created: Double?
    public var smsURL: String?
    public var smsMethod: HTTPMethod = .post
    public var smsFallbackURL: String?
    public var smsFallbackMethod: HTTPMethod = .post
    /// Status callback for messages sent from this number outside a Messaging Service.
    public var statusCallback: String?
    /// The number's voice webhooks.
    public var voice = VoiceSettings()

    public init(number: String) {
        self.number = number
    }
}

/// A Messaging Service: every field of the resource (shared/reference §2.4) and its sender pool.
public struct MessagingServiceConfiguration: Sendable {
    public var name: String
    public var sid: String
    public var friendlyName: String
    public var inboundRequestURL: String?
    public var inboundMethod: HTTPMethod = .post
    public var fallbackURL: String?
    public var fallbackMethod: HTTPMethod = .post
    public var statusCallback: String?
    public var stickySender = true
    public var mmsConverter = true
    public var smartEncoding = true
    public var areaCodeGeomatch = true
    public var fallbackToLongCode = true
    public var scanMessageContent = "inherit"
    public var synchronousValidation = true
    /// Seconds a message may wait in the queue (1–36000).
    public var validityPeriod: Double = 36_000
    public var usecase = "undeclared"
    public var usAppToPersonRegistered = false
    public var useInboundWebhookOnNumber = false
    /// The sender pool: numbers (E.164) of the account.
    public var senders: [String] = []
    /// When it was created through the API; declared services exist from the start.
    public var created: Double?

    public init(name: String, sid: String) {
        self.name = name
        self.sid = sid
        friendlyName = name
    }
}

/// Everything a world is made of: the account, its numbers and services, the carrier.
public struct WorldConfiguration: Sendable {
    /// The account's SID; seeded from the scenario when nil (`account.sid`).
    public var accountSid: String?
    public var authToken = WorldConfiguration.defaultAuthToken
    /// API keys that authenticate REST requests as the account (`api_keys`).
    public var apiKeys: [APIKey] = []
    /// The account's test credentials (`account.test_credentials`): the REST API answers them
    /// with the platform's magic numbers, and nothing they create takes part in the world.
    public var testCredentials: TestCredentials?
    /// The token webhooks are signed with when a scenario gives none (`account.auth_token`).
    public static let defaultAuthToken = "switchboard-test-token"
    /// Virtual time at the start, seconds since 1970 (default 2026-01-01T00:00:00Z).
    public var startTime: Double = 1_767_225_600
    public var seed: UInt64 = 1
    /// The name SIDs are derived from, with the seed (the scenario's name and row).
    public var stream = ""
    public var numbers: [NumberConfiguration] = []
    public var messagingServices: [MessagingServiceConfiguration] = []
    public var proxyServices: [ProxyServiceConfiguration] = []
    public var conversations = ConversationsConfiguration()
    public var serverless: [ServerlessServiceDeclaration] = []
    public var carrier: [CarrierRule] = [CarrierRule()]
    /// What dialled parties do, first match wins; the last rule answers everyone.
    public var parties: [PartyRule] = [PartyRule()]
    public var transcription = TranscriptionSettings()
    /// Declared conferences (their other participants) and queues (their agent, their waiting callers).
    public var conferences: [ConferenceRoom] = []
    public var queues: [QueueRoom] = []
    /// Timeouts and retries of every webhook before a URL's own `#` overrides.
    public var timeouts = ConnectionOverrides()

    public init() {}
}

/// An API key of the account: `SK…` and its secret, accepted by the REST API as the account's
/// own credentials are.
public struct APIKey: Sendable {
    public var sid: String
    public var secret: String
    public var friendlyName: String?

    public init(sid: String, secret: String, friendlyName: String? = nil) {
        self.sid = sid
        self.secret = secret
        self.friendlyName = friendlyName
    }
}

/// Test credentials: a test account SID and its auth token.
public struct TestCredentials: Sendable {
    public var accountSid: String
    public var authToken: String

    public init(accountSid: String, authToken: String) {
        self.accountSid = accountSid
        self.authToken = authToken
    }
}
