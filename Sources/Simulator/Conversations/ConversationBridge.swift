import Platform
import Webhooks

/// SMS participants: an SMS from a participant's address to its proxy address becomes a message
/// of its conversation (not a call to the number's SMS URL); a message added by anyone else is
/// sent to each SMS participant from its proxy address through the Messaging simulation, and
/// each status of that SMS updates the message's delivery receipt (`onDeliveryUpdated`).
extension Conversations {
    /// The conversation and participant an SMS from `from` to `to` belongs to, while not closed.
    func binding(from: String, to: String) -> (conversation: Int, participant: ChatParticipant)? {
        guard let index = bindings[ChatParticipant.bindingKey(from, to)],
              let participant = conversations[index].participants.first(where: { $0.address == from && $0.proxyAddress == to }) else {
            return nil
        }
        return (index, participant)
    }

    /// An SMS from a participant: a message of its conversation, authored by its address.
    func receiveSMS(_ inbound: InboundMessage, conversation index: Int, participant: ChatParticipant, cause: Int) async {
        // A blocked message is on the timeline already; the handset is told nothing.
        _ = try? await addMessage(to: index, author: inbound.from, body: inbound.body, attributes: "{}", mediaURLs: inbound.mediaURLs,
                             participantSid: participant.sid, origin: .sms, cause: cause)
    }

    /// Sends a new message to every SMS participant but its author.
    func deliverToSMSParticipants(_ position: Int, of index: Int, cause: Int) {
        let message = conversations[index].messages[position]
        let service = conversations[index].messagingServiceSid.flatMap { sid in configuration.messagingServices.first { $0.sid == sid } }
        for participant in conversations[index].participants where participant.sid != message.participantSid {
            guard let address = participant.address, let proxyAddress = participant.proxyAddress else { continue }
            let sent = messaging.createMessage(from: proxyAddress, to: address, body: message.body ?? "", mediaURLs: message.media.map(\.url),
                                               service: service, statusCallback: nil, isReply: false, cause: cause)
            deliveries[sent] = (index, position, participant.sid)
        }
    }

    /// An SMS sent for a conversation changed status: its receipt follows (`sent`, `delivered`,
    /// `undelivered`, `failed`), and `onDeliveryUpdated` is sent.
    func channelMessageChanged(_ sid: String, status: MessageStatus, errorCode: TwilioErrorCode?, cause: Int) async {
        guard let (index, position, participantSid) = deliveries[sid],
              [.sent, .delivered, .undelivered, .failed, .read].contains(status) else { return }
        var receipts = conversations[index].messages[position].receipts
        if let existing = receipts.firstIndex(where: { $0.channelMessageSid == sid }) {
            receipts[existing].status = status.rawValue
            receipts[existing].errorCode = errorCode?.code
            receipts[existing].dateUpdated = now
        } else {
            receipts.append(ChatDeliveryReceipt(sid: sids.next(.deliveryReceipt).description, participantSid: participantSid, channelMessageSid: sid,
                                                status: status.rawValue, errorCode: errorCode?.code, dateCreated: now, dateUpdated: now))
        }
        conversations[index].messages[position].receipts = receipts
        let receipt = receipts.first { $0.channelMessageSid == sid }!
        let message = conversations[index].messages[position]
        let recorded = record("onDeliveryUpdated", conversation: index, resource: receipt.sid, detail: "#\(message.index) \(status.rawValue)",
                              cause: cause)
        let parameters = [Parameter("ConversationSid", conversations[index].sid), Parameter("MessageSid", message.sid),
                          Parameter("MessageIndex", String(message.index)), Parameter("DeliveryReceiptSid", receipt.sid),
                          Parameter("ParticipantSid", participantSid), Parameter("ChannelMessageSid", sid), Parameter("Status", receipt.status),
                          Parameter("ErrorCode", String(receipt.errorCode ?? 0)), Parameter("DateCreated", CivilTime.iso8601(receipt.dateCreated)),
                          Parameter("DateUpdated", CivilTime.iso8601(receipt.dateUpdated))]
        await postEvent("onDeliveryUpdated", conversation: index, parameters: parameters, origin: .platform, cause: recorded)
    }
}
