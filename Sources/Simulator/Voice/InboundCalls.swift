import Platform
import TwiML
import Webhooks

/// Incoming calls: the voice webhook, the call's lifecycle and its status callbacks
/// (shared/reference §4.1, §4.2). The TwiML runs in `VoiceInterpreter`.
extension Voice {
    /// Calls longer than the platform's 4-hour limit are ended; so is a call that fetches more
    /// documents than this (an app redirecting to itself forever).
    static let maximumCallLength: Double = 14_400
    static let maximumCallDocuments = 250

    /// A handset calls one of the account's numbers; the caller behaves as the script says.
    func receive(from: String, to: String, script: CallerScript) async {
        let (index, cause) = startCall(from: from, to: to, direction: "inbound", parent: nil, parameters: script.parameters, cause: nil)
        if let service = proxy.registry.numberOwners[to] {
            await proxy.receiveProxyCall(index, script: script, service: service, cause: cause)
            return
        }
        guard let number = configuration.numbers.first(where: { $0.number == to }) else {
            problem(21606, "\(to) is not a number of this account; the call fails", cause: cause)
            close(index, status: .failed, cause: cause)
            return
        }
        let settings = number.voice
        var session = CallSession(call: index, sid: calls[index].sid, from: from, to: to, script: script,
                                  fallback: settings.fallbackURL.map { ($0, settings.fallbackMethod) },
                                  statusCallback: settings.statusCallback.map {
                                      StatusCallbackTarget(url: $0, method: settings.statusCallbackMethod, events: settings.statusCallbackEvents)
                                  })
        await callStatusCallback(.initiated, session: &session, cause: cause)
        await callStatusCallback(.ringing, session: &session, cause: cause)
        guard let url = settings.url else {
            problem(nil, "\(to) has no voice URL; the call is not answered", cause: cause)
            await finish(&session, status: .failed, cause: cause)
            return
        }
        await runCall(fetching: url, method: settings.method, extra: [], purpose: .incomingCall, session: &session, cause: cause)
    }

    /// Creates a call (or a dialled leg) in `ringing`, recorded on the timeline: its place in
    /// `calls` and its entry.
    func startCall(from: String, to: String, direction: String, parent: String?, status: CallStatus = .ringing, parameters: [Parameter] = [],
                   cause: Int?) -> (call: Int, entry: Int) {
        var call = Call(sid: sids.next(.call).description, from: from, to: to, direction: direction, parentSid: parent, status: status,
                        created: now)
        call.parameterOverrides = parameters
        calls.append(call)
        return (calls.count - 1, timeline.append(.callCreated(call), at: now, cause: cause))
    }

    /// The standard parameters of a request on this call, with its status now.
    func callParameters(_ index: Int) -> [Parameter] {
        let call = calls[index]
        var parameters = WebhookParameters.call(accountSid: accountSid, callSid: SID(call.sid)!, from: call.from, to: call.to,
                                                status: call.status.rawValue, direction: call.direction)
        if let parent = call.parentSid { parameters.append(Parameter("ParentCallSid", parent)) }
        return WebhookParameters.overriding(parameters, with: call.parameterOverrides, legacyNames: WebhookParameters.callLegacyNames)
    }

    /// The call is answered: `in-progress`, the `answered` event, and the caller's hang-up time set.
    func answer(_ session: inout CallSession, cause: Int) async {
        guard calls[session.call].answered == nil else { return }
        calls[session.call].answered = now
        setStatus(session.call, .inProgress, cause: cause)
        if let after = session.script.hangUpAfter { session.hangUpAt = now + after }
        await callStatusCallback(.answered, session: &session, cause: cause)
    }

    func setStatus(_ index: Int, _ status: CallStatus, cause: Int?) {
        calls[index].status = status
        timeline.append(.callStatus(sid: calls[index].sid, status: status), at: now, cause: cause)
    }

    /// Ends a call with its final status (unless it has one already) and sends the `completed`
    /// status callback, once.
    func finish(_ session: inout CallSession, status: CallStatus, cause: Int?) async {
        guard !session.completionReported else { return }
        session.completionReported = true
        close(session.call, status: status, cause: cause)
        await callStatusCallback(.completed, session: &session, cause: cause)
    }

    /// Gives a call its final status, once.
    func close(_ index: Int, status: CallStatus, cause: Int?) {
        guard !calls[index].status.isFinal else { return }
        calls[index].ended = now
        setStatus(index, status, cause: cause)
    }

    /// Sends a status callback for a progress event the call asked for.
    func callStatusCallback(_ event: CallEvent, session: inout CallSession, cause: Int?) async {
        guard let target = session.statusCallback, target.events.contains(event) else { return }
        let leg = calls[session.call]
        var parameters = callParameters(session.call)
        if event == .initiated, let position = parameters.firstIndex(where: { $0.name == "CallStatus" }) {
            parameters[position] = Parameter("CallStatus", "initiated")
        }
        parameters += [Parameter("CallbackSource", "call-progress-events"), Parameter("SequenceNumber", String(session.sequence)),
                       Parameter("Timestamp", CivilTime.rfc2822(now))]
        if event == .completed {
            parameters += [Parameter("CallDuration", String(leg.duration)), Parameter("Duration", String((leg.duration + 59) / 60))]
        }
        session.sequence += 1
        let request = WebhookRequest(url: target.url, method: target.method, parameters: parameters, kind: .status, event: leg.sid,
                                     idempotencyToken: nextToken(), time: now)
        _ = await call(request, purpose: .statusCallback, fallback: nil, cause: cause)
    }
}
