import Platform
import Simulator
import TwiML

/// `/2010-04-01/Accounts/{AccountSid}/Calls`: place a call (its `Url` requested, or its `Twiml`
/// run, once the scripted callee answers), change a live call (new `Url` or `Twiml`, or
/// `Status=completed|canceled`), fetch, list, delete.
enum CallsResource {
    static let routes: [Route] = [
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "CreateCall", create),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "ListCall", list),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "FetchCall", fetch),
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "UpdateCall", update),
        Route(.api, "DELETE", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "DeleteCall", delete),
    ]

    @Sendable static func create(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        guard let to = request.value("To"), !to.isEmpty else { throw APIError.invalid(21201, "No 'To' number is specified") }
        guard APIFormat.isAddress(to) else { throw APIError.invalid(21217, "The 'To' number \(to) is not a valid phone number") }
        guard let from = request.value("From"), !from.isEmpty else { throw APIError.invalid(21213, "No 'From' number is specified") }
        guard APIFormat.isAddress(from) else { throw APIError.invalid(21212, "The 'From' number \(from) is not a valid phone number") }
        var call = CallRequest(to: to, from: from)
        // Url wins over Twiml when both are given, as the platform documents.
        if let url = try APIFormat.url(request, "Url", code: 21205), !url.isEmpty {
            call.url = url
        } else if let text = request.value("Twiml") {
            call.twiml = try twiml(text)
        } else {
            throw APIError.invalid(21205, "Url, Twiml or ApplicationSid is required")
        }
        try configure(&call, from: request)
        switch context.world.createCall(call, cause: context.cause) {
        case .success(let created): return .created(render(created, in: context.world))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func list(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let pages = try Pagination(request)
        let status = request.value("Status")
        let calls = context.world.listedCalls.reversed().filter { call in
            if let to = request.value("To"), call.to != to { return false }
            if let from = request.value("From"), call.from != from { return false }
            if let parent = request.value("ParentCallSid"), call.parentSid != parent { return false }
            if let status, call.status.rawValue != status { return false }
            return true
        }
        return .ok(pages.v2010(request, key: "calls", items: calls, sid: \.sid) { render($0, in: context.world) })
    }

    @Sendable static func fetch(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let call = context.world.listedCall(context.parameter("Sid")) else { throw APIError.notFound(context.request.path) }
        return .ok(render(call, in: context.world))
    }

    @Sendable static func update(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let sid = context.parameter("Sid")
        guard context.world.listedCall(sid) != nil else { throw APIError.notFound(request.path) }
        let change: CallUpdate
        if let status = request.value("Status") {
            guard status == "completed" || status == "canceled" else {
                throw APIError.invalid(21218, "Status can be completed or canceled, not '\(status)'")
            }
            change = .end(status == "completed" ? .completed : .canceled)
        } else if let url = try APIFormat.url(request, "Url", code: 21205), !url.isEmpty {
            guard request.value("Twiml") == nil else { throw APIError.invalid(21205, "Url and Twiml are mutually exclusive on an update") }
            change = .redirect(url: url, method: try APIFormat.method(request, "Method") ?? .post)
        } else if let text = request.value("Twiml") {
            change = .twiml(try twiml(text))
        } else {
            throw APIError.invalid(21205, "Give a Url, Twiml or Status to change the call")
        }
        switch context.world.updateCall(sid, change) {
        case .success(let call): return .ok(render(call, in: context.world))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func delete(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard context.world.listedCall(context.parameter("Sid")) != nil else { throw APIError.notFound(context.request.path) }
        if let error = context.world.deleteCall(context.parameter("Sid")) { throw context.fail(error) }
        return .deleted
    }

    /// A `Twiml` parameter: at most 4000 characters of Voice TwiML, parsed as a fetched document is.
    private static func twiml(_ text: String) throws(APIError) -> TwiMLDocument {
        guard text.count <= 4_000 else { throw APIError.invalid(21205, "Twiml is longer than 4000 characters") }
        switch TwiMLDocument.parse(text) {
        case .success(let document): return document
        case .failure(let error): throw APIError.invalid(12100, "Twiml is not valid TwiML: \(error)")
        }
    }

    private static func configure(_ call: inout CallRequest, from request: APIRequest) throws(APIError) {
        if let method = try APIFormat.method(request, "Method") { call.method = method }
        if let url = try APIFormat.url(request, "FallbackUrl", code: 21205), !url.isEmpty {
            call.fallback = (url, try APIFormat.method(request, "FallbackMethod") ?? .post)
        }
        if let url = try APIFormat.url(request, "StatusCallback", code: 21205), !url.isEmpty { call.statusCallback = url }
        if let method = try APIFormat.method(request, "StatusCallbackMethod") { call.statusCallbackMethod = method }
        let events = request.values("StatusCallbackEvent").flatMap { $0.split(separator: " ").map(String.init) }
        if !events.isEmpty {
            call.statusCallbackEvents = try events.map { (name) throws(APIError) -> CallEvent in
                guard let event = CallEvent(rawValue: name) else {
                    throw APIError.invalid(20001, "StatusCallbackEvent '\(name)' is not one of initiated, ringing, answered, completed")
                }
                return event
            }
            if !call.statusCallbackEvents.contains(.completed) { call.statusCallbackEvents.append(.completed) }
        }
        if let timeout = try APIFormat.seconds(request, "Timeout", in: 1...600) { call.timeout = timeout }
        if let detection = request.value("MachineDetection") {
            guard ["Enable", "DetectMessageEnd"].contains(detection) else {
                throw APIError.invalid(20001, "MachineDetection must be Enable or DetectMessageEnd, not '\(detection)'")
            }
            call.machineDetection = true
        }
    }

    static func render(_ call: Call, in world: World, account: String? = nil) -> JSON {
        let account = account ?? world.accountSid.description
        let path = APIFormat.accountPath(account, "Calls/\(call.sid)")
        let number = world.configuration.numbers.first { $0.number == (call.direction == "inbound" ? call.to : call.from) }
        let updated = [call.created, call.answered, call.ended].compactMap { $0 }.max()
        let subresources = ["notifications", "recordings", "payments", "events", "siprec", "streams", "transcriptions",
                            "user_defined_message_subscriptions", "user_defined_messages"]
        func pascal(_ key: String) -> String {
            key.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        }
        return .object([
            ("sid", .string(call.sid)),
            ("date_created", APIFormat.date2010(call.created)),
            ("date_updated", APIFormat.date2010(updated)),
            ("parent_call_sid", .optional(call.parentSid)),
            ("account_sid", .string(account)),
            ("to", .string(call.to)),
            ("to_formatted", .string(PhoneNumbersResource.formatted(call.to))),
            ("from", .string(call.from)),
            ("from_formatted", .string(PhoneNumbersResource.formatted(call.from))),
            ("phone_number_sid", .optional(number?.sid)),
            ("status", .string(call.status.rawValue)),
            ("start_time", APIFormat.date2010(call.answered)),
            ("end_time", APIFormat.date2010(call.ended)),
            ("duration", call.ended == nil ? .null : .string(String(call.duration))),
            ("price", .null),
            ("price_unit", .string("USD")),
            ("direction", .string(call.direction)),
            ("answered_by", .null),
            ("api_version", .string("2010-04-01")),
            ("forwarded_from", .null),
            ("group_sid", .null),
            ("caller_name", .null),
            ("queue_time", .string("0")),
            ("trunk_sid", .null),
            ("uri", .string(path + ".json")),
            ("subresource_uris", .object(subresources.map { ($0, .string(path + "/" + pascal($0) + ".json")) })),
        ])
    }
}
