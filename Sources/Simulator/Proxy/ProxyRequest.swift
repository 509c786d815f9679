/// A Proxy REST API request the application makes; a scenario step stands in for it.
/// `service` names a Proxy Service by unique name (nil: the only one); `session` names a
/// session by unique name.
public enum ProxyRequest: Sendable {
    case createSession(service: String?, ProxySessionSpecification)
    case addParticipant(service: String?, session: String, ProxyParticipantSpecification)
    case updateSession(service: String?, session: String, ProxySessionUpdate)
    /// `MessageInteractions`: a message to a participant from their proxy number.
    case messageParticipant(service: String?, session: String, identifier: String, body: String)
    case addNumber(service: String?, ProxyNumberConfiguration)
    case deleteService(service: String?)

    /// The Proxy Service it names (nil: the only one).
    var service: String? {
        switch self {
        case .createSession(let name, _), .addParticipant(let name, _, _), .updateSession(let name, _, _),
             .messageParticipant(let name, _, _, _), .addNumber(let name, _), .deleteService(let name):
            return name
        }
    }

    /// The request as the API log shows it.
    var summary: String {
        switch self {
        case .createSession(let service, let specification):
            return "POST \(Self.path(service))/Sessions: create session \(specification.uniqueName.map { "'\($0)'" } ?? "")"
        case .addParticipant(let service, let session, let participant):
            return "POST \(Self.path(service))/Sessions/\(session)/Participants: add \(participant.identifier)"
        case .updateSession(let service, let session, let update):
            let changes = [update.status.map { "status=\($0.rawValue)" }, update.ttl.map { "ttl=\(Int($0))" },
                           update.dateExpiry.map { _ in "date_expiry" }].compactMap { $0 }
            return "POST \(Self.path(service))/Sessions/\(session): update \(changes.joined(separator: ", "))"
        case .messageParticipant(let service, let session, let identifier, _):
            return "POST \(Self.path(service))/Sessions/\(session)/Participants/\(identifier)/MessageInteractions"
        case .addNumber(let service, let number):
            return "POST \(Self.path(service))/PhoneNumbers: add \(number.number)"
        case .deleteService(let service):
            return "DELETE \(Self.path(service))"
        }
    }

    private static func path(_ service: String?) -> String {
        "Services/" + (service ?? "(the Proxy Service)")
    }
}
