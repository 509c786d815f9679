// The Voice TwiML grammar: names and attributes follow the official helper library's generator
// (twilio-python `voice_response.py`); defaults follow shared/reference/twilio-behaviour.md §4.3.

private let anyCount = 0...Int.max
private let callEvents = AttributeType.list(["initiated", "ringing", "answered", "completed"])
private let recordingEvents = AttributeType.list(["in-progress", "completed", "absent"])
private let dtmfKeys = "0123456789#*"
private let ssml: Set<String> = ["break", "emphasis", "lang", "p", "phoneme", "prosody", "s", "say-as", "sub", "w"]
private let prompts: Set<String> = ["Say", "Play", "Pause"]

/// `statusCallback`, its method and its events, as dialled nouns carry them.
private func statusCallbackAttributes(events: AttributeType = callEvents, defaultEvents: String? = "completed") -> [AttributeSpec] {
    [
        AttributeSpec("statusCallback", .url),
        AttributeSpec("statusCallbackMethod", .method, default: "POST"),
        AttributeSpec("statusCallbackEvent", events, default: defaultEvents),
    ]
}

private func recordingCallbackAttributes() -> [AttributeSpec] {
    [
        AttributeSpec("recordingStatusCallback", .url),
        AttributeSpec("recordingStatusCallbackMethod", .method, default: "POST"),
        AttributeSpec("recordingStatusCallbackEvent", recordingEvents, default: "completed"),
        AttributeSpec("recordingConfigurationId", .text),
    ]
}

private func fetchAttributes(_ name: String = "url", method: String = "method") -> [AttributeSpec] {
    [AttributeSpec(name, .url), AttributeSpec(method, .method, default: "POST")]
}

private let machineDetectionAttributes = [
    AttributeSpec("machineDetection", .choice(["Enable", "DetectMessageEnd"])),
    AttributeSpec("machineDetectionTimeout", .integer(3...60), default: "30"),
    AttributeSpec("machineDetectionSpeechThreshold", .integer(1000...6000), default: "2400"),
    AttributeSpec("machineDetectionSpeechEndThreshold", .integer(500...5000), default: "1200"),
    AttributeSpec("machineDetectionSilenceTimeout", .integer(2000...10000), default: "5000"),
    AttributeSpec("amdStatusCallback", .url),
    AttributeSpec("amdStatusCallbackMethod", .method, default: "POST"),
]

private let trimType = AttributeType.choice(["trim-silence", "do-not-trim"])
private let trackType = AttributeType.choice(["inbound_track", "outbound_track", "both_tracks"])

extension Grammar {
    /// Voice TwiML: every verb, noun and nested element the platform documents.
    public static let voice = Grammar(
        dialect: .voice,
        verbs: Set(VoiceVerbName.allCases.map(\.rawValue)),
        elements: [
            ElementSpec("Say", text: .optional, children: ssml, [
                AttributeSpec("voice", .text),
                AttributeSpec("language", .text, default: "en-US"),
                AttributeSpec("loop", .integer(anyCount), default: "1"),
            ]),
            ElementSpec("Play", text: .optional, [
                AttributeSpec("loop", .integer(anyCount), default: "1"),
                AttributeSpec("digits", .characters(dtmfKeys + "wW")),
            ]),
            ElementSpec("Pause", [AttributeSpec("length", .integer(anyCount), default: "1")]),
            ElementSpec("Gather", children: prompts, [
                AttributeSpec("input", .list(["dtmf", "speech"]), default: "dtmf"),
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("timeout", .integer(anyCount), default: "5"),
                AttributeSpec("speechTimeout", .either(.integer(anyCount), .choice(["auto"]))),
                AttributeSpec("maxSpeechTime", .integer(anyCount), default: "60"),
                AttributeSpec("profanityFilter", .boolean, default: "true"),
                AttributeSpec("finishOnKey", .characters(dtmfKeys), default: "#"),
                AttributeSpec("numDigits", .integer(1...Int.max)),
                AttributeSpec("partialResultCallback", .url),
                AttributeSpec("partialResultCallbackMethod", .method, default: "POST"),
                AttributeSpec("language", .text, default: "en-US"),
                AttributeSpec("hints", .text),
                AttributeSpec("bargeIn", .boolean, default: "true"),
                AttributeSpec("debug", .boolean, default: "false"),
                AttributeSpec("actionOnEmptyResult", .boolean, default: "false"),
                AttributeSpec("speechModel", .text),
                AttributeSpec("enhanced", .boolean, default: "false"),
            ]),
            ElementSpec("Record", [
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("timeout", .integer(anyCount), default: "5"),
                AttributeSpec("finishOnKey", .characters(dtmfKeys), default: "1234567890*#"),
                AttributeSpec("maxLength", .integer(1...86400), default: "3600"),
                AttributeSpec("playBeep", .boolean, default: "true"),
                AttributeSpec("trim", trimType, default: "trim-silence"),
                AttributeSpec("transcribe", .boolean, default: "false"),
                AttributeSpec("transcribeCallback", .url),
            ] + recordingCallbackAttributes()),
            ElementSpec("Dial", text: .optional,
                        children: ["Number", "Client", "Sip", "Conference", "Queue", "Sim", "Application", "WhatsApp"], [
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("timeout", .integer(5...600), default: "30"),
                AttributeSpec("hangupOnStar", .boolean, default: "false"),
                AttributeSpec("timeLimit", .integer(1...86400), default: "14400"),
                AttributeSpec("callerId", .text),
                AttributeSpec("record", .choice(["do-not-record", "record-from-answer", "record-from-ringing",
                                                 "record-from-answer-dual", "record-from-ringing-dual", "true", "false"]),
                              default: "do-not-record"),
                AttributeSpec("trim", trimType, default: "do-not-trim"),
                AttributeSpec("answerOnBridge", .boolean, default: "false"),
                AttributeSpec("ringTone", .text),
                AttributeSpec("recordingTrack", .choice(["both", "inbound", "outbound"]), default: "both"),
                AttributeSpec("sequential", .boolean, default: "false"),
                AttributeSpec("referUrl", .url),
                AttributeSpec("referMethod", .method, default: "POST"),
                AttributeSpec("events", .text),
                AttributeSpec("passports", .text),
                AttributeSpec("callReason", .text),
            ] + recordingCallbackAttributes()),
            ElementSpec("Number", text: .required, [
                AttributeSpec("sendDigits", .characters(dtmfKeys + "wW")),
                AttributeSpec("byoc", .text),
            ] + fetchAttributes() + statusCallbackAttributes() + machineDetectionAttributes),
            ElementSpec("Client", text: .optional, children: ["Identity", "Parameter"],
                        fetchAttributes() + statusCallbackAttributes()),
            ElementSpec("Identity", text: .required),
            ElementSpec("Parameter", [AttributeSpec("name", .text), AttributeSpec("value", .text)]),
            ElementSpec("Sip", text: .optional, children: ["Headers", "Uri"], [
                AttributeSpec("username", .text),
                AttributeSpec("password", .text),
            ] + fetchAttributes() + statusCallbackAttributes() + machineDetectionAttributes),
            ElementSpec("Headers", children: ["Header"]),
            ElementSpec("Header", [AttributeSpec("name", .text), AttributeSpec("value", .text)]),
            ElementSpec("Uri", text: .required, [
                AttributeSpec("priority", .integer(anyCount)),
                AttributeSpec("weight", .integer(anyCount)),
                AttributeSpec("username", .text),
                AttributeSpec("password", .text),
            ]),
            ElementSpec("Conference", text: .required, [
                AttributeSpec("muted", .boolean, default: "false"),
                AttributeSpec("beep", .choice(["true", "false", "onEnter", "onExit"]), default: "true"),
                AttributeSpec("startConferenceOnEnter", .boolean, default: "true"),
                AttributeSpec("endConferenceOnExit", .boolean, default: "false"),
                // An empty wait URL is silence.
                AttributeSpec("waitUrl", .either(.url, .choice([""]))),
                AttributeSpec("waitMethod", .method, default: "POST"),
                AttributeSpec("maxParticipants", .integer(2...250), default: "250"),
                AttributeSpec("record", .choice(["do-not-record", "record-from-start"]), default: "do-not-record"),
                AttributeSpec("region", .text),
                AttributeSpec("coach", .text),
                AttributeSpec("trim", trimType, default: "trim-silence"),
                AttributeSpec("eventCallbackUrl", .url),
                AttributeSpec("jitterBufferSize", .choice(["large", "medium", "small", "off"]), default: "large"),
                AttributeSpec("participantLabel", .text),
            ] + statusCallbackAttributes(
                events: .list(["start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement"]),
                defaultEvents: nil) + recordingCallbackAttributes()),
            ElementSpec("Queue", text: .required, [
                AttributeSpec("reservationSid", .text),
                AttributeSpec("postWorkActivitySid", .text),
            ] + fetchAttributes()),
            ElementSpec("Sim", text: .required),
            ElementSpec("Application", text: .optional, children: ["ApplicationSid", "Parameter"], [
                AttributeSpec("customerId", .text),
                AttributeSpec("copyParentTo", .boolean, default: "false"),
            ] + fetchAttributes() + statusCallbackAttributes()),
            ElementSpec("ApplicationSid", text: .required),
            ElementSpec("WhatsApp", text: .required, fetchAttributes() + statusCallbackAttributes()),
            ElementSpec("Redirect", text: .required, [AttributeSpec("method", .method, default: "POST")]),
            ElementSpec("Hangup", children: ["Parameter"]),
            ElementSpec("Reject", children: ["Parameter"], [
                AttributeSpec("reason", .choice(["rejected", "busy"]), default: "rejected"),
            ]),
            ElementSpec("Enqueue", text: .optional, children: ["Task"], [
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("waitUrl", .url),
                AttributeSpec("waitUrlMethod", .method, default: "POST"),
                AttributeSpec("maxQueueSize", .integer(1...5000)),
                AttributeSpec("workflowSid", .text),
            ]),
            ElementSpec("Task", text: .required, [
                AttributeSpec("priority", .integer(anyCount)),
                AttributeSpec("timeout", .integer(anyCount)),
            ]),
            ElementSpec("Leave"),
            ElementSpec("Refer", children: ["Sip"], fetchAttributes("action")),
            ElementSpec("Connect", children: ["Stream", "Room", "Conversation", "VirtualAgent", "ConversationRelay",
                                              "Autopilot", "AiSession", "ConversationRelaySession"],
                        fetchAttributes("action")),
            ElementSpec("Stream", children: ["Parameter"], [
                AttributeSpec("name", .text),
                AttributeSpec("connectorName", .text),
                AttributeSpec("url", .url),
                AttributeSpec("track", trackType, default: "inbound_track"),
                AttributeSpec("statusCallback", .url),
                AttributeSpec("statusCallbackMethod", .method, default: "POST"),
                AttributeSpec("audioFormat", .text),
                AttributeSpec("sampleRate", .text),
            ]),
            ElementSpec("Room", text: .required, [AttributeSpec("participantIdentity", .text)]),
            ElementSpec("Conversation", openAttributes: true),
            ElementSpec("VirtualAgent", children: ["Config", "Parameter"], openAttributes: true),
            ElementSpec("Config", [AttributeSpec("name", .text), AttributeSpec("value", .text)]),
            ElementSpec("ConversationRelay", children: ["Language", "Parameter"], openAttributes: true),
            ElementSpec("Language", openAttributes: true),
            ElementSpec("Autopilot", text: .required),
            ElementSpec("AiSession", openAttributes: true),
            ElementSpec("ConversationRelaySession", openAttributes: true),
            ElementSpec("Start", children: ["Stream", "Siprec", "Transcription", "Recording"], fetchAttributes("action")),
            ElementSpec("Stop", children: ["Stream", "Siprec", "Transcription"]),
            ElementSpec("Siprec", children: ["Parameter"], [
                AttributeSpec("name", .text),
                AttributeSpec("connectorName", .text),
                AttributeSpec("track", trackType, default: "inbound_track"),
                AttributeSpec("statusCallback", .url),
                AttributeSpec("statusCallbackMethod", .method, default: "POST"),
            ]),
            ElementSpec("Transcription", children: ["Config", "Parameter"], openAttributes: true),
            ElementSpec("Recording", [
                AttributeSpec("trim", trimType, default: "do-not-trim"),
                AttributeSpec("track", .choice(["inbound", "outbound", "both"]), default: "both"),
                AttributeSpec("channels", .choice(["mono", "dual"]), default: "mono"),
            ] + recordingCallbackAttributes()),
            ElementSpec("Pay", children: ["Prompt", "Parameter"], [
                AttributeSpec("input", .choice(["dtmf"]), default: "dtmf"),
                AttributeSpec("action", .url),
                AttributeSpec("bankAccountType", .choice(["consumer-checking", "consumer-savings", "commercial-checking"])),
                AttributeSpec("statusCallback", .url),
                AttributeSpec("statusCallbackMethod", .method, default: "POST"),
                AttributeSpec("timeout", .integer(anyCount), default: "5"),
                AttributeSpec("maxAttempts", .integer(1...3), default: "1"),
                AttributeSpec("securityCode", .boolean, default: "true"),
                AttributeSpec("postalCode", .text, default: "true"),
                AttributeSpec("minPostalCodeLength", .integer(anyCount)),
                AttributeSpec("paymentConnector", .text, default: "Default"),
                AttributeSpec("paymentMethod", .choice(["ach-debit", "credit-card"]), default: "credit-card"),
                AttributeSpec("tokenType", .choice(["one-time", "reusable", "payment-method"]), default: "reusable"),
                AttributeSpec("chargeAmount", .text),
                AttributeSpec("currency", .text, default: "usd"),
                AttributeSpec("description", .text),
                AttributeSpec("validCardTypes", .text),
                AttributeSpec("language", .text, default: "en-US"),
            ]),
            ElementSpec("Prompt", children: prompts, [
                AttributeSpec("for", .text),
                AttributeSpec("errorType", .text),
                AttributeSpec("cardType", .text),
                AttributeSpec("attempt", .text),
                AttributeSpec("requireMatchingInputs", .boolean),
            ]),
            ElementSpec("Echo"),
            ElementSpec("Sms", text: .required, [
                AttributeSpec("to", .text),
                AttributeSpec("from", .text),
                AttributeSpec("action", .url),
                AttributeSpec("method", .method, default: "POST"),
                AttributeSpec("statusCallback", .url),
            ]),
        ] + ssml.map { ElementSpec($0, text: .optional, children: ssml, openAttributes: true) }
    )
}
