import Platform
import Simulator

/// Reads the Proxy parts of a scenario: services with their pools and sessions, the Proxy API
/// steps, and values checked the way the Proxy API checks them (docs/scenarios.md, Proxy).
enum ProxyReader {
    static let serviceKeys = ["unique_name", "default_ttl", "callback_url", "intercept_callback_url", "out_of_session_callback_url",
                              "geo_match_level", "number_selection_behavior", "chat_instance_sid", "numbers", "sessions"]
    static let stepKinds = ["create_session", "add_participant", "update_session", "close_session", "reopen_session",
                            "message_participant", "add_proxy_number", "delete_proxy_service"]

    static func service(_ node: YAMLNode) throws(ScenarioError) -> ProxyServiceConfiguration {
        let fields = try node.fields("a Proxy Service", allowed: serviceKeys)
        let nameNode = try fields.required("unique_name")
        let name = try nameNode.string()
        guard !name.isEmpty, name.count <= 191 else { throw nameNode.fail("UniqueName must be 1 to 191 characters long") }
        var generator = SIDGenerator(seed: 0, stream: "proxy-service:" + name)
        var service = ProxyServiceConfiguration(uniqueName: name, sid: generator.next(.proxyService).description)
        if let ttl = fields["default_ttl"] { service.defaultTTL = try ttl.duration() }
        service.callbackURL = try fields.url("callback_url")
        service.interceptCallbackURL = try fields.url("intercept_callback_url")
        service.outOfSessionCallbackURL = try fields.url("out_of_session_callback_url")
        if let level = fields["geo_match_level"] { service.geoMatchLevel = try level.choice(GeoMatchLevel.self) }
        if let behavior = fields["number_selection_behavior"] {
            service.numberSelectionBehavior = try behavior.choice(NumberSelectionBehavior.self)
        }
        if let chat = fields["chat_instance_sid"] {
            let text = try chat.string()
            guard let sid = SID(text), sid.description.hasPrefix("IS") else {
                throw chat.fail("ChatInstanceSid must be a Chat Service SID: IS followed by 32 hex digits, found '\(text)'")
            }
            service.chatInstanceSid = sid.description
        }
        if let numbers = fields["numbers"] {
            service.numbers = try numbers.sequence("a list of pool numbers").map { (entry) throws(ScenarioError) in try number(entry) }
        }
        if let sessions = try fields["sessions"]?.sequence("a list of sessions") {
            service.sessions = try sessions.map { (entry) throws(ScenarioError) in try session(entry) }
            var names: Set<String> = []
            for (entry, session) in zip(sessions, service.sessions) {
                guard let name = session.uniqueName else { continue }
                guard names.insert(name).inserted else { throw entry.fail("UniqueName '\(name)' is already used by another session") }
            }
        }
        return service
    }

    /// A pool number: `"+14155550100"`, or a mapping with `is_reserved`, `capabilities`, `iso_country`.
    static func number(_ node: YAMLNode) throws(ScenarioError) -> ProxyNumberConfiguration {
        if case .scalar = node.node { return ProxyNumberConfiguration(number: try address(node, shortCodes: true)) }
        let fields = try node.fields("a pool number", allowed: ["number", "is_reserved", "capabilities", "iso_country"])
        var number = ProxyNumberConfiguration(number: try address(fields.required("number"), shortCodes: true))
        if let reserved = fields["is_reserved"] { number.isReserved = try reserved.boolean() }
        if let capabilities = fields["capabilities"] {
            number.capabilities = Set(try capabilities.list("a list of capabilities").map { (entry) throws(ScenarioError) in
                try entry.choice(ProxyCapability.self)
            })
        }
        if let country = fields["iso_country"] {
            let text = try country.string()
            guard text.count == 2, text.allSatisfy(\.isUppercase) else { throw country.fail("expected an ISO 3166 country code such as US") }
            number.isoCountry = text
        }
        return number
    }

    static func session(_ node: YAMLNode) throws(ScenarioError) -> ProxySessionSpecification {
        let fields = try node.fields("a session", allowed: ["unique_name", "mode", "ttl", "date_expiry", "status", "participants"])
        var session = ProxySessionSpecification()
        if let name = fields["unique_name"] {
            session.uniqueName = try name.string()
            guard session.uniqueName!.count <= 191 else { throw name.fail("UniqueName must be 191 characters or fewer") }
        }
        if let mode = fields["mode"] { session.mode = try mode.choice(ProxySessionMode.self) }
        if let ttl = fields["ttl"] { session.ttl = try ttl.duration() }
        if let expiry = fields["date_expiry"] { session.dateExpiry = try expiry.time() }
        if let status = fields["status"] {
            session.status = try status.choice(ProxySessionStatus.self)
            guard [.open, .inProgress, .closed].contains(session.status) else {
                throw status.fail("a session is created open, in-progress or closed")
            }
        }
        if let participants = fields["participants"] {
            let entries = try participants.sequence("a list of participants")
            guard entries.count <= 2 else { throw participants.fail("a session has at most 2 participants") }
            session.participants = try entries.map { (entry) throws(ScenarioError) in try participant(entry) }
        }
        return session
    }

    static func participant(_ node: YAMLNode) throws(ScenarioError) -> ProxyParticipantSpecification {
        if case .scalar = node.node { return ProxyParticipantSpecification(identifier: try address(node, shortCodes: false)) }
        let fields = try node.fields("a participant", allowed: ["identifier", "friendly_name", "proxy_identifier"])
        var participant = ProxyParticipantSpecification(identifier: try address(fields.required("identifier"), shortCodes: false))
        if let name = fields["friendly_name"] {
            participant.friendlyName = try name.string()
            guard participant.friendlyName!.count <= 255 else { throw name.fail("FriendlyName must be 255 characters or fewer") }
        }
        if let proxy = fields["proxy_identifier"] { participant.proxyIdentifier = try address(proxy, shortCodes: true) }
        return participant
    }

    /// One Proxy API step.
    static func step(_ kind: String, _ value: YAMLNode) throws(ScenarioError) -> ProxyRequest {
        switch kind {
        case "create_session":
            let fields = try value.fields("a create_session step", allowed: ["service", "unique_name", "mode", "ttl", "date_expiry",
                                                                             "status", "participants"])
            return .createSession(service: try fields["service"]?.string(), try session(value.without("service")))
        case "add_participant":
            let fields = try value.fields("an add_participant step", allowed: ["service", "session", "identifier", "friendly_name",
                                                                               "proxy_identifier"])
            return .addParticipant(service: try fields["service"]?.string(), session: try fields.required("session").string(),
                                   try participant(value.without("service", "session")))
        case "update_session", "close_session", "reopen_session":
            let allowed = kind == "update_session" ? ["service", "session", "status", "ttl", "date_expiry"] : ["service", "session"]
            let fields = try value.fields("an \(kind) step", allowed: allowed)
            var update = ProxySessionUpdate()
            if kind == "close_session" { update.status = .closed }
            if kind == "reopen_session" { update.status = .inProgress }
            if let status = fields["status"] { update.status = try status.choice(ProxySessionStatus.self) }
            if let ttl = fields["ttl"] { update.ttl = try ttl.duration() }
            if let expiry = fields["date_expiry"] { update.dateExpiry = try expiry.time() }
            return .updateSession(service: try fields["service"]?.string(), session: try fields.required("session").string(), update)
        case "message_participant":
            let fields = try value.fields("a message_participant step", allowed: ["service", "session", "participant", "body"])
            return .messageParticipant(service: try fields["service"]?.string(), session: try fields.required("session").string(),
                                       identifier: try address(fields.required("participant"), shortCodes: false),
                                       body: try fields.required("body").string())
        case "add_proxy_number":
            let fields = try value.fields("an add_proxy_number step", allowed: ["service", "number", "is_reserved", "capabilities",
                                                                                "iso_country"])
            return .addNumber(service: try fields["service"]?.string(), try number(value.without("service")))
        default:
            if case .scalar = value.node { return .deleteService(service: try value.string("a Proxy Service's unique name")) }
            let fields = try value.fields("a delete_proxy_service step", allowed: ["service"])
            return .deleteService(service: try fields["service"]?.string())
        }
    }

    /// A participant identifier or a pool number: E.164, a short code (pool numbers), or a
    /// channel address such as `messenger:1234`.
    static func address(_ node: YAMLNode, shortCodes: Bool) throws(ScenarioError) -> String {
        let text = try node.string("a phone number")
        if text.hasPrefix("+") { return try node.phoneNumber() }
        if shortCodes, (3...8).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
        if !shortCodes, text.contains(":"), !text.hasPrefix(":") { return text }
        throw node.fail("expected an E.164 phone number such as +14155550100" + (shortCodes ? " or a short code" : " or a channel address")
                        + ", found '\(text)'")
    }
}
