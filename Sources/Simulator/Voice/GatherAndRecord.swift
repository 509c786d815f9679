import Platform
import TwiML
import Webhooks

/// The input verbs: `<Gather>` (digits or speech) and `<Record>`, answered by the caller's script.
extension Voice {
    /// Runs a `<Gather>`: its prompts play until the caller's input; with input its action is
    /// requested, without it the call falls through to the next verb (nil).
    func gather(_ gather: VoiceVerb.Gather, documentURL: String, session: inout CallSession, cause: Int) async -> CallContinuation? {
        let prompts = gather.prompts.map(Self.promptText).joined(separator: " ")
        let action = nextCallerAction(at: "Gather", heard: session.heard + " " + prompts, session: &session)
        session.heard = ""
        if action == .hangUp { return hangUp(&session, at: "Gather") }
        let promptTime = gather.prompts.reduce(0) { $0 + Self.duration(of: $1) }
        let input = gather.input.isEmpty ? ["dtmf"] : gather.input
        // A caller answers once the prompts have played; a prompt that loops forever, after one pass.
        var inputAt = action == nil || action == .silence ? promptTime : gather.prompts.reduce(0) { $0 + Self.duration(of: $1, once: true) }
        if case .press(_, let after?, _) = action { inputAt = after }
        for prompt in gather.prompts {
            session.verbLine = prompt.position.line
            switch prompt {
            case .say(let say): step(session, .verb(.say), say.text, nested: true)
            case .play(let play) where play.digits == nil:
                let failure = await world.fetchAudio(play, documentURL: documentURL, session: session, cause: cause)
                step(session, .verb(.play), play.url, result: failure.map { "not played: \($0.code)" }, nested: true)
            case .play(let play): step(session, .verb(.play), "digits \(play.digits ?? "")", nested: true)
            case .pause(let pause): step(session, .verb(.pause), "\(pause.length) s", nested: true)
            default: break
            }
        }
        session.verbLine = gather.position.line
        guard await spend(inputAt, session: &session) else { return .hangUp }
        var extra: [Parameter] = []
        var detail = "no input"
        switch action {
        case .press(let digits, _, _) where input.contains("dtmf"):
            let (collected, finished) = Self.collect(digits, finishOnKey: gather.finishOnKey, numDigits: gather.numDigits)
            if !finished { guard await spend(Double(gather.timeout), session: &session) else { return .hangUp } }
            if !collected.isEmpty {
                extra = [Parameter("Digits", collected)]
                detail = "digits " + collected
            }
        case .speak(let text, let confidence, _) where input.contains("speech"):
            let pause = gather.speechTimeout.flatMap(Double.init) ?? (gather.speechTimeout == "auto" ? 1 : Double(gather.timeout))
            if let callback = gather.partialResultCallback {
                await partialResults(of: text, to: WebhookURL.resolve(callback, against: documentURL), session: session, cause: cause)
            }
            guard await spend(Double(max(1, (text.count + 14) / 15)) + pause, session: &session) else { return .hangUp }
            extra = [Parameter("SpeechResult", text), Parameter("Confidence", String(confidence))]
            detail = "speech \"\(text)\" (\(confidence))"
        default:
            guard await spend(Double(gather.timeout), session: &session) else { return .hangUp }
        }
        step(session, .verb(.gather), detail)
        guard !extra.isEmpty || gather.actionOnEmptyResult else { return nil }
        return .fetch(url: WebhookURL.resolve(gather.action ?? documentURL, against: documentURL), method: gather.method, extra: extra,
                      purpose: .gatherAction)
    }

    /// `partialResultCallback`: the recognised words so far, one request per word, before the
    /// final result goes to the action.
    private func partialResults(of text: String, to url: String, session: CallSession, cause: Int) async {
        let words = text.split(separator: " ")
        for count in words.indices {
            let parameters = callParameters(session.call) + [
                Parameter("UnstableSpeechResult", words[...count].joined(separator: " ")),
                Parameter("StableSpeechResult", words[..<count].joined(separator: " ")), Parameter("SequenceNumber", String(count + 1)),
            ]
            let request = WebhookRequest(url: url, parameters: parameters, kind: .status, event: session.sid, idempotencyToken: nextToken(),
                                         time: now)
            _ = await call(request, purpose: .partialResultCallback, fallback: nil, cause: cause)
        }
    }

    /// The digits a `<Gather>` keeps: up to the finish key (not included; it ends input only
    /// after a digit) or `numDigits`; `finished` when either ended the input before the timeout.
    static func collect(_ pressed: String, finishOnKey: String, numDigits: Int?) -> (digits: String, finished: Bool) {
        var digits = ""
        for key in pressed {
            if !finishOnKey.isEmpty, finishOnKey.contains(key) {
                if digits.isEmpty { continue }
                return (digits, true)
            }
            digits.append(key)
            if let numDigits, digits.count >= numDigits { return (digits, true) }
        }
        return (digits, false)
    }

    /// Runs a `<Record>`: an empty recording goes on with the next verb (nil); otherwise the
    /// action gets the recording (requested even when the caller hung up while recording).
    func record(_ record: VoiceVerb.Record, documentURL: String, session: inout CallSession, cause: Int) async -> CallContinuation? {
        let action = nextCallerAction(at: "Record", heard: session.heard, session: &session)
        session.heard = ""
        if action == .hangUp { return hangUp(&session, at: "Record") }
        let start = now
        guard case .record(let length, let key, let transcript) = action else {
            let waited = await spend(Double(record.timeout), session: &session)
            step(session, .verb(.record), "empty recording")
            return waited ? nil : .hangUp
        }
        var digits: String?
        if !(await spend(min(length, Double(record.maxLength)), session: &session)) {
            digits = "hangup"
        } else if let key, record.finishOnKey.contains(key) {
            digits = key
        } else if length < Double(record.maxLength), !(await spend(Double(record.timeout), session: &session)) {
            digits = "hangup"
        }
        let duration = Int(min(length, Double(record.maxLength), now - start).rounded())
        guard duration > 0 else {
            step(session, .verb(.record), "empty recording")
            return session.callerHungUp ? .hangUp : nil
        }
        let recording = sids.next(.recording).description
        let url = "https://api.twilio.com/2010-04-01/Accounts/\(accountSid)/Recordings/\(recording)"
        recordings.append(Recording(sid: recording, callSid: session.sid, duration: duration, startTime: start, dateCreated: now, source: "RecordVerb"))
        step(session, .verb(.record), "\(duration) s" + (digits.map { ", ended by \($0)" } ?? ""))
        if let callback = record.recordingStatusCallback,
           record.recordingStatusCallbackEvents.isEmpty || record.recordingStatusCallbackEvents.contains("completed") {
            let parameters = [
                Parameter("AccountSid", accountSid.description), Parameter("CallSid", session.sid), Parameter("RecordingSid", recording),
                Parameter("RecordingUrl", url), Parameter("RecordingStatus", "completed"), Parameter("RecordingDuration", String(duration)),
                Parameter("RecordingChannels", "1"), Parameter("RecordingStartTime", CivilTime.rfc2822(start)),
                Parameter("RecordingSource", "RecordVerb"), Parameter("RecordingTrack", "inbound"),
            ]
            let request = WebhookRequest(url: WebhookURL.resolve(callback, against: documentURL), method: record.recordingStatusCallbackMethod,
                                         parameters: parameters, kind: .status, event: recording, idempotencyToken: nextToken(), time: now)
            _ = await call(request, purpose: .recordingStatusCallback, fallback: nil, cause: cause)
        }
        let settings = configuration.transcription
        if record.transcribe || (settings.callbackImpliesTranscribe && record.transcribeCallback != nil),
           let callback = record.transcribeCallback {
            let transcription = Transcription(
                sid: sids.next(.transcription).description, call: session.call, recordingSid: recording, recordingURL: url,
                text: duration <= TranscriptionSettings.longestRecording ? transcript : nil,
                callbackURL: WebhookURL.resolve(callback, against: documentURL), cause: cause)
            schedule(.transcription(transcription), at: now + settings.delay)
        }
        var extra = [Parameter("RecordingUrl", url), Parameter("RecordingDuration", String(duration)), Parameter("RecordingSid", recording)]
        if let digits { extra.append(Parameter("Digits", digits)) }
        return .fetch(url: WebhookURL.resolve(record.action ?? documentURL, against: documentURL), method: record.method, extra: extra,
                      purpose: .recordAction)
    }

    /// The caller's next action at an input verb, taken from the script; nil (silence) when the
    /// script is done, when the next action waits for a prompt not heard yet, or does not fit
    /// this verb (keys and speech wait for a `<Gather>`, a recording for a `<Record>`).
    private func nextCallerAction(at verb: String, heard: String, session: inout CallSession) -> CallerAction? {
        guard let next = session.script.actions.first else { return nil }
        switch next {
        case .press(_, _, let prompt?), .speak(_, _, let prompt?):
            guard verb == "Gather", heard.lowercased().contains(prompt.lowercased()) else { return nil }
        case .press, .speak:
            guard verb == "Gather" else { return nil }
        case .record:
            guard verb == "Record" else { return nil }
        case .silence, .hangUp:
            break
        }
        session.script.actions.removeFirst()
        return next
    }

    private func hangUp(_ session: inout CallSession, at verb: String) -> CallContinuation {
        session.callerHungUp = true
        step(session, .callerHungUp, "the caller hung up at <\(verb)>")
        return .hangUp
    }

    static func promptText(_ verb: VoiceVerb) -> String {
        switch verb {
        case .say(let say): return say.text
        case .play(let play): return play.url
        default: return ""
        }
    }
}
