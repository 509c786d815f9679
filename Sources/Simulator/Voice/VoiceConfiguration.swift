import TwiML
import Webhooks

/// A number's voice webhooks (shared/reference §4.1, §4.2).
public struct VoiceSettings: Sendable {
    public var url: String?
    public var method: HTTPMethod = .post
    public var fallbackURL: String?
    public var fallbackMethod: HTTPMethod = .post
    public var statusCallback: String?
    public var statusCallbackMethod: HTTPMethod = .post
    /// `initiated`, `ringing`, `answered`, `completed`; only `completed` unless others are asked for.
    public var statusCallbackEvents: [CallEvent] = [.completed]

    public init() {}
}

/// How the platform transcribes a `<Record>` (docs/scenarios.md, Transcription).
public struct TranscriptionSettings: Sendable {
    /// Virtual seconds from the end of the recording to the transcription callback.
    public var delay: Double = 30
    /// Whether a `transcribeCallback` without `transcribe="true"` transcribes: the platform's
    /// `<Record>` reference says the callback implies it, and tutorials rely on that.
    public var callbackImpliesTranscribe = true
    /// The longest recording the platform transcribes, in seconds; longer ones fail.
    public static let longestRecording = 120

    public init() {}
}

/// A call progress event a status callback can ask for.
public enum CallEvent: String, Sendable, CaseIterable {
    case initiated
    case ringing
    case answered
    case completed
}

/// What a dialled party does when `<Dial>` or a Proxy relay rings it: the scenario's `parties`
/// rules, first match wins (the default answers after 5 s and talks for 60 s).
public struct PartyRule: Sendable {
    /// The number, `client:name` or SIP URI the rule is for; every party when nil.
    public var address: String?
    public var outcome: PartyOutcome
    /// Seconds of ringing before the party answers (or before busy / failed is known).
    public var ringTime: Double
    /// Seconds the party talks once connected, then hangs up.
    public var talkTime: Double
    /// What the party does when the app calls it through the API (a call placed with
    /// Calls.create runs its TwiML with the callee in the caller's place).
    public var script = CallerScript()

    public init(address: String? = nil, outcome: PartyOutcome = .answer, ringTime: Double = 5, talkTime: Double = 60) {
        self.address = address
        self.outcome = outcome
        self.ringTime = ringTime
        self.talkTime = talkTime
    }
}

/// How a dialled party responds.
public enum PartyOutcome: String, Sendable, CaseIterable {
    case answer
    case busy
    case noAnswer = "no-answer"
    case failed
}

/// What the caller does, in order: each input verb (`<Gather>`, `<Record>`) takes the next
/// action; with none left the caller stays silent.
public struct CallerScript: Sendable {
    public var actions: [CallerAction] = []
    /// Seconds after the call is answered at which the caller hangs up, whatever is happening.
    public var hangUpAfter: Double?
    /// The caller hangs up when the first verb of this name has finished.
    public var hangUpAfterVerb: String?
    /// Parameters sent in place of (or beside) the platform's on every request of the call
    /// (`params:`; `FromCity` also sets `CallerCity`, as the platform sends both).
    public var parameters: [Parameter]

    public init(actions: [CallerAction] = [], hangUpAfter: Double? = nil, hangUpAfterVerb: String? = nil, parameters: [Parameter] = []) {
        self.actions = actions
        self.hangUpAfter = hangUpAfter
        self.hangUpAfterVerb = hangUpAfterVerb
        self.parameters = parameters
    }
}

/// One thing the caller does at an input verb.
public enum CallerAction: Sendable, Equatable {
    /// Presses keys `after` seconds into the verb (nil: once its prompts have played); with a
    /// `prompt`, the caller stays silent at earlier verbs until one says or plays this text.
    case press(digits: String, after: Double?, prompt: String?)
    /// Says a phrase, recognised with this confidence.
    case speak(text: String, confidence: Double, prompt: String?)
    /// Says nothing: a `<Gather>` times out, a `<Record>` records nothing.
    case silence
    /// Talks for `length` seconds into a `<Record>`, then presses `key` (nil: falls silent);
    /// `transcript` is what a transcription of it reads.
    case record(length: Double, key: String?, transcript: String?)
    /// Hangs up when the next input verb starts.
    case hangUp
}
