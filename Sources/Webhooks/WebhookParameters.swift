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
            Parameter("ToCountry", country(of: to)), Parameter("ToState", ""), Parameter("SmsMessageSid", messageSid.description),
            Parameter("NumMedia", String(media.count)), Parameter("ToCity", ""), Parameter("FromZip", ""),
            Parameter("SmsSid", messageSid.description), Parameter("FromState", ""), Parameter("SmsStatus", "received"),
            Parameter("FromCity", ""), Parameter("Body", body), Parameter("FromCountry", country(of: from)),
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
                                     errorCode: Int? = nil, rawDlrDoneDate: String? = nil,
                                     messagingServiceSid: SID? = nil) -> [Parameter] {
        var parameters = [Parameter("SmsSid", messageSid.description), Parameter("SmsStatus", status),
                          Parameter("MessageStatus", status), Parameter("To", to)]
        if let messagingServiceSid { parameters.append(Parameter("MessagingServiceSid", messagingServiceSid.description)) }
        parameters += [Parameter("MessageSid", messageSid.description), Parameter("AccountSid", accountSid.description),
                       Parameter("From", from), Parameter("ApiVersion", "2010-04-01")]
        if let errorCode { parameters.append(Parameter("ErrorCode", String(errorCode))) }
        if let rawDlrDoneDate { parameters.append(Parameter("RawDlrDoneDate", rawDlrDoneDate)) }
        return parameters
    }

    /// The standard parameters of every request on a call, with the legacy `Caller`/`Called` duplicates.
    public static func call(accountSid: SID, callSid: SID, from: String, to: String, status: String,
                            direction: String = "inbound") -> [Parameter] {
        let fromCountry = country(of: from)
        let toCountry = country(of: to)
        return [
            Parameter("AccountSid", accountSid.description), Parameter("ApiVersion", "2010-04-01"),
            Parameter("CallSid", callSid.description), Parameter("CallStatus", status), Parameter("Called", to),
            Parameter("CalledCity", ""), Parameter("CalledCountry", toCountry), Parameter("CalledState", ""), Parameter("CalledZip", ""),
            Parameter("Caller", from), Parameter("CallerCity", ""), Parameter("CallerCountry", fromCountry),
            Parameter("CallerState", ""), Parameter("CallerZip", ""), Parameter("Direction", direction), Parameter("From", from),
            Parameter("FromCity", ""), Parameter("FromCountry", fromCountry), Parameter("FromState", ""), Parameter("FromZip", ""),
            Parameter("To", to), Parameter("ToCity", ""), Parameter("ToCountry", toCountry), Parameter("ToState", ""),
            Parameter("ToZip", ""),
        ]
    }

    private static func country(of address: String) -> String {
        PhoneNumber(address)?.isoCountry ?? ""
    }
}
