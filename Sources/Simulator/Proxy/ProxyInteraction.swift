import Platform
import Webhooks

/// One message or call through a session (the Interaction resource): the inbound leg from a
/// participant and the outbound leg relayed to the other. Voice plugs into the same shape.
public struct ProxyInteraction: Sendable {
    public let sid: String
    public let serviceSid: String
    public let sessionSid: String
    public let type: InteractionType
    /// The resource's `data`: `{"body":"…"}` for a message, `{"duration":"5"}` for a call.
    public internal(set) var data: String
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
    public internal(set) var inbound: InteractionLeg?
    public internal(set) var outbound: InteractionLeg?
    /// Whether the intercept callback answered 403 and the interaction was not relayed.
    public internal(set) var blocked = false
    /// Deleted through the API: no longer listed.
    var deleted = false
}

/// The kind of an interaction.
public enum InteractionType: String, Sendable, CaseIterable {
    case message
    case voice
}

/// One leg of an interaction: the participant and the message or call that carries it.
public struct InteractionLeg: Sendable {
    public let participantSid: String
    public let resourceSid: String
    public internal(set) var resourceStatus: String

    /// `Message` or `Call`, from the resource's SID.
    var resourceType: String { resourceSid.hasPrefix("CA") ? "call" : "message" }
}

extension ProxyInteraction {
    /// The callback parameters (camelCase, shared/reference §6.4). The intercept callback sends
    /// them before the outbound leg exists, so its `outbound*` fields are absent.
    func parameters(accountSid: SID) -> [Parameter] {
        var parameters: [Parameter] = []
        func leg(_ prefix: String, _ leg: InteractionLeg?) {
            guard let leg else { return }
            let collection = leg.resourceType == "call" ? "Calls" : "Messages"
            parameters += [
                Parameter(prefix + "ParticipantSid", leg.participantSid),
                Parameter(prefix + "ResourceSid", leg.resourceSid),
                Parameter(prefix + "ResourceStatus", leg.resourceStatus),
                Parameter(prefix + "ResourceType", leg.resourceType),
                Parameter(prefix + "ResourceUrl",
                          "https://api.twilio.com/2010-04-01/Accounts/\(accountSid)/\(collection)/\(leg.resourceSid).json"),
            ]
        }
        leg("inbound", inbound)
        parameters += [
            Parameter("interactionAccountSid", accountSid.description),
            Parameter("interactionData", data),
            Parameter("interactionDateCreated", CivilTime.iso8601(dateCreated)),
            Parameter("interactionDateUpdated", CivilTime.iso8601(dateUpdated)),
            Parameter("interactionServiceSid", serviceSid),
            Parameter("interactionSessionSid", sessionSid),
            Parameter("interactionSid", sid),
            Parameter("interactionType", type.rawValue),
        ]
        leg("outbound", outbound)
        return parameters
    }
}
