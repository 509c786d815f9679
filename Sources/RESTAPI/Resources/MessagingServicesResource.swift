import Platform
import Simulator

/// Messaging v1 `Services` with every field of the resource, and their `PhoneNumbers` (the
/// sender pool). A change takes effect for the next message.
enum MessagingServicesResource {
    static let routes: [Route] = [
        Route(.messaging, "POST", "/v1/Services", "CreateService", create),
        Route(.messaging, "GET", "/v1/Services", "ListService", list),
        Route(.messaging, "GET", "/v1/Services/{Sid}", "FetchService", fetch),
        Route(.messaging, "POST", "/v1/Services/{Sid}", "UpdateService", update),
        Route(.messaging, "DELETE", "/v1/Services/{Sid}", "DeleteService", delete),
        Route(.messaging, "POST", "/v1/Services/{ServiceSid}/PhoneNumbers", "CreatePhoneNumber", addNumber),
        Route(.messaging, "GET", "/v1/Services/{ServiceSid}/PhoneNumbers", "ListPhoneNumber", listNumbers),
        Route(.messaging, "GET", "/v1/Services/{ServiceSid}/PhoneNumbers/{Sid}", "FetchPhoneNumber", fetchNumber),
        Route(.messaging, "DELETE", "/v1/Services/{ServiceSid}/PhoneNumbers/{Sid}", "DeletePhoneNumber", removeNumber),
    ]

    @Sendable static func create(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let name = context.request.value("FriendlyName"), !name.isEmpty else {
            throw APIError.invalid(20001, "Missing required parameter FriendlyName in the post body")
        }
        guard name.count <= 64 else { throw APIError.invalid(20001, "FriendlyName is longer than 64 characters") }
        var failure: APIError?
        let service = context.world.createMessagingService { service in
            service.friendlyName = name
            service.name = name
            do throws(APIError) { try configure(&service, from: context.request) } catch { failure = error }
        }
        if let failure {
            _ = context.world.deleteMessagingService(sid: service.sid)
            throw failure
        }
        return .created(render(service, context))
    }

    @Sendable static func list(_ context: APIContext) async throws(APIError) -> APIResponse {
        let pages = try Pagination(context.request)
        return .ok(pages.v1(context.request, key: "services", items: context.world.configuration.messagingServices, sid: \.sid) {
            render($0, context)
        })
    }

    @Sendable static func fetch(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try service(context, "Sid"), context))
    }

    @Sendable static func update(_ context: APIContext) async throws(APIError) -> APIResponse {
        let original = try service(context, "Sid")
        var changed = original
        try configure(&changed, from: context.request)
        if let name = context.request.value("FriendlyName") { changed.friendlyName = name }
        let result = changed
        switch context.world.updateMessagingService(sid: original.sid, { $0 = result }) {
        case .success(let service): return .ok(render(service, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func delete(_ context: APIContext) async throws(APIError) -> APIResponse {
        if let error = context.world.deleteMessagingService(sid: context.parameter("Sid")) { throw notFound(context, error) }
        return .deleted
    }

    @Sendable static func addNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        guard let numberSid = context.request.value("PhoneNumberSid") else {
            throw APIError.invalid(20001, "Missing required parameter PhoneNumberSid in the post body")
        }
        switch context.world.addSender(numberSid: numberSid, toService: service.sid) {
        case .success(let number): return .created(renderNumber(number, service: service, context))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func listNumbers(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        let pages = try Pagination(context.request)
        let numbers = service.senders.compactMap { sender in context.world.configuration.numbers.first { $0.number == sender } }
        return .ok(pages.v1(context.request, key: "phone_numbers", items: numbers, sid: \.sid) {
            renderNumber($0, service: service, context)
        })
    }

    @Sendable static func fetchNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        guard let number = context.world.number(sid: context.parameter("Sid")), service.senders.contains(number.number) else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(renderNumber(number, service: service, context))
    }

    @Sendable static func removeNumber(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context, "ServiceSid")
        if let error = context.world.removeSender(numberSid: context.parameter("Sid"), fromService: service.sid) {
            throw notFound(context, error)
        }
        return .deleted
    }

    private static func service(_ context: APIContext, _ parameter: String) throws(APIError) -> MessagingServiceConfiguration {
        guard let service = context.world.messagingService(sid: context.parameter(parameter)) else { throw APIError.notFound(context.request.path) }
        return service
    }

    private static func notFound(_ context: APIContext, _ error: PlatformError) -> APIError {
        error.code == 20404 ? APIError.notFound(context.request.path) : context.fail(error)
    }

    /// The fields create and update take.
    private static func configure(_ service: inout MessagingServiceConfiguration, from request: APIRequest) throws(APIError) {
        func url(_ name: String) throws(APIError) -> String?? { try APIFormat.urlChange(request, name, code: 21609) }
        if let value = try url("InboundRequestUrl") { service.inboundRequestURL = value }
        if let method = try APIFormat.method(request, "InboundMethod") { service.inboundMethod = method }
        if let value = try url("FallbackUrl") { service.fallbackURL = value }
        if let method = try APIFormat.method(request, "FallbackMethod") { service.fallbackMethod = method }
        if let value = try url("StatusCallback") { service.statusCallback = value }
        if let flag = try APIFormat.bool(request, "StickySender") { service.stickySender = flag }
        if let flag = try APIFormat.bool(request, "MmsConverter") { service.mmsConverter = flag }
        if let flag = try APIFormat.bool(request, "SmartEncoding") { service.smartEncoding = flag }
        if let flag = try APIFormat.bool(request, "FallbackToLongCode") { service.fallbackToLongCode = flag }
        if let flag = try APIFormat.bool(request, "AreaCodeGeomatch") { service.areaCodeGeomatch = flag }
        if let flag = try APIFormat.bool(request, "SynchronousValidation") { service.synchronousValidation = flag }
        if let flag = try APIFormat.bool(request, "UseInboundWebhookOnNumber") { service.useInboundWebhookOnNumber = flag }
        if let scan = request.value("ScanMessageContent") {
            guard ["inherit", "enable", "disable"].contains(scan) else {
                throw APIError.invalid(20001, "ScanMessageContent must be inherit, enable or disable, not '\(scan)'")
            }
            service.scanMessageContent = scan
        }
        if let validity = try APIFormat.seconds(request, "ValidityPeriod", in: 1...36_000) { service.validityPeriod = validity }
        if let usecase = request.value("Usecase") { service.usecase = usecase }
    }

    static func render(_ service: MessagingServiceConfiguration, _ context: APIContext) -> JSON {
        let url = context.request.baseURL + "/v1/Services/" + service.sid
        let created = APIFormat.dateV1(service.created ?? context.world.configuration.startTime)
        return .object([
            ("account_sid", .string(context.world.accountSid.description)),
            ("sid", .string(service.sid)),
            ("date_created", created),
            ("date_updated", created),
            ("friendly_name", .string(service.friendlyName)),
            ("inbound_request_url", .optional(service.inboundRequestURL)),
            ("inbound_method", .string(service.inboundMethod.rawValue)),
            ("fallback_url", .optional(service.fallbackURL)),
            ("fallback_method", .string(service.fallbackMethod.rawValue)),
            ("status_callback", .optional(service.statusCallback)),
            ("sticky_sender", .bool(service.stickySender)),
            ("mms_converter", .bool(service.mmsConverter)),
            ("smart_encoding", .bool(service.smartEncoding)),
            ("scan_message_content", .string(service.scanMessageContent)),
            ("fallback_to_long_code", .bool(service.fallbackToLongCode)),
            ("area_code_geomatch", .bool(service.areaCodeGeomatch)),
            ("synchronous_validation", .bool(service.synchronousValidation)),
            ("validity_period", .int(Int(service.validityPeriod))),
            ("url", .string(url)),
            ("links", .object(["phone_numbers", "short_codes", "alpha_senders", "messages", "us_app_to_person",
                               "us_app_to_person_usecases", "channel_senders", "destination_alpha_senders"].map { key in
                (key, .string(url + "/" + linkPath(key)))
            })),
            ("usecase", .string(service.usecase)),
            ("us_app_to_person_registered", .bool(service.usAppToPersonRegistered)),
            ("use_inbound_webhook_on_number", .bool(service.useInboundWebhookOnNumber)),
            ("sending_windows", .null),
        ])
    }

    private static func linkPath(_ key: String) -> String {
        switch key {
        case "phone_numbers": "PhoneNumbers"
        case "short_codes": "ShortCodes"
        case "alpha_senders": "AlphaSenders"
        case "messages": "Messages"
        case "us_app_to_person": "Compliance/Usa2p"
        case "us_app_to_person_usecases": "Compliance/Usa2p/Usecases"
        case "channel_senders": "ChannelSenders"
        default: "DestinationAlphaSenders"
        }
    }

    static func renderNumber(_ number: NumberConfiguration, service: MessagingServiceConfiguration, _ context: APIContext) -> JSON {
        let created = APIFormat.dateV1(number.created ?? service.created ?? context.world.configuration.startTime)
        return .object([
            ("sid", .string(number.sid)),
            ("account_sid", .string(context.world.accountSid.description)),
            ("service_sid", .string(service.sid)),
            ("date_created", created),
            ("date_updated", created),
            ("phone_number", .string(number.number)),
            ("country_code", .string(PhoneNumber(number.number)?.isoCountry ?? "US")),
            ("capabilities", .array([.string("MMS"), .string("SMS"), .string("Voice")])),
            ("url", .string(context.request.baseURL + "/v1/Services/\(service.sid)/PhoneNumbers/\(number.sid)")),
        ])
    }
}
