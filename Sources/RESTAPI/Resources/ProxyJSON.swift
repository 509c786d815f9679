import Platform
import Simulator

/// The JSON of the Proxy resources, with the platform's field names and case: `type` is
/// lower-case while `*_resource_type` is capitalised, and `data` is a string holding JSON.
extension ProxyResource {
    static func render(_ service: ProxyServiceConfiguration, _ context: APIContext) -> JSON {
        let url = context.request.baseURL + "/v1/Services/" + service.sid
        let created = APIFormat.dateV1(service.created ?? context.world.configuration.startTime)
        return .object([
            ("sid", .string(service.sid)),
            ("unique_name", .string(service.uniqueName)),
            ("account_sid", .string(context.world.accountSid.description)),
            ("chat_instance_sid", .optional(service.chatInstanceSid)),
            ("callback_url", .optional(service.callbackURL)),
            ("default_ttl", .int(Int(service.defaultTTL))),
            ("number_selection_behavior", .string(service.numberSelectionBehavior.rawValue)),
            ("geo_match_level", .string(service.geoMatchLevel.rawValue)),
            ("intercept_callback_url", .optional(service.interceptCallbackURL)),
            ("out_of_session_callback_url", .optional(service.outOfSessionCallbackURL)),
            ("date_created", created),
            ("date_updated", created),
            ("url", .string(url)),
            ("links", .object([("phone_numbers", .string(url + "/PhoneNumbers")), ("short_codes", .string(url + "/ShortCodes")),
                               ("sessions", .string(url + "/Sessions"))])),
        ])
    }

    static func renderNumber(_ entry: NumberPool.Entry, service: ProxyServiceConfiguration, _ context: APIContext) -> JSON {
        let number = entry.configuration.number
        let sid = context.world.proxyNumberSid(number)
        let owned = context.world.configuration.numbers.first { $0.number == number }
        let created = APIFormat.dateV1(owned?.created ?? service.created ?? context.world.configuration.startTime)
        let voice = entry.configuration.capabilities.contains(.voice)
        let sms = entry.configuration.capabilities.contains(.sms)
        return .object([
            ("sid", .string(sid)),
            ("account_sid", .string(context.world.accountSid.description)),
            ("service_sid", .string(service.sid)),
            ("date_created", created),
            ("date_updated", created),
            ("phone_number", .string(number)),
            ("friendly_name", .string(owned?.friendlyName ?? PhoneNumbersResource.formatted(number))),
            ("iso_country", .optional(entry.configuration.isoCountry ?? PhoneNumber(number)?.isoCountry)),
            ("capabilities", .object([("fax", .bool(false)), ("mms", .bool(sms)), ("sms", .bool(sms)), ("voice", .bool(voice))])),
            ("url", .string(context.request.baseURL + "/v1/Services/\(service.sid)/PhoneNumbers/\(sid)")),
            ("is_reserved", .bool(entry.configuration.isReserved)),
            ("in_use", .int(entry.inUse)),
        ])
    }

    static func renderSession(_ session: ProxySession, _ context: APIContext) -> JSON {
        let url = context.request.baseURL + "/v1/Services/\(session.serviceSid)/Sessions/\(session.sid)"
        let updated = [session.dateCreated, session.dateStarted, session.dateEnded, session.dateLastInteraction].compactMap { $0 }.max()
        return .object([
            ("sid", .string(session.sid)),
            ("service_sid", .string(session.serviceSid)),
            ("account_sid", .string(context.world.accountSid.description)),
            ("date_started", APIFormat.dateV1(session.dateStarted)),
            ("date_ended", APIFormat.dateV1(session.dateEnded)),
            ("date_last_interaction", APIFormat.dateV1(session.dateLastInteraction)),
            ("date_expiry", APIFormat.dateV1(session.expiry)),
            ("unique_name", .optional(session.uniqueName)),
            ("status", .string(session.status.rawValue)),
            ("closed_reason", .string(session.closedReason ?? "")),
            ("ttl", .int(Int(session.ttl ?? 0))),
            ("mode", .string(session.mode.rawValue)),
            ("date_created", APIFormat.dateV1(session.dateCreated)),
            ("date_updated", APIFormat.dateV1(updated)),
            ("url", .string(url)),
            ("links", .object([("interactions", .string(url + "/Interactions")), ("participants", .string(url + "/Participants"))])),
        ])
    }

    static func renderParticipant(_ participant: ProxyParticipant, session: ProxySession, _ context: APIContext) -> JSON {
        let url = context.request.baseURL + "/v1/Services/\(session.serviceSid)/Sessions/\(session.sid)/Participants/\(participant.sid)"
        return .object([
            ("sid", .string(participant.sid)),
            ("session_sid", .string(session.sid)),
            ("service_sid", .string(session.serviceSid)),
            ("account_sid", .string(context.world.accountSid.description)),
            ("friendly_name", .optional(participant.friendlyName)),
            ("identifier", .string(participant.identifier)),
            ("proxy_identifier", .string(participant.proxyIdentifier)),
            ("proxy_identifier_sid", .string(context.world.proxyNumberSid(participant.proxyIdentifier))),
            ("date_deleted", APIFormat.dateV1(participant.dateDeleted)),
            ("date_created", APIFormat.dateV1(participant.dateCreated)),
            ("date_updated", APIFormat.dateV1(participant.dateDeleted ?? participant.dateCreated)),
            ("url", .string(url)),
            ("links", .object([("message_interactions", .string(url + "/MessageInteractions"))])),
        ])
    }

    /// An interaction; `participant` names the participant of a MessageInteraction.
    static func renderInteraction(_ interaction: ProxyInteraction, participant: String?, _ context: APIContext) -> JSON {
        let base = context.request.baseURL + "/v1/Services/\(interaction.serviceSid)/Sessions/\(interaction.sessionSid)"
        let url = participant.map { base + "/Participants/\($0)/MessageInteractions/\(interaction.sid)" } ?? base + "/Interactions/\(interaction.sid)"
        func leg(_ leg: InteractionLeg?, _ prefix: String) -> [(String, JSON)] {
            let type: JSON = leg.map { .string($0.resourceSid.hasPrefix("CA") ? "Call" : "Message") } ?? .null
            let resourceURL: JSON = leg.map { leg in
                .string("https://api.twilio.com/2010-04-01/Accounts/\(context.world.accountSid)/"
                        + (leg.resourceSid.hasPrefix("CA") ? "Calls/" : "Messages/") + leg.resourceSid + ".json")
            } ?? .null
            return [("\(prefix)_participant_sid", .optional(leg?.participantSid)), ("\(prefix)_resource_sid", .optional(leg?.resourceSid)),
                    ("\(prefix)_resource_status", .optional(leg?.resourceStatus)), ("\(prefix)_resource_type", type),
                    ("\(prefix)_resource_url", resourceURL)]
        }
        var fields: [(String, JSON)] = [
            ("sid", .string(interaction.sid)),
            ("session_sid", .string(interaction.sessionSid)),
            ("service_sid", .string(interaction.serviceSid)),
            ("account_sid", .string(context.world.accountSid.description)),
            ("data", .string(interaction.data)),
            ("type", .string(interaction.type.rawValue)),
        ]
        if let participant { fields.append(("participant_sid", .string(participant))) }
        fields += leg(interaction.inbound, "inbound") + leg(interaction.outbound, "outbound")
        fields += [("date_created", APIFormat.dateV1(interaction.dateCreated)), ("date_updated", APIFormat.dateV1(interaction.dateUpdated)),
                   ("url", .string(url))]
        return .object(fields)
    }
}
