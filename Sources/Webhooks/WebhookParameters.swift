import Platform

/// The parameter sets the platform sends, in the order real payloads carry them
/// (shared/reference/twilio-behaviour.md §1.2, §2.2, §4.1). One place for the names, so
/// the simulator and `switchboard webhook` send the same thing.
public enum WebhookParameters {
    /// An incoming SMS or MMS (`media` as URL and content type pairs).
    public static func incomingMessage(accountSid: SID, messageSid: SID, from: String, to: String, body: String,
                                       media: [(url: String, contentType: String)] = [], numSegments: Int = 1,
                                       messagingServiceSid: SID? = nil) -> [Parameter] {
        var parameters = [
            Parameter("ToCountry", country(of: to)), Parameter("ToState", state(of: to)), Parameter("SmsMessageSid", messageSid.description),
            Parameter("NumMedia", String(media.count)), Parameter("ToCity", city(of: to)), Parameter("FromZip", ""),
            Parameter("SmsSid", messageSid.description), Parameter("FromState", state(of: from)), Parameter("SmsStatus", "received"),
            Parameter("FromCity", city(of: from)), Parameter("Body", body), Parameter("FromCountry", country(of: from)),
            Parameter("To", to),
        ]
        if let messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", messagingServiceSid.description)) }
        parameters += [
            Parameter("ToZip", ""), Parameter("NumSegments", String(numSegments)), Parameter("MessageSid", messageSid.description),
            Parameter("AccountSid", accountSid.description), Parameter("From", from), Parameter("ApiVersion", "2010-04-01"),
        ]
        for (index, item) in media.enumerated() {
            parameters.append(Parameter("MediaContentType\(index)", item.contentType))
            parameters.append(Parameter("MediaUrl\(index)", item.url))
        }
        return parameters
    }

    /// A status callback for an outbound message.
    public static func messageStatus(accountSid: SID, messageSid: SID, from: String, to: String, status: String,
                                     errorCode: TwilioErrorCode? = nil, rawDlrDoneDate: String? = nil,
                                     messagingServiceSid: SID? = nil) -> [Parameter] {
        var parameters = [Parameter("SmsSid", messageSid.description), Parameter("SmsStatus", status),
                          Parameter("MessageStatus", status), Parameter("To", to)]
        if let messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", messagingServiceSid.description)) }
        parameters += [Parameter("MessageSid", messageSid.description), Parameter("AccountSid", accountSid.description),
                       Parameter("From", from), Parameter("ApiVersion", "2010-04-01")]
        if let errorCode { parameters.append(Parameter("ErrorCode", String(errorCode.code))) }
        if let rawDlrDoneDate { parameters.append(Parameter("RawDlrDoneDate", rawDlrDoneDate)) }
        return parameters
    }

    /// The standard parameters of every request on a call, with the legacy `Caller`/`Called` duplicates.
    public static func call(accountSid: SID, callSid: SID, from: String, to: String, status: String,
                            direction: String = "inbound") -> [Parameter] {
        let (fromCountry, fromState, fromCity) = (country(of: from), state(of: from), city(of: from))
        let (toCountry, toState, toCity) = (country(of: to), state(of: to), city(of: to))
        return [
            Parameter("AccountSid", accountSid.description), Parameter("ApiVersion", "2010-04-01"),
            Parameter("CallSid", callSid.description), Parameter("CallStatus", status), Parameter("Called", to),
            Parameter("CalledCity", toCity), Parameter("CalledCountry", toCountry), Parameter("CalledState", toState), Parameter("CalledZip", ""),
            Parameter("Caller", from), Parameter("CallerCity", fromCity), Parameter("CallerCountry", fromCountry),
            Parameter("CallerState", fromState), Parameter("CallerZip", ""), Parameter("Direction", direction), Parameter("From", from),
            Parameter("FromCity", fromCity), Parameter("FromCountry", fromCountry), Parameter("FromState", fromState), Parameter("FromZip", ""),
            Parameter("To", to), Parameter("ToCity", toCity), Parameter("ToCountry", toCountry), Parameter("ToState", toState),
            Parameter("ToZip", ""),
        ]
    }

    /// The legacy names a call sends beside the `From…` and `To…` geography.
    public static let callLegacyNames = ["From": "Caller", "To": "Called"]

    /// `parameters` with each of `overrides` put in place of the parameter of that name (or added at
    /// the end when there is none). With `legacyNames` (a call's), `FromCity` also sets `CallerCity`,
    /// `ToZip` also `CalledZip`, and so on, as the platform sends both.
    public static func overriding(_ parameters: [Parameter], with overrides: [Parameter],
                                  legacyNames: [String: String] = [:]) -> [Parameter] {
        var result = parameters
        for override in overrides {
            var names = [override.name]
            for (modern, legacy) in legacyNames where override.name.hasPrefix(modern) {
                let rest = override.name.dropFirst(modern.count)
                if rest.isEmpty || ["City", "State", "Zip", "Country"].contains(String(rest)) { names.append(legacy + rest) }
            }
            for name in names {
                if let index = result.firstIndex(where: { $0.name == name }) {
                    result[index] = Parameter(name, override.value)
                } else {
                    result.append(Parameter(name, override.value))
                }
            }
        }
        return result
    }

    private static func country(of address: String) -> String {
        PhoneNumber(address)?.isoCountry ?? ""
    }

    private static func state(of address: String) -> String {
        PhoneNumber(address)?.state ?? ""
    }

    private static func city(of address: String) -> String {
        PhoneNumber(address)?.city ?? ""
    }
}
