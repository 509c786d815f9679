import Platform
import Webhooks

/// A message the app asks the REST API to send: Messages.create's parameters.
public struct MessageRequest: Sendable {
    public var to: String
    public var from: String?
    public var messagingServiceSid: String?
    public var body: String
    public var mediaURLs: [String]
    public var statusCallback: String?
    /// Seconds the message may wait in the queue (1–36000).
    public var validityPeriod: Double?
    /// A scheduled send (`ScheduleType=fixed` with `SendAt`), seconds since 1970.
    public var sendAt: Double?

    public init(to: String, from: String? = nil, messagingServiceSid: String? = nil, body: String = "", mediaURLs: [String] = [],
                statusCallback: String? = nil, validityPeriod: Double? = nil, sendAt: Double? = nil) {
        self.to = to
        self.from = from
        self.messagingServiceSid = messagingServiceSid
        self.body = body
        self.mediaURLs = mediaURLs
        self.statusCallback = statusCallback
        self.validityPeriod = validityPeriod
        self.sendAt = sendAt
    }
}

/// The Messages, IncomingPhoneNumbers and Messaging Services resources over the world's state:
/// the rules that need the state (which numbers the account owns, who opted out); the REST
/// layer checks the parameters' own form.
extension World {
    /// Messages not deleted, in the order they were created.
    public var listedMessages: [OutboundMessage] {
        messaging.deleted.isEmpty ? messages : messages.filter { !messaging.deleted.contains($0.sid) }
    }

    /// The message with this SID unless it was deleted.
    public func listedMessage(_ sid: String) -> OutboundMessage? {
        messaging.deleted.contains(sid) ? nil : messaging.message(sid)
    }

    /// Sends a message as Messages.create does: from a number of the account or from a
    /// Messaging Service's pool (a `From` that is an `MG…` SID names the service); through the
    /// Messaging simulation with its status callbacks.
    public func createMessage(_ request: MessageRequest, cause: Int) async -> Result<OutboundMessage, PlatformError> {
        var serviceSid = request.messagingServiceSid
        var from = request.from
        if let given = from, given.hasPrefix("MG") {
            serviceSid = given
            from = nil
        }
        var service: MessagingServiceConfiguration?
        if let serviceSid {
            guard let found = configuration.messagingServices.first(where: { $0.sid == serviceSid }) else {
                return .failure(PlatformError(21705, "the Messaging Service \(serviceSid) does not exist in this account"))
            }
            service = found
        }
        if request.sendAt != nil, service == nil {
            return .failure(PlatformError(35118, "a scheduled message needs a MessagingServiceSid"))
        }
        let sender: String
        if let from {
            guard configuration.numbers.contains(where: { $0.number == from }) else {
                return .failure(PlatformError(21606, "the 'From' phone number \(from) is not a number of this account"))
            }
            sender = from
        } else if let service {
            guard let chosen = messaging.chooseSender(in: service, for: request.to) else {
                return .failure(PlatformError(21704, "the Messaging Service \(service.sid) has no senders in its pool"))
            }
            sender = chosen
        } else {
            return .failure(PlatformError(21603, "a 'From' phone number or a MessagingServiceSid is required"))
        }
        if messaging.optedOut.contains(request.to + "|" + sender) {
            return .failure(PlatformError(21610, "\(request.to) replied STOP to \(sender): the message cannot be sent"))
        }
        let mediaFailure = await fetchMedia(request.mediaURLs, event: "send to \(request.to)", cause: cause)
        let sid = messaging.createMessage(
            from: sender, to: request.to, body: request.body, mediaURLs: request.mediaURLs, service: service,
            statusCallback: request.statusCallback ?? service?.statusCallback ?? configuration.numbers.first { $0.number == sender }?.statusCallback,
            isReply: false, mediaFailure: mediaFailure, validityPeriod: request.validityPeriod, sendAt: request.sendAt, cause: cause)
        return .success(messaging.message(sid)!)
    }

    /// Message update `Body=""`: the body is redacted.
    public func redactMessage(_ sid: String) -> Result<OutboundMessage, PlatformError> {
        guard listedMessage(sid) != nil else { return .failure(Self.notFound(sid)) }
        messaging.update(sid) { $0.body = "" }
        return .success(messaging.message(sid)!)
    }

    /// Message update `Status=canceled`: a scheduled message is not sent.
    public func cancelMessage(_ sid: String, cause: Int) -> Result<OutboundMessage, PlatformError> {
        guard let message = listedMessage(sid) else { return .failure(Self.notFound(sid)) }
        guard message.status == .scheduled else {
            return .failure(PlatformError(30409, "only a scheduled message can be canceled; \(sid) is \(message.status.rawValue)"))
        }
        messaging.update(sid) { $0.statuses.append(StatusChange(status: .canceled, time: now)) }
        timeline.append(.messageStatus(sid: sid, status: .canceled, errorCode: nil), at: now, cause: cause)
        return .success(messaging.message(sid)!)
    }

    /// Message delete; a message still on its way cannot be deleted.
    public func deleteMessage(_ sid: String) -> PlatformError? {
        guard let message = listedMessage(sid) else { return Self.notFound(sid) }
        guard [.delivered, .undelivered, .failed, .canceled, .received, .read].contains(message.status) else {
            return PlatformError(20009, "\(sid) is \(message.status.rawValue): a message on its way cannot be deleted")
        }
        messaging.deleted.insert(sid)
        return nil
    }

    /// The places (in `mediaURLs`) of a message's media not deleted.
    public func listedMedia(of message: OutboundMessage) -> [Int] {
        message.mediaURLs.indices.filter { !messaging.deleted.contains(message.sid + "/\($0)") }
    }

    /// Deletes a message's media (the message keeps its other media).
    public func deleteMedia(at index: Int, of message: OutboundMessage) -> PlatformError? {
        guard listedMedia(of: message).contains(index) else { return Self.notFound(message.sid + "/Media") }
        messaging.deleted.insert(message.sid + "/\(index)")
        return nil
    }

    /// Buys a number (IncomingPhoneNumbers create): 21422 when the account has it already.
    public func buyNumber(_ number: NumberConfiguration) -> Result<NumberConfiguration, PlatformError> {
        guard !configuration.numbers.contains(where: { $0.number == number.number }) else {
            return .failure(PlatformError(21422, "\(number.number) is not available: this account has it already"))
        }
        var bought = number
        bought.sid = sids.next(.phoneNumber).description
        bought.created = now
        configuration.numbers.append(bought)
        return .success(bought)
    }

    /// The account's number with this SID.
    public func number(sid: String) -> NumberConfiguration? {
        configuration.numbers.first { $0.sid == sid }
    }

    /// Changes a number's configuration; the next message or call to it sees the change.
    public func updateNumber(sid: String, _ change: (inout NumberConfiguration) -> Void) -> Result<NumberConfiguration, PlatformError> {
        guard let index = configuration.numbers.firstIndex(where: { $0.sid == sid }) else { return .failure(Self.notFound(sid)) }
        change(&configuration.numbers[index])
        return .success(configuration.numbers[index])
    }

    /// Releases a number: it leaves the account and every Messaging Service's pool.
    public func releaseNumber(sid: String) -> PlatformError? {
        guard let index = configuration.numbers.firstIndex(where: { $0.sid == sid }) else { return Self.notFound(sid) }
        let number = configuration.numbers.remove(at: index).number
        for service in configuration.messagingServices.indices {
            configuration.messagingServices[service].senders.removeAll { $0 == number }
        }
        return nil
    }

    /// Creates a Messaging Service.
    public func createMessagingService(_ change: (inout MessagingServiceConfiguration) -> Void) -> MessagingServiceConfiguration {
        var service = MessagingServiceConfiguration(name: "", sid: sids.next(.messagingService).description)
        service.created = now
        change(&service)
        if service.name.isEmpty { service.name = service.friendlyName }
        configuration.messagingServices.append(service)
        return service
    }

    /// The Messaging Service with this SID.
    public func messagingService(sid: String) -> MessagingServiceConfiguration? {
        configuration.messagingServices.first { $0.sid == sid }
    }

    /// Changes a Messaging Service; the next message it sends or receives sees the change.
    public func updateMessagingService(sid: String, _ change: (inout MessagingServiceConfiguration) throws(PlatformError) -> Void)
        -> Result<MessagingServiceConfiguration, PlatformError> {
        guard let index = configuration.messagingServices.firstIndex(where: { $0.sid == sid }) else { return .failure(Self.notFound(sid)) }
        var service = configuration.messagingServices[index]
        do throws(PlatformError) {
            try change(&service)
        } catch {
            return .failure(error)
        }
        configuration.messagingServices[index] = service
        return .success(service)
    }

    public func deleteMessagingService(sid: String) -> PlatformError? {
        guard let index = configuration.messagingServices.firstIndex(where: { $0.sid == sid }) else { return Self.notFound(sid) }
        configuration.messagingServices.remove(at: index)
        return nil
    }

    /// Adds a number of the account to a Messaging Service's pool: a number is in one pool at most (21710).
    public func addSender(numberSid: String, toService serviceSid: String) -> Result<NumberConfiguration, PlatformError> {
        guard let number = number(sid: numberSid) else {
            return .failure(PlatformError(21606, "\(numberSid) is not a phone number of this account"))
        }
        if let owner = configuration.messagingServices.first(where: { $0.senders.contains(number.number) }) {
            guard owner.sid == serviceSid else {
                return .failure(PlatformError(21710, "\(number.number) is already in the pool of Messaging Service \(owner.sid)"))
            }
            return .success(number)
        }
        return updateMessagingService(sid: serviceSid) { $0.senders.append(number.number) }.map { _ in number }
    }

    public func removeSender(numberSid: String, fromService serviceSid: String) -> PlatformError? {
        guard let service = messagingService(sid: serviceSid) else { return Self.notFound(serviceSid) }
        guard let number = number(sid: numberSid), service.senders.contains(number.number) else { return Self.notFound(numberSid) }
        _ = updateMessagingService(sid: serviceSid) { $0.senders.removeAll { $0 == number.number } }
        return nil
    }

    /// The media type the platform takes a media URL's content to have, from its extension.
    public static func mediaType(of url: String) -> String {
        Messaging.contentType(of: url)
    }

    static func notFound(_ sid: String) -> PlatformError {
        PlatformError(20404, "the resource \(sid) was not found")
    }
}
