import Foundation
import Platform
import Simulator

/// Proxy v1: `Services` with every field of the resource, their pool (`PhoneNumbers`),
/// `Sessions`, `Participants` (deleted softly, answered 200), `MessageInteractions` (a message
/// the app sends a participant through the session, answered 200) and `Interactions`. What the
/// API creates relays, expires and calls back as a declared session does.
enum ProxyResource {
    static let routes: [Route] = [
        Route(.proxy, "POST", "/v1/Services", "CreateService", createService),
        Route(.proxy, "GET", "/v1/Services", "ListService", listServices),
        Route(.proxy, "GET", "/v1/Services/{Sid}", "FetchService", fetchService),
        Route(.proxy, "POST", "/v1/Services/{Sid}", "UpdateService", updateService),
        Route(.proxy, "DELETE", "/v1/Services/{Sid}", "DeleteService", deleteService),
        Route(.proxy, "POST", "/v1/Services/{ServiceSid}/PhoneNumbers", "CreatePhoneNumber", addNumber),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/PhoneNumbers", "ListPhoneNumber", listNumbers),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/PhoneNumbers/{Sid}", "FetchPhoneNumber", fetchNumber),
        Route(.proxy, "POST", "/v1/Services/{ServiceSid}/PhoneNumbers/{Sid}", "UpdatePhoneNumber", updateNumber),
        Route(.proxy, "DELETE", "/v1/Services/{ServiceSid}/PhoneNumbers/{Sid}", "DeletePhoneNumber", removeNumber),
        Route(.proxy, "POST", "/v1/Services/{ServiceSid}/Sessions", "CreateSession", createSession),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions", "ListSession", listSessions),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{Sid}", "FetchSession", fetchSession),
        Route(.proxy, "POST", "/v1/Services/{ServiceSid}/Sessions/{Sid}", "UpdateSession", updateSession),
        Route(.proxy, "DELETE", "/v1/Services/{ServiceSid}/Sessions/{Sid}", "DeleteSession", deleteSession),
        Route(.proxy, "POST", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants", "CreateParticipant", addParticipant),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants", "ListParticipant", listParticipants),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants/{Sid}", "FetchParticipant", fetchParticipant),
        Route(.proxy, "DELETE", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants/{Sid}", "DeleteParticipant", removeParticipant),
        Route(.proxy, "POST", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants/{ParticipantSid}/MessageInteractions",
              "CreateMessageInteraction", sendMessage),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants/{ParticipantSid}/MessageInteractions",
              "ListMessageInteraction", listMessages),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Participants/{ParticipantSid}/MessageInteractions/{Sid}",
              "FetchMessageInteraction", fetchMessage),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Interactions", "ListInteraction", listInteractions),
        Route(.proxy, "GET", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Interactions/{Sid}", "FetchInteraction", fetchInteraction),
        Route(.proxy, "DELETE", "/v1/Services/{ServiceSid}/Sessions/{SessionSid}/Interactions/{Sid}", "DeleteInteraction", deleteInteraction),
    ]

    // MARK: Services

    @Sendable static func createService(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let name = context.request.value("UniqueName"), !name.isEmpty else {
            throw APIError.invalid(20001, "Missing required parameter UniqueName in the post body")
        }
        try checkChatInstance(context.request.value("ChatInstanceSid"), owner: nil, context)
        var failure: APIError?
        let result = context.world.createProxyService { service in
            service.uniqueName = name
            do throws(APIError) { try configure(&service, from: context.request) } catch { failure = error }
        }
        if let failure { throw failure }
        switch result {
        case .success(let service): return .created(render(service, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func listServices(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(try Pagination(context.request).v1(context.request, key: "services", items: context.world.proxyServices, sid: \.sid) {
            render($0, context)
        })
    }

    @Sendable static func fetchService(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try service(context, "Sid"), context))
    }

    @Sendable static func updateService(_ context: APIContext) async throws(APIError) -> APIResponse {
        var changed = try service(context, "Sid")
        try checkChatInstance(context.request.value("ChatInstanceSid"), owner: changed.sid, context)
        try configure(&changed, from: context.request)
        if let name = context.request.value("UniqueName") { changed.uniqueName = name }
        let result = changed
        switch context.world.updateProxyService(sid: result.sid, { $0 = result }) {
        case .success(let service): return .ok(render(service, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func deleteService(_ context: APIContext) async throws(APIError) -> APIResponse {
        if let error = context.world.deleteProxyService(sid: context.parameter("Sid"), cause: context.cause) {
            throw error.code == 20404 ? APIError.notFound(context.request.path) : context.fail(error)
        }
        return .deleted
    }

    /// `ChatInstanceSid` names a Conversation Service of the account, and the link is one-to-one:
    /// no other Proxy Service may hold it.
    private static func checkChatInstance(_ sid: String?, owner: String?, _ context: APIContext) throws(APIError) {
        guard let sid, !sid.isEmpty else { return }
        guard context.world.chatService(sid: sid) != nil else {
            throw APIError.invalid(20001, "ChatInstanceSid \(sid) is not a Conversation Service of this account")
        }
        if let holder = context.world.proxyServices.first(where: { $0.chatInstanceSid == sid && $0.sid != owner }) {
            throw APIError.invalid(20001, "ChatInstanceSid \(sid) is already the chat instance of Proxy Service '\(holder.uniqueName)' "
                                   + "(the link is one-to-one)")
        }
    }

    private static func configure(_ service: inout ProxyServiceConfiguration, from request: APIRequest) throws(APIError) {
        if let ttl = try APIFormat.seconds(request, "DefaultTtl", in: 0...Int(Int32.max)) { service.defaultTTL = ttl }
        func url(_ name: String) throws(APIError) -> String?? { try APIFormat.urlChange(request, name, code: 20001) }
        if let value = try url("CallbackUrl") { service.callbackURL = value }
        if let value = try url("InterceptCallbackUrl") { service.interceptCallbackURL = value }
        if let value = try url("OutOfSessionCallbackUrl") { service.outOfSessionCallbackURL = value }
        if let level = request.value("GeoMatchLevel") {
            guard let value = GeoMatchLevel(rawValue: level) else { throw APIError.invalid(20001, "GeoMatchLevel '\(level)' is not one of the service's levels") }
            service.geoMatchLevel = value
        }
        if let behavior = request.value("NumberSelectionBehavior") {
            guard let value = NumberSelectionBehavior(rawValue: behavior) else {
                throw APIError.invalid(20001, "NumberSelectionBehavior must be prefer-sticky or avoid-sticky, not '\(behavior)'")
            }
            service.numberSelectionBehavior = value
        }
        if let chat = request.value("ChatInstanceSid") { service.chatInstanceSid = chat }
    }

    // MARK: The pool

    @Sendable static func addNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        let number: String
        if let sid = context.request.value("Sid") {
            guard let owned = context.world.number(sid: sid) else { throw APIError.invalid(80601, "\(sid) is not a phone number of this account") }
            number = owned.number
        } else if let given = context.request.value("PhoneNumber") {
            guard context.world.configuration.numbers.contains(where: { $0.number == given }) else {
                throw APIError.invalid(80601, "\(given) is not a phone number of this account")
            }
            number = given
        } else {
            throw APIError.invalid(20001, "Sid or PhoneNumber is required")
        }
        let reserved = try APIFormat.bool(context.request, "IsReserved") ?? false
        switch context.world.addProxyNumber(ProxyNumberConfiguration(number: number, isReserved: reserved), toService: service.sid) {
        case .success(let entry): return .created(renderNumber(entry, service: service, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func listNumbers(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        let pool = context.world.proxyPool(sid: service.sid) ?? []
        return .ok(try Pagination(context.request).v1(context.request, key: "phone_numbers", items: pool,
                                                       sid: { context.world.proxyNumberSid($0.configuration.number) }) {
            renderNumber($0, service: service, context)
        })
    }

    @Sendable static func fetchNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (service, entry) = try poolNumber(context)
        return .ok(renderNumber(entry, service: service, context))
    }

    @Sendable static func updateNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (service, entry) = try poolNumber(context)
        let reserved = try APIFormat.bool(context.request, "IsReserved") ?? entry.configuration.isReserved
        switch context.world.reserveProxyNumber(entry.configuration.number, inService: service.sid, reserved: reserved) {
        case .success(let changed): return .ok(renderNumber(changed, service: service, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func removeNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (service, entry) = try poolNumber(context)
        if let error = context.world.removeProxyNumber(entry.configuration.number, fromService: service.sid) { throw context.fail(error) }
        return .deleted
    }

    private static func poolNumber(_ context: APIContext) throws(APIError) -> (ProxyServiceConfiguration, NumberPool.Entry) {
        let service = try service(context, "ServiceSid")
        let sid = context.parameter("Sid")
        guard let entry = context.world.proxyPool(sid: service.sid)?.first(where: { context.world.proxyNumberSid($0.configuration.number) == sid }) else {
            throw APIError.notFound(context.request.path)
        }
        return (service, entry)
    }

    // MARK: Sessions

    @Sendable static func createSession(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        let request = context.request
        var specification = ProxySessionSpecification(uniqueName: request.value("UniqueName"))
        if let name = specification.uniqueName, name.count > 191 { throw APIError.invalid(20001, "UniqueName is longer than 191 characters") }
        try readTimes(request, into: &specification.ttl, &specification.dateExpiry, now: context.world.now)
        if let mode = request.value("Mode") {
            guard let value = ProxySessionMode(rawValue: mode) else {
                throw APIError.invalid(20001, "Mode must be message-only, voice-only or voice-and-message, not '\(mode)'")
            }
            specification.mode = value
        }
        if let status = request.value("Status") {
            guard let value = ProxySessionStatus(rawValue: status) else { throw APIError.invalid(20001, "Status '\(status)' is not a session status") }
            specification.status = value
        }
        for text in request.values("Participants") {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                  let identifier = object["Identifier"] as? String ?? object["identifier"] as? String else {
                throw APIError.invalid(20001, "Each Participants value is a JSON object with an Identifier, not '\(text)'")
            }
            specification.participants.append(ProxyParticipantSpecification(
                identifier: identifier, friendlyName: object["FriendlyName"] as? String,
                proxyIdentifier: object["ProxyIdentifier"] as? String))
        }
        switch context.world.createProxySession(specification, inService: service.sid, cause: context.cause) {
        case .success(let session): return .created(renderSession(session, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func listSessions(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        let sessions = context.world.proxySessions.filter { $0.serviceSid == service.sid && context.world.proxySession(sid: $0.sid) != nil }
        return .ok(try Pagination(context.request).v1(context.request, key: "sessions", items: sessions.reversed(), sid: \.sid) {
            renderSession($0, context)
        })
    }

    @Sendable static func fetchSession(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(renderSession(try session(context, "Sid"), context))
    }

    @Sendable static func updateSession(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "Sid")
        var update = ProxySessionUpdate()
        try readTimes(context.request, into: &update.ttl, &update.dateExpiry, now: context.world.now)
        if let status = context.request.value("Status") {
            guard let value = ProxySessionStatus(rawValue: status) else { throw APIError.invalid(20001, "Status '\(status)' is not a session status") }
            update.status = value
        }
        switch context.world.updateProxySession(sid: session.sid, update, cause: context.cause) {
        case .success(let changed): return .ok(renderSession(changed, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func deleteSession(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "Sid")
        if let error = context.world.deleteProxySession(sid: session.sid, cause: context.cause) { throw context.fail(error) }
        return .deleted
    }

    /// `Ttl` (seconds) and `DateExpiry` (ISO 8601).
    private static func readTimes(_ request: APIRequest, into ttl: inout Double?, _ expiry: inout Double?, now: Double) throws(APIError) {
        if let value = try APIFormat.seconds(request, "Ttl", in: 0...Int(Int32.max)) { ttl = value }
        if let text = request.value("DateExpiry") {
            guard let time = CivilTime.parse(text) else { throw APIError.invalid(20001, "DateExpiry '\(text)' is not an ISO 8601 time") }
            expiry = time
        }
    }

    // MARK: Participants

    @Sendable static func addParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "SessionSid")
        guard let identifier = context.request.value("Identifier"), !identifier.isEmpty else {
            throw APIError.invalid(20001, "Missing required parameter Identifier in the post body")
        }
        var proxy = context.request.value("ProxyIdentifier")
        if proxy == nil, let sid = context.request.value("ProxyIdentifierSid") { proxy = context.world.number(sid: sid)?.number }
        let specification = ProxyParticipantSpecification(identifier: identifier, friendlyName: context.request.value("FriendlyName"),
                                                          proxyIdentifier: proxy)
        switch context.world.addProxyParticipant(specification, toSession: session.sid, cause: context.cause) {
        case .success(let participant): return .created(renderParticipant(participant, session: session, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func listParticipants(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "SessionSid")
        return .ok(try Pagination(context.request).v1(context.request, key: "participants", items: session.participants, sid: \.sid) {
            renderParticipant($0, session: session, context)
        })
    }

    @Sendable static func fetchParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (session, participant) = try participant(context, "Sid")
        return .ok(renderParticipant(participant, session: session, context))
    }

    @Sendable static func removeParticipant(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (session, participant) = try participant(context, "Sid")
        // 200 without a body, as the description declares it (the participant stays, with `date_deleted`).
        switch context.world.removeProxyParticipant(participant.sid, fromSession: session.sid, cause: context.cause) {
        case .success: return APIResponse(status: 200, json: nil)
        case .failure(let error): throw context.fail(error)
        }
    }

    // MARK: Interactions

    @Sendable static func sendMessage(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (session, participant) = try participant(context, "ParticipantSid")
        let body = context.request.value("Body") ?? ""
        guard !body.isEmpty else { throw APIError.invalid(21602, "Message body is required.") }
        switch await context.world.messageProxyParticipant(participant.sid, inSession: session.sid, body: body, cause: context.cause) {
        case .success(let interaction): return .ok(renderInteraction(interaction, participant: participant.sid, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func listMessages(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (session, participant) = try participant(context, "ParticipantSid")
        let interactions = interactions(of: session, context).filter { $0.type == .message && $0.outbound?.participantSid == participant.sid }
        return .ok(try Pagination(context.request).v1(context.request, key: "interactions", items: interactions.reversed(), sid: \.sid) {
            renderInteraction($0, participant: participant.sid, context)
        })
    }

    @Sendable static func fetchMessage(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (_, participant) = try participant(context, "ParticipantSid")
        guard let interaction = context.world.proxyInteraction(sid: context.parameter("Sid")), interaction.outbound?.participantSid == participant.sid else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(renderInteraction(interaction, participant: participant.sid, context))
    }

    @Sendable static func listInteractions(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "SessionSid")
        return .ok(try Pagination(context.request).v1(context.request, key: "interactions", items: interactions(of: session, context).reversed(),
                                                       sid: \.sid) { renderInteraction($0, participant: nil, context) })
    }

    @Sendable static func fetchInteraction(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "SessionSid")
        guard let interaction = context.world.proxyInteraction(sid: context.parameter("Sid")), interaction.sessionSid == session.sid else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(renderInteraction(interaction, participant: nil, context))
    }

    @Sendable static func deleteInteraction(_ context: APIContext) async throws(APIError) -> APIResponse {
        let session = try session(context, "SessionSid")
        guard let interaction = context.world.proxyInteraction(sid: context.parameter("Sid")), interaction.sessionSid == session.sid else {
            throw APIError.notFound(context.request.path)
        }
        if let error = context.world.deleteProxyInteraction(sid: interaction.sid) { throw context.fail(error) }
        return .deleted
    }

    private static func interactions(of session: ProxySession, _ context: APIContext) -> [ProxyInteraction] {
        session.interactionSids.compactMap { context.world.proxyInteraction(sid: $0) }
    }

    // MARK: Lookups

    private static func service(_ context: APIContext, _ parameter: String) throws(APIError) -> ProxyServiceConfiguration {
        guard let service = context.world.proxyService(sid: context.parameter(parameter)) else { throw APIError.notFound(context.request.path) }
        return service
    }

    private static func session(_ context: APIContext, _ parameter: String) throws(APIError) -> ProxySession {
        let service = try service(context, "ServiceSid")
        guard let session = context.world.proxySession(sid: context.parameter(parameter)), session.serviceSid == service.sid else {
            throw APIError.notFound(context.request.path)
        }
        return session
    }

    private static func participant(_ context: APIContext, _ parameter: String) throws(APIError) -> (ProxySession, ProxyParticipant) {
        let session = try session(context, "SessionSid")
        guard let participant = session.participants.first(where: { $0.sid == context.parameter(parameter) }) else {
            throw APIError.notFound(context.request.path)
        }
        return (session, participant)
    }
}
