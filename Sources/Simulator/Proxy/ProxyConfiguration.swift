/// A Proxy Service: every field of the Service resource (shared/reference §6.1), its number
/// pool and the sessions that exist when the scenario starts.
public struct ProxyServiceConfiguration: Sendable {
    public var uniqueName: String
    public var sid: String
    /// Seconds a session lives after its creation or last interaction; 0 is unlimited.
    public var defaultTTL: Double = 0
    /// `callback_url`: told of every interaction's status changes.
    public var callbackURL: String?
    /// `intercept_callback_url`: asked before each interaction is relayed (403 blocks it).
    public var interceptCallbackURL: String?
    /// `out_of_session_callback_url`: told of messages and calls outside an open session.
    public var outOfSessionCallbackURL: String?
    public var geoMatchLevel: GeoMatchLevel = .country
    public var numberSelectionBehavior: NumberSelectionBehavior = .preferSticky
    public var chatInstanceSid: String?
    /// The pool, in the order the numbers were added.
    public var numbers: [ProxyNumberConfiguration] = []
    /// Sessions created when the scenario starts, in order.
    public var sessions: [ProxySessionSpecification] = []
    /// When it was created through the API; declared services exist from the start.
    public var created: Double?

    public init(uniqueName: String, sid: String) {
        self.uniqueName = uniqueName
        self.sid = sid
    }
}

/// A phone number or short code of a Proxy Service's pool.
public struct ProxyNumberConfiguration: Sendable {
    /// E.164, or the digits of a short code.
    public var number: String
    /// Reserved numbers are never chosen automatically, only when a participant names them.
    public var isReserved = false
    public var capabilities: Set<ProxyCapability>
    /// ISO 3166 country; derived from an E.164 number, `US` for a short code unless given.
    public var isoCountry: String?

    public init(number: String, isReserved: Bool = false, capabilities: Set<ProxyCapability>? = nil, isoCountry: String? = nil) {
        self.number = number
        self.isReserved = isReserved
        self.capabilities = capabilities ?? (number.hasPrefix("+") ? [.sms, .voice] : [.sms])
        self.isoCountry = isoCountry
    }

    /// Whether this is a short code rather than a phone number.
    public var isShortCode: Bool { !number.hasPrefix("+") }
}

/// What a pool number can carry.
public enum ProxyCapability: String, Sendable, CaseIterable {
    case sms
    case voice
}

/// `geo_match_level`: where a proxy number must be relative to the participant. The spec's
/// enum and the description disagree; all five values are accepted (shared/reference §6.3).
public enum GeoMatchLevel: String, Sendable, CaseIterable {
    case country
    case areaCode = "area-code"
    case extendedAreaCode = "extended-area-code"
    case overlay
    case radius
}

/// `number_selection_behavior`.
public enum NumberSelectionBehavior: String, Sendable, CaseIterable {
    case preferSticky = "prefer-sticky"
    case avoidSticky = "avoid-sticky"
}

/// A session's `mode`: which channels it relays.
public enum ProxySessionMode: String, Sendable, CaseIterable {
    case messageOnly = "message-only"
    case voiceOnly = "voice-only"
    case voiceAndMessage = "voice-and-message"

    /// Whether the session relays this kind of interaction.
    func relays(_ type: InteractionType) -> Bool {
        switch (self, type) {
        case (.messageOnly, .message), (.voiceOnly, .voice), (.voiceAndMessage, _): return true
        default: return false
        }
    }

    /// Whether its proxy numbers must carry voice.
    var needsVoice: Bool { self != .messageOnly }
}

/// A session's `status`.
public enum ProxySessionStatus: String, Sendable, CaseIterable {
    case open
    case inProgress = "in-progress"
    case closed
    case failed
    case unknown

    /// Whether the session relays interactions.
    public var isActive: Bool { self == .open || self == .inProgress }
}

/// A session to create: the Session resource's create parameters and its participants.
public struct ProxySessionSpecification: Sendable {
    public var uniqueName: String?
    public var mode: ProxySessionMode = .voiceAndMessage
    /// Seconds; the service's `default_ttl` when nil.
    public var ttl: Double?
    /// Seconds since 1970; wins over `ttl`.
    public var dateExpiry: Double?
    public var status: ProxySessionStatus = .open
    public var participants: [ProxyParticipantSpecification] = []

    public init(uniqueName: String? = nil) {
        self.uniqueName = uniqueName
    }
}

/// A participant to add: the Participant resource's create parameters.
public struct ProxyParticipantSpecification: Sendable {
    public var identifier: String
    public var friendlyName: String?
    /// A pool number to use instead of choosing one.
    public var proxyIdentifier: String?

    public init(identifier: String, friendlyName: String? = nil, proxyIdentifier: String? = nil) {
        self.identifier = identifier
        self.friendlyName = friendlyName
        self.proxyIdentifier = proxyIdentifier
    }
}

/// An update of a session: the Session resource's update parameters.
public struct ProxySessionUpdate: Sendable {
    public var status: ProxySessionStatus?
    public var ttl: Double?
    public var dateExpiry: Double?

    public init(status: ProxySessionStatus? = nil, ttl: Double? = nil, dateExpiry: Double? = nil) {
        self.status = status
        self.ttl = ttl
        self.dateExpiry = dateExpiry
    }
}
