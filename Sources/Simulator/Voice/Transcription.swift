import Webhooks

/// A `<Record>`'s transcription under way: done `delay` virtual seconds after the recording,
/// then reported to the `transcribeCallback` (docs/scenarios.md, Transcription).
struct Transcription: Sendable {
    let sid: String
    /// The call recorded, by index.
    let call: Int
    let recordingSid: String
    let recordingURL: String
    /// What the recording says; nil when the platform cannot transcribe it (no words the caller's
    /// script gives, or longer than the platform transcribes): the transcription fails.
    let text: String?
    let callbackURL: String
    /// The timeline entry of the recording's call step.
    let cause: Int
}

extension Voice {
    /// Sends the transcription callback: the call's standard parameters as they are now (the
    /// call has often ended) with the transcription's.
    func deliver(_ transcription: Transcription) async {
        let parameters = callParameters(transcription.call) + [
            Parameter("RecordingSid", transcription.recordingSid), Parameter("RecordingUrl", transcription.recordingURL),
            Parameter("TranscriptionSid", transcription.sid), Parameter("TranscriptionText", transcription.text ?? ""),
            Parameter("TranscriptionStatus", transcription.text == nil ? "failed" : "completed"),
            Parameter("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/\(accountSid)/Transcriptions/\(transcription.sid)"),
        ]
        let request = WebhookRequest(url: transcription.callbackURL, parameters: parameters, kind: .status, event: transcription.sid,
                                     idempotencyToken: nextToken(), time: now)
        _ = await call(request, purpose: .transcriptionCallback, fallback: nil, cause: transcription.cause)
    }
}
