import Platform
import Simulator

/// `/2010-04-01/Accounts/{AccountSid}/Messages`: create (from a number or a Messaging
/// Service, scheduled or not), fetch, list with filters, redact (`Body=""`), cancel a scheduled
/// message, delete; and each message's `Media`.
enum MessagesResource {
    static let routes: [Route] = [
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/Messages.json", "CreateMessage", create),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Messages.json", "ListMessage", list),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json", "FetchMessage", fetch),
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json", "UpdateMessage", update),
        Route(.api, "DELETE", "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json", "DeleteMessage", delete),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json", "ListMedia", listMedia),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}.json", "FetchMedia", fetchMedia),
        Route(.api, "DELETE", "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}.json", "DeleteMedia", deleteMedia),
    ]

    /// The shortest and longest wait of a scheduled message (15 minutes is the older pages'
    /// minimum; the current one says 5).
    static let schedulingWindow: ClosedRange<Double> = 300...(35 * 86_400)

    @Sendable static func create(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        guard let to = request.value("To"), !to.isEmpty else { throw APIError.invalid(21604, "A 'To' phone number is required.") }
        guard APIFormat.isAddress(to) else { throw APIError.invalid(21211, "The 'To' number \(to) is not a valid phone number.") }
        if let from = request.value("From"), !from.hasPrefix("MG"), !APIFormat.isAddress(from) {
            throw APIError.invalid(21212, "The 'From' number \(from) is not a valid phone number, shortcode, or alphanumeric sender ID.")
        }
        let body = request.value("Body") ?? ""
        let media = request.values("MediaUrl")
        let service = request.value("MessagingServiceSid") ?? request.value("From").flatMap { $0.hasPrefix("MG") ? $0 : nil }
        if body.isEmpty, media.isEmpty, request.value("ContentSid") == nil {
            throw service == nil ? APIError.invalid(21602, "Message body is required.")
                                 : APIError.invalid(21619, "A text message body, media URL or content SID is required.")
        }
        guard body.count <= 1600 else { throw APIError.invalid(21617, "The concatenated message body exceeds the 1600 character limit.") }
        guard media.count <= 10 else { throw APIError.invalid(21623, "A message can carry at most 10 media URLs; \(media.count) were given.") }
        for url in media where !APIFormat.isURL(url) { throw APIError.invalid(21620, "The media URL '\(url)' is not a valid URL.") }
        let callback = try APIFormat.url(request, "StatusCallback", code: 21609)
        let validity = try APIFormat.seconds(request, "ValidityPeriod", in: 1...36_000)
        var sendAt: Double?
        if let type = request.value("ScheduleType") {
            guard type == "fixed" else { throw APIError.invalid(35126, "ScheduleType must be 'fixed', not '\(type)'.") }
            guard let text = request.value("SendAt") else { throw APIError.invalid(35111, "SendAt is required when ScheduleType is fixed.") }
            guard let time = CivilTime.parse(text), schedulingWindow.contains(time - context.world.now) else {
                throw APIError.invalid(35115, "SendAt '\(text)' must be an ISO 8601 time 5 minutes to 35 days from now.")
            }
            sendAt = time
        }
        let message = MessageRequest(to: to, from: request.value("From"), messagingServiceSid: request.value("MessagingServiceSid"),
                                     body: body, mediaURLs: media, statusCallback: callback?.isEmpty == false ? callback : nil,
                                     validityPeriod: validity, sendAt: sendAt)
        switch await context.world.createMessage(message, cause: context.cause) {
        case .success(let created): return .created(render(created, in: context.world))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func fetch(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try message(context), in: context.world))
    }

    @Sendable static func list(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let pages = try Pagination(request)
        let to = request.value("To")
        let from = request.value("From")
        let on = try date(request, "DateSent")
        let before = try date(request, "DateSent<")
        let after = try date(request, "DateSent>")
        let filtering = on != nil || before != nil || after != nil
        let messages = context.world.listedMessages.reversed().filter { message in
            if let to, message.to != to { return false }
            if let from, message.from != from { return false }
            guard filtering else { return true }
            guard let sent = sentTime(message) else { return false }
            if let on, !(on..<on + 86_400).contains(sent) { return false }
            if let before, sent >= before { return false }
            if let after, sent < after { return false }
            return true
        }
        return .ok(pages.v2010(request, key: "messages", items: messages, sid: \.sid) { render($0, in: context.world) })
    }

    @Sendable static func update(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let sid = context.parameter("Sid")
        if let status = request.value("Status") {
            guard status == "canceled" else { throw APIError.invalid(20001, "Status can only be 'canceled', not '\(status)'.") }
            switch context.world.cancelMessage(sid, cause: context.cause) {
            case .success(let message): return .ok(render(message, in: context.world))
            case .failure(let error): throw context.fail(error)
            }
        }
        guard request.has("Body") else { throw APIError.invalid(20001, "Give Body=\"\" to redact the message, or Status=canceled.") }
        guard request.value("Body") == "" else { throw APIError.invalid(20001, "A message's Body can only be redacted (set to \"\").") }
        switch context.world.redactMessage(sid) {
        case .success(let message): return .ok(render(message, in: context.world))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func delete(_ context: APIContext) async throws(APIError) -> APIResponse {
        if let error = context.world.deleteMessage(context.parameter("Sid")) { throw context.fail(error) }
        return .deleted
    }

    @Sendable static func listMedia(_ context: APIContext) async throws(APIError) -> APIResponse {
        let message = try message(context, sid: context.parameter("MessageSid"))
        let pages = try Pagination(context.request)
        let media = context.world.listedMedia(of: message)
        return .ok(pages.v2010(context.request, key: "media_list", items: media, sid: { mediaSid(message, $0) }) {
            renderMedia(message, $0, in: context.world)
        })
    }

    @Sendable static func fetchMedia(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (message, index) = try media(context)
        return .ok(renderMedia(message, index, in: context.world))
    }

    @Sendable static func deleteMedia(_ context: APIContext) async throws(APIError) -> APIResponse {
        let (message, index) = try media(context)
        if let error = context.world.deleteMedia(at: index, of: message) { throw context.fail(error) }
        return .deleted
    }

    /// The message and the place of the media the path names.
    private static func media(_ context: APIContext) throws(APIError) -> (OutboundMessage, Int) {
        let message = try message(context, sid: context.parameter("MessageSid"))
        let sid = context.parameter("Sid")
        guard let index = context.world.listedMedia(of: message).first(where: { mediaSid(message, $0) == sid }) else {
            throw APIError.notFound(context.request.path)
        }
        return (message, index)
    }

    private static func message(_ context: APIContext, sid: String? = nil) throws(APIError) -> OutboundMessage {
        guard let message = context.world.listedMessage(sid ?? context.parameter("Sid")) else { throw APIError.notFound(context.request.path) }
        return message
    }

    /// A date filter: `YYYY-MM-DD` as documented, or the ISO time the Python library sends.
    private static func date(_ request: APIRequest, _ name: String) throws(APIError) -> Double? {
        guard let text = request.value(name) else { return nil }
        guard let time = CivilTime.parse(text) else { throw APIError.invalid(20001, "\(name) '\(text)' is not a date (YYYY-MM-DD).") }
        return time
    }

    static func sentTime(_ message: OutboundMessage) -> Double? {
        message.statuses.first { $0.status == .sent }?.time
    }

    /// Media SIDs are derived from the message's, so they never shift the world's other SIDs.
    static func mediaSid(_ message: OutboundMessage, _ index: Int) -> String {
        var generator = SIDGenerator(seed: 0, stream: message.sid + "/media/\(index)")
        return generator.next(.media).description
    }

    static func render(_ message: OutboundMessage, in world: World, account: String? = nil) -> JSON {
        let account = account ?? world.accountSid.description
        let path = APIFormat.accountPath(account, "Messages/\(message.sid)")
        let created = message.statuses.first?.time
        let scheduled = message.status == .scheduled
        return .object([
            ("account_sid", .string(account)),
            ("api_version", .string("2010-04-01")),
            ("body", .string(message.body)),
            ("date_created", APIFormat.date2010(created)),
            ("date_sent", APIFormat.date2010(sentTime(message))),
            ("date_updated", APIFormat.date2010(message.statuses.last?.time)),
            ("direction", .string(message.direction)),
            ("error_code", message.errorCode.map { .int($0.code) } ?? .null),
            ("error_message", message.errorCode.map { .string($0.message) } ?? .null),
            ("from", .string(message.from)),
            ("messaging_service_sid", .optional(message.messagingServiceSid)),
            ("num_media", .string(String(message.mediaURLs.count))),
            ("num_segments", .string(scheduled ? "0" : String(message.segments))),
            ("price", .null),
            ("price_unit", .string("USD")),
            ("sid", .string(message.sid)),
            ("status", .string(message.status.rawValue)),
            ("subresource_uris", .object([("media", .string(path + "/Media.json")), ("feedback", .string(path + "/Feedback.json"))])),
            ("to", .string(message.to)),
            ("uri", .string(path + ".json")),
        ])
    }

    static func renderMedia(_ message: OutboundMessage, _ index: Int, in world: World) -> JSON {
        let sid = mediaSid(message, index)
        let url = message.mediaURLs[index]
        return .object([
            ("account_sid", .string(world.accountSid.description)),
            ("content_type", .string(World.mediaType(of: url))),
            ("date_created", APIFormat.date2010(message.statuses.first?.time)),
            ("date_updated", APIFormat.date2010(message.statuses.first?.time)),
            ("parent_sid", .string(message.sid)),
            ("sid", .string(sid)),
            ("uri", .string(APIFormat.accountPath(world, "Messages/\(message.sid)/Media/\(sid).json"))),
        ])
    }
}
