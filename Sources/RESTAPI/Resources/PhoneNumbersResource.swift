import Platform
import Simulator
import TwiML

/// `IncomingPhoneNumbers` (buy, configure every webhook field, release: a change decides where
/// the next message or call to the number goes) and the `AvailablePhoneNumbers` search.
enum PhoneNumbersResource {
    static let routes: [Route] = [
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json", "CreateIncomingPhoneNumber", create),
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/Local.json", "CreateIncomingPhoneNumberLocal", create),
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/Mobile.json", "CreateIncomingPhoneNumberMobile", create),
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree.json", "CreateIncomingPhoneNumberTollFree", create),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json", "ListIncomingPhoneNumber", list),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json", "FetchIncomingPhoneNumber", fetch),
        Route(.api, "POST", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json", "UpdateIncomingPhoneNumber", update),
        Route(.api, "DELETE", "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json", "DeleteIncomingPhoneNumber", delete),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Local.json",
              "ListAvailablePhoneNumberLocal", available),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Mobile.json",
              "ListAvailablePhoneNumberMobile", available),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/TollFree.json",
              "ListAvailablePhoneNumberTollFree", available),
    ]

    @Sendable static func create(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let wanted: String
        if let given = request.value("PhoneNumber") {
            guard let number = PhoneNumber(given), given.hasPrefix("+") else {
                throw APIError.invalid(21421, "PhoneNumber '\(given)' is not a valid E.164 phone number.")
            }
            wanted = number.description
        } else if let area = request.value("AreaCode") {
            guard area.count == 3, area.allSatisfy(\.isNumber),
                  let first = availableNumbers(country: "US", area: area, contains: nil, excluding: context.world, count: 1).first else {
                throw APIError.invalid(21452, "No phone numbers are available in area code \(area).")
            }
            wanted = first
        } else {
            throw APIError.invalid(21421, "A PhoneNumber or an AreaCode is required.")
        }
        var number = NumberConfiguration(number: wanted)
        number.friendlyName = Self.formatted(wanted)
        try configure(&number, from: request)
        switch context.world.buyNumber(number) {
        case .success(let bought): return .created(render(bought, in: context.world))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func list(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let pages = try Pagination(request)
        let digits = request.value("PhoneNumber").map { $0.filter(\.isNumber) }
        let name = request.value("FriendlyName")
        let numbers = context.world.configuration.numbers.filter { number in
            if let digits, !number.number.filter(\.isNumber).contains(digits) { return false }
            if let name, (number.friendlyName ?? formatted(number.number)) != name { return false }
            return true
        }
        return .ok(pages.v2010(request, key: "incoming_phone_numbers", items: numbers, sid: \.sid) { render($0, in: context.world) })
    }

    @Sendable static func fetch(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let number = context.world.number(sid: context.parameter("Sid")) else { throw APIError.notFound(context.request.path) }
        return .ok(render(number, in: context.world))
    }

    @Sendable static func update(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard var number = context.world.number(sid: context.parameter("Sid")) else { throw APIError.notFound(context.request.path) }
        try configure(&number, from: context.request)
        let changed = number
        switch context.world.updateNumber(sid: number.sid, { $0 = changed }) {
        case .success(let updated): return .ok(render(updated, in: context.world))
        case .failure(let error): throw context.fail(error)
        }
    }

    @Sendable static func delete(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard context.world.number(sid: context.parameter("Sid")) != nil else { throw APIError.notFound(context.request.path) }
        if let error = context.world.releaseNumber(sid: context.parameter("Sid")) { throw context.fail(error) }
        return .deleted
    }

    @Sendable static func available(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let country = context.parameter("CountryCode")
        let kind = request.path.hasSuffix("/TollFree.json") ? "833" : nil
        let area = kind ?? request.value("AreaCode")
        let size = min(max(Int(request.value("PageSize") ?? "") ?? 30, 1), 1000)
        let numbers = availableNumbers(country: country, area: area, contains: request.value("Contains"), excluding: context.world,
                                       count: size)
        return .ok(.object([
            ("available_phone_numbers", .array(numbers.map { number in
                let parsed = PhoneNumber(number)
                return .object([
                    ("friendly_name", .string(formatted(number))),
                    ("phone_number", .string(number)),
                    ("lata", .null),
                    ("locality", .optional(parsed?.city)),
                    ("rate_center", .optional(parsed?.city?.uppercased())),
                    ("latitude", .null),
                    ("longitude", .null),
                    ("region", .optional(parsed?.state)),
                    ("postal_code", .null),
                    ("iso_country", .string(country)),
                    ("address_requirements", .string("none")),
                    ("beta", .bool(false)),
                    ("capabilities", .object([("voice", .bool(true)), ("sms", .bool(true)), ("mms", .bool(true)), ("fax", .bool(false))])),
                ])
            })),
            ("uri", .string(request.path)),
        ]))
    }

    /// Numbers on sale: North American numbers of the area code asked for (415 when none),
    /// `555` exchange, in order, those the account holds left out. Other countries have none.
    static func availableNumbers(country: String, area: String?, contains: String?, excluding world: World, count: Int) -> [String] {
        guard ["US", "CA"].contains(country) else { return [] }
        let owned = Set(world.configuration.numbers.map(\.number))
        let pattern = contains.map { $0.filter { $0.isNumber || $0 == "*" } }
        var found: [String] = []
        for line in 100..<10_000 where found.count < count {
            let suffix = String(line)
            let number = "+1" + (area ?? "415") + "555" + String(repeating: "0", count: 4 - suffix.count) + suffix
            guard !owned.contains(number) else { continue }
            if let pattern, !pattern.isEmpty, !matches(String(number.dropFirst(2)), pattern) { continue }
            found.append(number)
        }
        return found
    }

    /// `Contains`: digits with `*` for any digit, anywhere in the number.
    private static func matches(_ digits: String, _ pattern: String) -> Bool {
        let digits = Array(digits)
        let pattern = Array(pattern)
        guard pattern.count <= digits.count else { return false }
        return (0...(digits.count - pattern.count)).contains { start in
            pattern.indices.allSatisfy { pattern[$0] == "*" || pattern[$0] == digits[start + $0] }
        }
    }

    /// `(415) 555-0100` for a North American number; the number itself otherwise.
    static func formatted(_ number: String) -> String {
        let digits = Array(number.dropFirst(2))
        guard number.hasPrefix("+1"), digits.count == 10 else { return number }
        return "(\(String(digits[0..<3]))) \(String(digits[3..<6]))-\(String(digits[6..<10]))"
    }

    /// The webhook fields create and update take.
    private static func configure(_ number: inout NumberConfiguration, from request: APIRequest) throws(APIError) {
        if let name = request.value("FriendlyName") { number.friendlyName = name }
        func url(_ name: String) throws(APIError) -> String?? { try APIFormat.urlChange(request, name, code: 21402) }
        if let value = try url("SmsUrl") { number.smsURL = value }
        if let method = try APIFormat.method(request, "SmsMethod") { number.smsMethod = method }
        if let value = try url("SmsFallbackUrl") { number.smsFallbackURL = value }
        if let method = try APIFormat.method(request, "SmsFallbackMethod") { number.smsFallbackMethod = method }
        if let value = try url("VoiceUrl") { number.voice.url = value }
        if let method = try APIFormat.method(request, "VoiceMethod") { number.voice.method = method }
        if let value = try url("VoiceFallbackUrl") { number.voice.fallbackURL = value }
        if let method = try APIFormat.method(request, "VoiceFallbackMethod") { number.voice.fallbackMethod = method }
        if let value = try url("StatusCallback") {
            number.voice.statusCallback = value
            number.statusCallback = value
        }
        if let method = try APIFormat.method(request, "StatusCallbackMethod") { number.voice.statusCallbackMethod = method }
    }

    static func render(_ number: NumberConfiguration, in world: World, account: String? = nil) -> JSON {
        let account = account ?? world.accountSid.description
        let created = number.created ?? world.configuration.startTime
        return .object([
            ("account_sid", .string(account)),
            ("address_requirements", .string("none")),
            ("address_sid", .null),
            ("api_version", .string("2010-04-01")),
            ("beta", .bool(false)),
            ("bundle_sid", .null),
            ("capabilities", .object([("voice", .bool(true)), ("sms", .bool(true)), ("mms", .bool(true)), ("fax", .bool(false))])),
            ("date_created", APIFormat.date2010(created)),
            ("date_updated", APIFormat.date2010(created)),
            ("emergency_address_sid", .null),
            ("emergency_address_status", .string("unregistered")),
            ("emergency_status", .string("Inactive")),
            ("friendly_name", .string(number.friendlyName ?? formatted(number.number))),
            ("identity_sid", .null),
            ("origin", .string("twilio")),
            ("phone_number", .string(number.number)),
            ("sid", .string(number.sid)),
            ("sms_application_sid", .string("")),
            ("sms_fallback_method", .string(number.smsFallbackMethod.rawValue)),
            ("sms_fallback_url", .string(number.smsFallbackURL ?? "")),
            ("sms_method", .string(number.smsMethod.rawValue)),
            ("sms_url", .string(number.smsURL ?? "")),
            ("status", .string("in-use")),
            ("status_callback", .string(number.voice.statusCallback ?? "")),
            ("status_callback_method", .string(number.voice.statusCallbackMethod.rawValue)),
            ("subresource_uris", .object([("assigned_add_ons",
                                           .string(APIFormat.accountPath(account, "IncomingPhoneNumbers/\(number.sid)/AssignedAddOns.json")))])),
            ("trunk_sid", .null),
            ("type", .string(number.number.hasPrefix("+18") && ["800", "833", "844", "855", "866", "877", "888"].contains(String(number.number.dropFirst(2).prefix(3))) ? "tollfree" : "local")),
            ("uri", .string(APIFormat.accountPath(account, "IncomingPhoneNumbers/\(number.sid).json"))),
            ("voice_application_sid", .string("")),
            ("voice_caller_id_lookup", .bool(false)),
            ("voice_fallback_method", .string(number.voice.fallbackMethod.rawValue)),
            ("voice_fallback_url", .string(number.voice.fallbackURL ?? "")),
            ("voice_method", .string(number.voice.method.rawValue)),
            ("voice_receive_mode", .string("voice")),
            ("voice_url", .string(number.voice.url ?? "")),
        ])
    }
}
