/// A verb of a voice document, with the platform's defaults applied.
public enum VoiceVerb: Sendable, Hashable {
    case say(Say)
    case play(Play)
    case pause(Pause)
    case gather(Gather)
    case record(Record)
    case dial(Dial)
    case redirect(RedirectVerb)
    case hangup(SourcePosition)
    case reject(Reject)
    case enqueue(Enqueue)
    case leave(SourcePosition)
    case refer(Refer)
    case sms(MessageVerb)
    /// A verb the grammar knows but the interpreter does not act on (`Connect`, `Start`, `Pay` …).
    case other(Element)

    /// `<Say>`: speaks `text` `loop` times (0 means repeat until the call moves on).
    public struct Say: Sendable, Hashable {
        public let text: String
        public let voice: String?
        public let language: String
        public let loop: Int
        public let position: SourcePosition
    }

    /// `<Play>`: plays the audio at `url`, or sends `digits` as DTMF.
    public struct Play: Sendable, Hashable {
        public let url: String
        public let digits: String?
        public let loop: Int
        public let position: SourcePosition
    }

    /// `<Pause>`: silence for `length` seconds.
    public struct Pause: Sendable, Hashable {
        public let length: Int
        public let position: SourcePosition
    }

    /// `<Gather>`: collects digits or speech while its nested prompts play.
    public struct Gather: Sendable, Hashable {
        /// nil: the platform posts to the current document's URL.
        public let action: String?
        public let method: HTTPMethod
        public let input: Set<String>
        public let timeout: Int
        /// nil: same as `timeout`; `auto` is kept as written.
        public let speechTimeout: String?
        public let finishOnKey: String
        public let numDigits: Int?
        public let language: String
        public let hints: String?
        public let actionOnEmptyResult: Bool
        public let partialResultCallback: String?
        public let prompts: [VoiceVerb]
        public let position: SourcePosition
    }

    /// `<Record>`: records the caller until silence, a key or `maxLength`.
    public struct Record: Sendable, Hashable {
        public let action: String?
        public let method: HTTPMethod
        public let timeout: Int
        public let finishOnKey: String
        public let maxLength: Int
        public let playBeep: Bool
        public let trim: String
        public let recordingStatusCallback: String?
        public let recordingStatusCallbackMethod: HTTPMethod
        public let recordingStatusCallbackEvents: [String]
        public let transcribe: Bool
        public let transcribeCallback: String?
        public let position: SourcePosition
    }

    /// `<Dial>`: connects the caller to one or more parties (dialled in parallel).
    public struct Dial: Sendable, Hashable {
        public let targets: [DialTarget]
        public let action: String?
        public let method: HTTPMethod
        public let timeout: Int
        public let timeLimit: Int
        public let callerId: String?
        public let record: String
        public let hangupOnStar: Bool
        public let answerOnBridge: Bool
        public let position: SourcePosition
    }

    /// `<Reject>`: refuses an unanswered call as `rejected` or `busy`.
    public struct Reject: Sendable, Hashable {
        public let reason: String
        public let position: SourcePosition
    }

    /// `<Enqueue>`: puts the caller in a named queue.
    public struct Enqueue: Sendable, Hashable {
        public let queueName: String
        public let action: String?
        public let method: HTTPMethod
        public let waitURL: String?
        public let waitURLMethod: HTTPMethod
        public let position: SourcePosition
    }

    /// `<Refer>`: a SIP REFER transfer.
    public struct Refer: Sendable, Hashable {
        public let target: String
        public let action: String?
        public let method: HTTPMethod
        public let position: SourcePosition
    }
}

/// One party a `<Dial>` rings.
public enum DialTarget: Sendable, Hashable {
    case number(Leg)
    case client(Leg)
    case sip(Leg)
    case whatsApp(Leg)
    case sim(String)
    case conference(Conference)
    case queue(name: String, url: String?, method: HTTPMethod)
    case application(Leg)

    /// `<Conference>`: a named room the caller joins.
    public struct Conference: Sendable, Hashable {
        public let name: String
        public let muted: Bool
        /// `true`, `false`, `onEnter` or `onExit`.
        public let beep: String
        public let startConferenceOnEnter: Bool
        public let endConferenceOnExit: Bool
        /// What the caller hears while the conference has not started; nil: the platform's hold
        /// music; empty: silence.
        public let waitURL: String?
        public let waitMethod: HTTPMethod
        public let maxParticipants: Int
        public let statusCallback: String?
        public let statusCallbackMethod: HTTPMethod
        /// `start`, `end`, `join`, `leave` …
        public let statusCallbackEvents: [String]
        /// Attributes given that the simulation does not act on (`record`, `coach` …).
        public let unsimulated: [String]
    }

    /// A dialled leg with its whisper URL and status callbacks.
    public struct Leg: Sendable, Hashable {
        /// The number, client identity or SIP URI.
        public let address: String
        public let sendDigits: String?
        /// Whisper TwiML run on the callee before bridging.
        public let url: String?
        public let method: HTTPMethod
        public let statusCallback: String?
        public let statusCallbackMethod: HTTPMethod
        public let statusCallbackEvents: [String]
    }
}
