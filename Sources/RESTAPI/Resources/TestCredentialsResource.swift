import Simulator

/// What the test credentials get: only Messages, Calls and IncomingPhoneNumbers create answer
/// (every other operation is 403 with 20008), with the platform's magic numbers deciding
/// success or the error; what they create looks real and takes no part in the world.
enum TestCredentialsResource {
    /// The magic `From` of a message: the error it gives (nil: success).
    static func messageFrom(_ from: String) -> APIError? {
        switch from {
        case "+15005550006": nil
        case "+15005550001": .invalid(21212, "The 'From' number \(from) is not a valid phone number, shortcode, or alphanumeric sender ID.")
        case "+15005550008": .invalid(21611, "This 'From' number has exceeded the maximum number of queued messages.")
        default: .invalid(21606, "The 'From' phone number provided (\(from)) is not a valid message-capable Twilio phone number for this destination/account.")
        }
    }

    /// The magic `To` of a message: the error it gives (nil: validated as any number).
    static func messageTo(_ to: String) -> APIError? {
        switch to {
        case "+15005550001": .invalid(21211, "The 'To' number \(to) is not a valid phone number.")
        case "+15005550002": .invalid(21612, "The 'To' phone number: \(to), is not currently reachable using the 'From' phone number via SMS.")
        case "+15005550003": .invalid(21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: \(to).")
        case "+15005550004": .invalid(21610, "Attempt to send to unsubscribed recipient.")
        case "+15005550009": .invalid(21614, "'To' number is not a valid mobile number.")
        default: nil
        }
    }

    static func callFrom(_ from: String) -> APIError? {
        switch from {
        case "+15005550006": nil
        case "+15005550001": .invalid(21212, "The 'From' number \(from) is not a valid phone number.")
        default: .invalid(21210, "The source phone number provided, \(from), is not yet verified for your account.")
        }
    }

    static func callTo(_ to: String) -> APIError? {
        switch to {
        case "+15005550001": .invalid(21217, "The 'To' number \(to) is not a valid phone number.")
        case "+15005550002": .invalid(21214, "The 'To' number \(to) cannot be reached.")
        case "+15005550003": .invalid(21215, "Account not authorized to call \(to).")
        case "+15005550004": .invalid(21216, "Call blocked: \(to) is on a block list.")
        default: nil
        }
    }

    /// `PhoneNumber` or `AreaCode` of a number bought: the number bought, or the error.
    static func purchase(phoneNumber: String?, areaCode: String?) -> Result<String, APIError> {
        if let phoneNumber {
            switch phoneNumber {
            case "+15005550006": return .success(phoneNumber)
            case "+15005550000": return .failure(.invalid(21422, "PhoneNumber \(phoneNumber) is not available."))
            default: return .failure(.invalid(21421, "PhoneNumber \(phoneNumber) is invalid."))
            }
        }
        switch areaCode {
        case "500": return .success("+15005550006")
        case .some(let code): return .failure(.invalid(21452, "No phone numbers found in area code \(code)."))
        case .none: return .failure(.invalid(21421, "A PhoneNumber or an AreaCode is required."))
        }
    }

    static func answer(_ operation: String, _ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let account = request.user ?? ""
        switch operation {
        case "CreateMessage":
            guard let to = request.value("To"), !to.isEmpty else { throw APIError.invalid(21604, "A 'To' phone number is required.") }
            if request.value("MessagingServiceSid") != nil {
                throw APIError.invalid(21606, "MessagingServiceSid is not supported with test credentials.")
            }
            if let error = messageFrom(request.value("From") ?? "") { throw error }
            if let error = messageTo(to) { throw error }
            guard APIFormat.isAddress(to) else { throw APIError.invalid(21211, "The 'To' number \(to) is not a valid phone number.") }
            let message = context.world.testMessage(to: to, from: request.value("From") ?? "", body: request.value("Body") ?? "")
            return .created(MessagesResource.render(message, in: context.world, account: account))
        case "CreateCall":
            guard let to = request.value("To"), !to.isEmpty else { throw APIError.invalid(21201, "No 'To' number is specified") }
            if let error = callFrom(request.value("From") ?? "") { throw error }
            if let error = callTo(to) { throw error }
            let call = context.world.testCall(to: to, from: request.value("From") ?? "")
            return .created(CallsResource.render(call, in: context.world, account: account))
        case "CreateIncomingPhoneNumber", "CreateIncomingPhoneNumberLocal", "CreateIncomingPhoneNumberMobile", "CreateIncomingPhoneNumberTollFree":
            switch purchase(phoneNumber: request.value("PhoneNumber"), areaCode: request.value("AreaCode")) {
            case .success(let number):
                return .created(PhoneNumbersResource.render(context.world.testNumber(number), in: context.world, account: account))
            case .failure(let error):
                throw error
            }
        default:
            throw APIError(status: 403, code: 20008, message: "Resource not accessible with Test Account Credentials")
        }
    }
}
