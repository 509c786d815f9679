/// Why the platform made a request: what a `webhook` expectation's `purpose` names, and what the
/// reports and the journal show beside each exchange.
public enum WebhookPurpose: String, Sendable, Hashable, CaseIterable, Codable {
    case incomingMessage = "incoming-message"
    case incomingCall = "incoming-call"
    /// The `Url` of a call the app placed through the REST API, requested when it is answered.
    case outboundCall = "outbound-call"
    /// The fallback URL, after the primary URL failed.
    case fallback
    /// A `<Redirect>` (messaging or voice).
    case redirect
    /// A message's or a call's status callback.
    case statusCallback = "status-callback"
    case gatherAction = "gather-action"
    case recordAction = "record-action"
    case dialAction = "dial-action"
    case enqueueAction = "enqueue-action"
    /// The TwiML a caller hears while waiting in a queue or for a conference.
    case waitURL = "wait-url"
    /// A `<Number url>` run on the callee before bridging.
    case whisper
    case recordingStatusCallback = "recording-status-callback"
    case transcriptionCallback = "transcription-callback"
    case partialResultCallback = "partial-result-callback"
    /// The audio of a `<Play>`, fetched before it plays.
    case playFetch = "play-fetch"
    /// A message's media, fetched when it is created.
    case mediaFetch = "media-fetch"
    case conferenceStatusCallback = "conference-status-callback"
    /// A `<Queue url>` played to the dequeued caller.
    case queueURL = "queue-url"
    case interceptCallback = "intercept-callback"
    case interactionCallback = "interaction-callback"
    case outOfSessionCallback = "out-of-session-callback"
    /// A Conversations pre-event webhook (`onMessageAdd` …): its answer allows, changes or blocks the action.
    case conversationPreEvent = "conversation-pre-event"
    /// A Conversations post-event webhook (`onMessageAdded` …), account- or service-level.
    case conversationPostEvent = "conversation-post-event"
    /// A conversation-scoped webhook (`webhook` or `trigger` target).
    case conversationScoped = "conversation-scoped"
}
