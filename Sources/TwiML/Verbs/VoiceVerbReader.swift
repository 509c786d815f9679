extension TwiMLDocument {
    /// The voice verbs, top to bottom; anything the voice grammar does not allow is skipped.
    public func voiceVerbs() -> [VoiceVerb] {
        guard root.name == "Response" else { return [] }
        return root.children.compactMap { VoiceVerbReader.verb($0, in: "Response") }
    }
}

/// Builds `VoiceVerb` values from elements the voice grammar allows where they stand.
enum VoiceVerbReader {
    static let grammar = Grammar.voice

    static func verb(_ element: Element, in parent: String) -> VoiceVerb? {
        guard grammar.spec(of: element.name, in: parent) != nil else { return nil }
        let attributes = AttributeReader(element, in: grammar)
        let position = element.position
        switch element.name {
        case "Say":
            return .say(.init(text: element.trimmedText, voice: attributes.string("voice"),
                              language: attributes.string("language") ?? "en-US",
                              loop: attributes.integer("loop") ?? 1, position: position))
        case "Play":
            return .play(.init(url: element.trimmedText, digits: attributes.string("digits"),
                               loop: attributes.integer("loop") ?? 1, position: position))
        case "Pause":
            return .pause(.init(length: attributes.integer("length") ?? 1, position: position))
        case "Gather":
            return .gather(.init(
                action: attributes.string("action"), method: attributes.method(),
                input: Set(attributes.list("input")), timeout: attributes.integer("timeout") ?? 5,
                speechTimeout: attributes.string("speechTimeout"), finishOnKey: attributes.string("finishOnKey") ?? "#",
                numDigits: attributes.integer("numDigits"), language: attributes.string("language") ?? "en-US",
                hints: attributes.string("hints"), actionOnEmptyResult: attributes.boolean("actionOnEmptyResult"),
                partialResultCallback: attributes.string("partialResultCallback"),
                prompts: element.children.compactMap { verb($0, in: "Gather") }, position: position))
        case "Record":
            return .record(.init(
                action: attributes.string("action"), method: attributes.method(),
                timeout: attributes.integer("timeout") ?? 5, finishOnKey: attributes.string("finishOnKey") ?? "1234567890*#",
                maxLength: attributes.integer("maxLength") ?? 3600, playBeep: attributes.boolean("playBeep"),
                trim: attributes.string("trim") ?? "trim-silence",
                recordingStatusCallback: attributes.string("recordingStatusCallback"),
                recordingStatusCallbackMethod: attributes.method("recordingStatusCallbackMethod"),
                recordingStatusCallbackEvents: attributes.list("recordingStatusCallbackEvent"),
                transcribe: attributes.boolean("transcribe"), transcribeCallback: attributes.string("transcribeCallback"),
                position: position))
        case "Dial":
            return .dial(dial(element, attributes))
        case "Redirect":
            return .redirect(RedirectVerb(element, grammar: grammar))
        case "Hangup":
            return .hangup(position)
        case "Reject":
            return .reject(.init(reason: attributes.string("reason") ?? "rejected", position: position))
        case "Enqueue":
            return .enqueue(.init(queueName: element.trimmedText, action: attributes.string("action"),
                                  method: attributes.method(), waitURL: attributes.string("waitUrl"),
                                  waitURLMethod: attributes.method("waitUrlMethod"), position: position))
        case "Leave":
            return .leave(position)
        case "Refer":
            let target = element.children.first { $0.name == "Sip" }?.trimmedText ?? ""
            return .refer(.init(target: target, action: attributes.string("action"), method: attributes.method(), position: position))
        case "Sms":
            return .sms(MessageVerb(element, grammar: grammar))
        default:
            return .other(element)
        }
    }

    private static func dial(_ element: Element, _ attributes: AttributeReader) -> VoiceVerb.Dial {
        var targets = element.children.compactMap(target)
        let bare = element.trimmedText
        if targets.isEmpty, !bare.isEmpty {
            targets = [.number(.init(address: bare, sendDigits: nil, url: nil, method: .post, statusCallback: nil,
                                     statusCallbackMethod: .post, statusCallbackEvents: ["completed"]))]
        }
        return .init(targets: targets, action: attributes.string("action"), method: attributes.method(),
                     timeout: attributes.integer("timeout") ?? 30, timeLimit: attributes.integer("timeLimit") ?? 14400,
                     callerId: attributes.string("callerId"), record: attributes.string("record") ?? "do-not-record",
                     hangupOnStar: attributes.boolean("hangupOnStar"), answerOnBridge: attributes.boolean("answerOnBridge"),
                     position: element.position)
    }

    private static func target(_ noun: Element) -> DialTarget? {
        guard grammar.spec(of: noun.name, in: "Dial") != nil else { return nil }
        let attributes = AttributeReader(noun, in: grammar)
        var address = noun.trimmedText
        if noun.name == "Client", let identity = noun.children.first(where: { $0.name == "Identity" }) {
            address = identity.trimmedText
        }
        let leg = DialTarget.Leg(
            address: address, sendDigits: attributes.string("sendDigits"), url: attributes.string("url"),
            method: attributes.method(), statusCallback: attributes.string("statusCallback"),
            statusCallbackMethod: attributes.method("statusCallbackMethod"),
            statusCallbackEvents: attributes.list("statusCallbackEvent"))
        switch noun.name {
        case "Number": return .number(leg)
        case "Client": return .client(leg)
        case "Sip": return .sip(leg)
        case "WhatsApp": return .whatsApp(leg)
        case "Application": return .application(leg)
        case "Sim": return .sim(address)
        case "Conference":
            return .conference(.init(
                name: address, muted: attributes.boolean("muted"), beep: attributes.string("beep") ?? "true",
                startConferenceOnEnter: attributes.boolean("startConferenceOnEnter"),
                endConferenceOnExit: attributes.boolean("endConferenceOnExit"),
                waitURL: attributes.string("waitUrl"),
                waitMethod: attributes.method("waitMethod"), maxParticipants: attributes.integer("maxParticipants") ?? 250,
                statusCallback: attributes.string("statusCallback"), statusCallbackMethod: attributes.method("statusCallbackMethod"),
                statusCallbackEvents: attributes.list("statusCallbackEvent"),
                unsimulated: ["coach", "eventCallbackUrl", "recordingStatusCallback", "region", "jitterBufferSize"]
                    .filter { noun.attribute($0) != nil }
                    + (attributes.string("record") == "record-from-start" ? ["record"] : [])))
        case "Queue": return .queue(name: address, url: attributes.string("url"), method: attributes.method())
        default: return nil
        }
    }
}
