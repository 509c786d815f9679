import Platform
import Webhooks

/// Outbound messages: sender choice from a service's pool, segments, the status lifecycle on
/// the virtual clock following the carrier, and status callbacks (shared/reference §2).
extension Messaging {
    /// The app sends a message through the REST API: from a number, or from a Messaging
    /// Service's pool (sticky sender, then area-code geomatch, then the first sender).
    func send(from: String?, service name: String?, to: String, body: String, mediaURLs: [String], statusCallback: String?) async {
        let service = name.flatMap { name in configuration.messagingServices.first { $0.name == name } }
        let cause = timeline.append(.apiRequest(.step("POST Messages.json: send a message to \(to)")), at: now, cause: nil)
        if name != nil, service == nil {
            problem(21606, "there is no Messaging Service named '\(name!)'", cause: cause)
            return
        }
        guard let sender = from ?? service.flatMap({ chooseSender(in: $0, for: to) }) else {
            problem(21606, "no sender: give 'from' or a Messaging Service with senders", cause: cause)
            return
        }
        let mediaFailure = await world.fetchMedia(mediaURLs, event: "send to \(to)", cause: cause)
        createMessage(from: sender, to: to, body: body, mediaURLs: mediaURLs, service: service,
                      statusCallback: statusCallback ?? service?.statusCallback
                          ?? configuration.numbers.first { $0.number == sender }?.statusCallback,
                      isReply: false, mediaFailure: mediaFailure, cause: cause)
    }

    func chooseSender(in service: MessagingServiceConfiguration, for recipient: String) -> String? {
        let key = service.sid + "|" + recipient
        if service.stickySender, let sticky = stickySenders[key], service.senders.contains(sticky) { return sticky }
        var sender = service.senders.first
        if service.areaCodeGeomatch, let area = PhoneNumber(recipient)?.areaCode,
           let local = service.senders.first(where: { PhoneNumber($0)?.areaCode == area }) {
            sender = local
        }
        if let sender { stickySenders[key] = sender }
        return sender
    }

    /// Creates an outbound message and schedules its lifecycle: no callback for the initial
    /// status; then `queued` (services), `sent`, and the carrier's final status; or `failed` at
    /// once with `mediaFailure`, the code of media the platform could not fetch. A message with
    /// `sendAt` waits `scheduled` until then. Returns its SID.
    @discardableResult
    func createMessage(from: String, to: String, body original: String, mediaURLs: [String], service: MessagingServiceConfiguration?,
                       statusCallback: String?, isReply: Bool, mediaFailure: TwilioErrorCode? = nil, validityPeriod: Double? = nil,
                       sendAt: Double? = nil, cause: Int) -> String {
        var rule = configuration.carrier.first { $0.to == nil || $0.to == to } ?? CarrierRule()
        var body = service?.smartEncoding == true ? Segments.smartEncoded(original) : original
        var mediaURLs = mediaURLs
        if !mediaURLs.isEmpty, !rule.acceptsMMS {
            if service?.mmsConverter == true {
                // The MMS converter: the media go as links in an SMS.
                body += (body.isEmpty ? "" : "\n") + mediaURLs.joined(separator: "\n")
                mediaURLs = []
            } else {
                rule.outcome = .undelivered
                rule.errorCode = 30011
            }
        }
        let sid = sids.next(mediaURLs.isEmpty ? .message : .mediaMessage).description
        let initial: MessageStatus = sendAt != nil ? .scheduled : service == nil ? .queued : .accepted
        var message = OutboundMessage(sid: sid, from: from, to: to, direction: isReply ? "outbound-reply" : "outbound-api", body: body,
                                      mediaURLs: mediaURLs, segments: Segments.count(body), encoding: Segments.encoding(of: body),
                                      messagingServiceSid: service?.sid, statusCallback: statusCallback,
                                      statuses: [StatusChange(status: initial, time: now)], errorCode: nil)
        message.sendAt = sendAt
        add(message)
        let created = timeline.append(.messageCreated(message), at: now, cause: cause)
        if let mediaFailure {
            schedule(.messageStatus(sid: sid, status: .failed, errorCode: mediaFailure, cause: created), at: now)
            return sid
        }
        if isReply, let limited = replyRateLimited(from: from, to: to) {
            schedule(.messageStatus(sid: sid, status: .failed, errorCode: limited, cause: created), at: now)
            return sid
        }
        let validity = validityPeriod ?? service?.validityPeriod ?? 36_000
        if let sendAt {
            schedule(.scheduledSend(sid: sid, rule: rule, validity: validity, cause: created), at: sendAt)
        } else {
            scheduleDelivery(of: sid, rule: rule, queued: service != nil, validity: validity, cause: created)
        }
        return sid
    }

    /// A scheduled message's time came: unless it was canceled, it goes as any message.
    func sendScheduled(_ sid: String, rule: CarrierRule, validity: Double, cause: Int) {
        guard message(sid)?.status == .scheduled else { return }
        scheduleDelivery(of: sid, rule: rule, queued: true, validity: validity, cause: cause)
    }

    /// Schedules the statuses a message goes through as the carrier rule says.
    private func scheduleDelivery(of sid: String, rule: CarrierRule, queued: Bool, validity: Double, cause created: Int) {
        if queued { schedule(.messageStatus(sid: sid, status: .queued, errorCode: nil, cause: created), at: now) }
        if rule.queueTime > validity {
            schedule(.messageStatus(sid: sid, status: .failed, errorCode: 30001, cause: created), at: now + validity)
            return
        }
        let sendTime = now + rule.queueTime + min(1, rule.delay)
        switch rule.outcome {
        case .failed:
            schedule(.messageStatus(sid: sid, status: .failed, errorCode: rule.errorCode ?? 30008, cause: created), at: sendTime)
        case .delivered, .undelivered:
            schedule(.messageStatus(sid: sid, status: .sent, errorCode: nil, cause: created), at: sendTime)
            let final: MessageStatus = rule.outcome == .delivered ? .delivered : .undelivered
            schedule(.messageStatus(sid: sid, status: final, errorCode: final == .undelivered ? rule.errorCode ?? 30003 : nil,
                                    cause: created),
                     at: max(sendTime, now + rule.queueTime + rule.delay))
        }
    }

    /// 14107: more than 30 replies between one pair within 30 seconds fail for 30 seconds. Only
    /// a pair's last 30 replies are remembered: the limit needs no more.
    private func replyRateLimited(from: String, to: String) -> TwilioErrorCode? {
        let key = from + "|" + to
        let now = self.now
        let recent = (recentReplies[key] ?? []).filter { $0 > now - 30 }
        recentReplies[key] = recent.suffix(29) + [now]
        return recent.count >= 30 ? 14107 : nil
    }

    /// Moves a message to a status and sends its status callback.
    func changeStatus(of sid: String, to status: MessageStatus, errorCode: TwilioErrorCode?, cause: Int) async {
        update(sid) { message in
            message.statuses.append(StatusChange(status: status, time: now))
            if let errorCode { message.errorCode = errorCode }
        }
        let index = timeline.append(.messageStatus(sid: sid, status: status, errorCode: errorCode), at: now, cause: cause)
        await proxy.interactionResourceChanged(sid, status: status.rawValue, cause: index)
        await conversations.channelMessageChanged(sid, status: status, errorCode: errorCode, cause: index)
        guard let message = message(sid), let url = message.statusCallback else { return }
        let parameters = WebhookParameters.messageStatus(
            accountSid: accountSid, messageSid: SID(sid)!, from: message.from, to: message.to, status: status.rawValue,
            errorCode: errorCode, rawDlrDoneDate: status == .delivered || status == .undelivered ? Self.rawDlrDoneDate(now) : nil,
            messagingServiceSid: message.messagingServiceSid.flatMap(SID.init))
        let request = WebhookRequest(url: url, parameters: parameters, kind: .status, event: sid, idempotencyToken: nextToken(),
                                     time: now)
        _ = await call(request, purpose: .statusCallback, fallback: nil, cause: index)
    }

    /// `RawDlrDoneDate`: `YYMMDDhhmm`, UTC, no time zone.
    static func rawDlrDoneDate(_ time: Double) -> String {
        let (year, month, day, hour, minute) = CivilTime.components(time)
        return [year % 100, month, day, hour, minute].map { $0 < 10 ? "0\($0)" : String($0) }.joined()
    }
}
