import Platform
import Simulator

/// Reads the Voice parts of a scenario: numbers' voice settings, `parties`, the `call` step
/// with its caller script (docs/scenarios.md, Voice).
enum VoiceReader {
    static let numberKeys = ["voice_url", "voice_method", "voice_fallback_url", "voice_fallback_method", "status_callback_method",
                             "status_callback_events"]

    /// The voice settings among a number's fields (`status_callback` serves calls too).
    static func settings(_ fields: Fields) throws(ScenarioError) -> VoiceSettings {
        var settings = VoiceSettings()
        settings.url = try fields.url("voice_url")
        if let method = fields["voice_method"] { settings.method = try ScenarioLoader.readMethod(method) }
        settings.fallbackURL = try fields.url("voice_fallback_url")
        if let method = fields["voice_fallback_method"] { settings.fallbackMethod = try ScenarioLoader.readMethod(method) }
        settings.statusCallback = try fields["status_callback"]?.string()
        if let method = fields["status_callback_method"] { settings.statusCallbackMethod = try ScenarioLoader.readMethod(method) }
        if let events = fields["status_callback_events"] {
            settings.statusCallbackEvents = try events.list("a list of call events").map { (node) throws(ScenarioError) in
                try node.choice(CallEvent.self)
            }
        }
        return settings
    }

    static func party(_ node: YAMLNode) throws(ScenarioError) -> PartyRule {
        let fields = try node.fields("a party", allowed: ["number", "outcome", "ring", "talk", "script", "hangup_after"])
        var rule = PartyRule()
        if let script = fields["script"] { rule.script.actions = try actions(script) }
        rule.script.hangUpAfter = try fields["hangup_after"]?.duration()
        rule.address = try fields["number"].map { (node) throws(ScenarioError) in try ProxyReader.address(node, shortCodes: false) }
        if let outcome = fields["outcome"] { rule.outcome = try outcome.choice(PartyOutcome.self) }
        if let ring = fields["ring"] { rule.ringTime = try ring.duration() }
        if let talk = fields["talk"] { rule.talkTime = try talk.duration() }
        return rule
    }

    /// A conference's other participants: `{name, starts_with, participants: [{number, joins,
    /// stays, start_conference_on_enter, end_conference_on_exit, muted}]}`.
    static func conference(_ node: YAMLNode) throws(ScenarioError) -> ConferenceRoom {
        let fields = try node.fields("a conference", allowed: ["name", "starts_with", "participants"])
        var room = ConferenceRoom(name: try fields.required("name").string("a conference name"))
        if let startsWith = fields["starts_with"] { room.startsWith = try startsWith.integer("1 or 2", in: 1...2) }
        room.participants = try (fields["participants"]?.sequence("a list of participants") ?? []).map { (entry) throws(ScenarioError) in
            let values = try entry.fields("a conference participant", allowed: ["number", "joins", "stays", "start_conference_on_enter",
                                                                                "end_conference_on_exit", "muted"])
            var participant = ConferenceParticipant(number: try ProxyReader.address(values.required("number"), shortCodes: false))
            if let joins = values["joins"] { participant.joins = try joins.duration(atMost: 14_400) }
            participant.stays = try values["stays"]?.duration(atMost: 14_400)
            if let starts = values["start_conference_on_enter"] { participant.startConferenceOnEnter = try starts.boolean() }
            if let ends = values["end_conference_on_exit"] { participant.endConferenceOnExit = try ends.boolean() }
            if let muted = values["muted"] { participant.muted = try muted.boolean() }
            return participant
        }
        return room
    }

    /// A queue's other side: `{name, agent: {number, answers_after, talks}, waiting: [{number, waited, talks}]}`.
    static func queue(_ node: YAMLNode) throws(ScenarioError) -> QueueRoom {
        let fields = try node.fields("a queue", allowed: ["name", "agent", "waiting"])
        var room = QueueRoom(name: try fields.required("name").string("a queue name"))
        if let node = fields["agent"] {
            let values = try node.fields("a queue agent", allowed: ["number", "answers_after", "talks"])
            var agent = QueueAgent(number: try ProxyReader.address(values.required("number"), shortCodes: false))
            if let after = values["answers_after"] { agent.answersAfter = try after.duration(atMost: 14_400) }
            if let talks = values["talks"] { agent.talks = try talks.duration(atMost: 14_400) }
            room.agent = agent
        }
        room.waiting = try (fields["waiting"]?.sequence("a list of waiting callers") ?? []).map { (entry) throws(ScenarioError) in
            let values = try entry.fields("a waiting caller", allowed: ["number", "waited", "talks"])
            var caller = QueueCaller(number: try ProxyReader.address(values.required("number"), shortCodes: false))
            if let waited = values["waited"] { caller.waited = try waited.duration(atMost: 14_400) }
            if let talks = values["talks"] { caller.talks = try talks.duration(atMost: 14_400) }
            return caller
        }
        return room
    }

    /// `transcription: {delay, callback_implies_transcribe}`.
    static func transcription(_ node: YAMLNode) throws(ScenarioError) -> TranscriptionSettings {
        let fields = try node.fields("transcription", allowed: ["delay", "callback_implies_transcribe"])
        var settings = TranscriptionSettings()
        if let delay = fields["delay"] { settings.delay = try delay.duration(atMost: 86_400) }
        if let implies = fields["callback_implies_transcribe"] { settings.callbackImpliesTranscribe = try implies.boolean() }
        return settings
    }

    /// `call: {from, to, script, hangup_after, hangup_after_verb, params}`.
    static func call(_ node: YAMLNode) throws(ScenarioError) -> Step {
        let fields = try node.fields("a call step", allowed: ["from", "to", "script", "hangup_after", "hangup_after_verb", "params"])
        var script = CallerScript()
        if let node = fields["script"] {
            script.actions = try actions(node)
            guard script.actions.count <= maximumActions else {
                throw node.fail("a caller script runs at most \(maximumActions) actions, repeats included; this one runs \(script.actions.count)")
            }
        }
        script.parameters = try StepReader.parameters(fields["params"])
        script.hangUpAfter = try fields["hangup_after"]?.duration()
        script.hangUpAfterVerb = try fields["hangup_after_verb"]?.string("a verb name such as Say")
        return .call(from: try ProxyReader.address(fields.required("from"), shortCodes: false),
                     to: try fields.required("to").phoneNumber(), script: script)
    }

    static let actionKinds = ["press", "say", "silence", "record", "hangup", "repeat"]

    /// The most actions one caller script may run, `repeat` unrolled.
    static let maximumActions = 10_000

    /// A list of caller actions, each `repeat: {times, script}` unrolled in place.
    private static func actions(_ node: YAMLNode) throws(ScenarioError) -> [CallerAction] {
        var unrolled: [CallerAction] = []
        for entry in try node.sequence("a list of caller actions") {
            guard case .mapping = entry.node, case let (kind, value) = try entry.single("a caller action", allowed: actionKinds),
                  kind == "repeat" else {
                unrolled.append(try action(entry))
                continue
            }
            let fields = try value.fields("a repeat", allowed: ["times", "script"])
            let times = try fields.required("times").integer("a number of times from 1 to \(maximumActions)", in: 1...maximumActions)
            let part = try actions(fields.required("script"))
            guard unrolled.count + part.count * times <= maximumActions else {
                throw entry.fail("a caller script runs at most \(maximumActions) actions, repeats included; "
                                 + "with this repeat it runs \(unrolled.count + part.count * times)")
            }
            for _ in 0..<times { unrolled += part }
        }
        return unrolled
    }

    /// One caller action: `press: "2"`, `say: billing`, `silence`, `record: 10s`, `hangup`, or
    /// their mapping forms with `after`, `prompt`, `confidence`, `key`, `transcript`.
    static func action(_ node: YAMLNode) throws(ScenarioError) -> CallerAction {
        if case .scalar = node.node {
            let word = try node.string("a caller action")
            switch word {
            case "silence": return .silence
            case "hangup": return .hangUp
            default:
                throw node.fail("expected a caller action (press, say, silence, record, hangup, repeat), found '\(word)'"
                                + Spelling.didYouMean(word, among: actionKinds))
            }
        }
        let (kind, value) = try node.single("a caller action", allowed: actionKinds)
        let isMapping: Bool = { if case .mapping = value.node { return true } else { return false } }()
        switch kind {
        case "press":
            guard isMapping else { return .press(digits: try digits(value), after: nil, prompt: nil) }
            let fields = try value.fields("a press action", allowed: ["digits", "after", "prompt"])
            return .press(digits: try digits(fields.required("digits")), after: try fields["after"]?.duration(),
                          prompt: try fields["prompt"]?.string())
        case "say":
            guard isMapping else { return .speak(text: try value.string("a phrase"), confidence: 0.9, prompt: nil) }
            let fields = try value.fields("a say action", allowed: ["text", "confidence", "prompt"])
            var confidence = 0.9
            if let node = fields["confidence"] {
                guard let value = Double(try node.string()), (0...1).contains(value) else { throw node.fail("expected a confidence from 0 to 1") }
                confidence = value
            }
            return .speak(text: try fields.required("text").string("a phrase"), confidence: confidence, prompt: try fields["prompt"]?.string())
        case "record":
            guard isMapping else { return .record(length: try value.duration(), key: nil, transcript: nil) }
            let fields = try value.fields("a record action", allowed: ["length", "key", "transcript"])
            return .record(length: try fields.required("length").duration(), key: try fields["key"].map { (node) throws(ScenarioError) in
                try digits(node)
            }, transcript: try fields["transcript"]?.string())
        case "silence":
            return .silence
        case "repeat":
            throw node.fail("a repeat belongs in a list of caller actions")
        default:
            return .hangUp
        }
    }

    private static func digits(_ node: YAMLNode) throws(ScenarioError) -> String {
        let text = try node.string("keys to press")
        guard !text.isEmpty, text.allSatisfy({ "0123456789*#w".contains($0) }) else {
            throw node.fail("expected keys to press (0-9, *, #), found '\(text)'")
        }
        return text
    }
}
