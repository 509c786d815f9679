import Platform
import TwiML
import Webhooks

/// A call the app asks the REST API to place: Calls.create's parameters.
public struct CallRequest: Sendable {
    public var to: String
    public var from: String
    /// Where the call's first document comes from, unless `twiml` is given.
    public var url: String?
    public var method: HTTPMethod = .post
    /// A document to run instead of fetching one.
    public var twiml: TwiMLDocument?
    public var fallback: (url: String, method: HTTPMethod)?
    public var statusCallback: String?
    public var statusCallbackMethod: HTTPMethod = .post
    /// The progress events the status callback wants (`completed` when none are given).
    public var statusCallbackEvents: [CallEvent] = [.completed]
    /// Seconds the callee may ring before the call is `no-answer`.
    public var timeout: Double = 60
    /// Answering machine detection: the first request carries `AnsweredBy`.
    public var machineDetection = false

    public init(to: String, from: String) {
        self.to = to
        self.from = from
    }
}

/// What the app asked of a live call through the API (Calls update), taken at the next verb.
public enum CallUpdate: Sendable {
    case redirect(url: String, method: HTTPMethod)
    case twiml(TwiMLDocument)
    /// `Status=completed` (hang up) or `canceled` (before it is answered).
    case end(CallStatus)
}

/// Calls placed through the REST API: `queued` at once, then on the virtual clock initiated,
/// ringing the callee as the scenario's `parties` say, answered (the callee follows its
/// script), the `Url` requested (or the `Twiml` run) as any call's TwiML; and live calls
/// changed by the app.
extension Voice {
    /// Places a call; it starts ringing when the clock next moves.
    func place(_ request: CallRequest, cause: Int) -> Result<Call, PlatformError> {
        guard configuration.numbers.contains(where: { $0.number == request.from }) else {
            return .failure(PlatformError(21210, "the 'From' number \(request.from) is not a number of this account or a verified caller ID"))
        }
        let (index, entry) = startCall(from: request.from, to: request.to, direction: "outbound-api", parent: nil, status: .queued, cause: cause)
        schedule(.outboundCall(call: index, request: request, cause: entry), at: now)
        return .success(calls[index])
    }

    /// The call's time came: it rings the callee, and runs its TwiML if answered.
    func ring(_ index: Int, _ request: CallRequest, cause: Int) async {
        let rule = partyRule(for: request.to)
        var session = CallSession(call: index, sid: calls[index].sid, from: request.from, to: request.to, script: rule.script,
                                  fallback: request.fallback,
                                  statusCallback: request.statusCallback.map {
                                      StatusCallbackTarget(url: $0, method: request.statusCallbackMethod, events: request.statusCallbackEvents)
                                  })
        if case .end = updates[session.sid] {
            updates[session.sid] = nil
            await finish(&session, status: .canceled, cause: cause)
            return
        }
        await callStatusCallback(.initiated, session: &session, cause: cause)
        setStatus(index, .ringing, cause: cause)
        await callStatusCallback(.ringing, session: &session, cause: cause)
        let answers = rule.outcome == .answer && rule.ringTime <= request.timeout
        await advance(by: min(rule.ringTime, request.timeout))
        if case .end = updates[session.sid] {
            updates[session.sid] = nil
            await finish(&session, status: .canceled, cause: cause)
            return
        }
        guard answers else {
            await finish(&session, status: rule.outcome == .answer ? .noAnswer : Self.unansweredStatus(rule.outcome), cause: cause)
            return
        }
        await answer(&session, cause: cause)
        let extra = request.machineDetection ? [Parameter("AnsweredBy", "human")] : []
        if let document = request.twiml {
            let outcome = DeliveryOutcome(exchanges: [], result: .success(.twiml(document, [])), primaryFailure: nil, finalURL: "")
            await continueCall(with: outcome, session: &session, cause: cause)
        } else if let url = request.url {
            await runCall(fetching: url, method: request.method, extra: extra, purpose: .outboundCall, session: &session, cause: cause)
        }
    }

    /// Takes what the app asked of the call since its last verb, if anything.
    func takeUpdate(_ session: inout CallSession, cause: Int) async -> CallContinuation? {
        guard let update = updates.removeValue(forKey: session.sid) else { return nil }
        switch update {
        case .redirect(let url, let method):
            return .fetch(url: url, method: method, extra: [], purpose: .redirect)
        case .twiml(let document):
            return await execute(document.voiceVerbs(), documentURL: "", session: &session, cause: cause)
        case .end:
            step(session, .callerHungUp, "the app ended the call through the API")
            session.callerHungUp = true
            return .hangUp
        }
    }
}

extension World {
    /// Calls not deleted, newest last.
    public var listedCalls: [Call] { voice.calls.filter { !voice.deleted.contains($0.sid) } }

    public func listedCall(_ sid: String) -> Call? {
        voice.deleted.contains(sid) ? nil : voice.calls.first { $0.sid == sid }
    }

    /// Places a call as Calls.create does.
    public func createCall(_ request: CallRequest, cause: Int) -> Result<Call, PlatformError> {
        voice.place(request, cause: cause)
    }

    /// Changes a live call (Calls update): new TwiML from the next verb on, or its end. A call
    /// that is over answers 21220.
    public func updateCall(_ sid: String, _ update: CallUpdate) -> Result<Call, PlatformError> {
        guard let call = listedCall(sid) else { return .failure(Self.notFound(sid)) }
        guard !call.status.isFinal else {
            return .failure(PlatformError(21220, "the call is \(call.status.rawValue): only a queued, ringing or in-progress call can be changed"))
        }
        if case .end(let status) = update {
            if status == .canceled, call.status == .inProgress {
                return .failure(PlatformError(21220, "an answered call is ended with Status=completed, not canceled"))
            }
        }
        voice.updates[sid] = update
        return .success(call)
    }

    /// Deletes a call's record; a live call cannot be deleted.
    public func deleteCall(_ sid: String) -> PlatformError? {
        guard let call = listedCall(sid) else { return Self.notFound(sid) }
        guard call.status.isFinal else { return PlatformError(20009, "the call is \(call.status.rawValue): a live call cannot be deleted") }
        voice.deleted.insert(sid)
        return nil
    }
}
