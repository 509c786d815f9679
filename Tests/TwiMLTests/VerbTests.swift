import Testing
import TwiML

/// The typed view applies the platform's defaults and ignores what the grammar does not allow.
@Suite struct VerbTests {
    @Test func gatherDefaults() throws {
        let verbs = try TwiMLDocument.parse("<Response><Gather><Say>Hi</Say><Dial>1</Dial></Gather></Response>").get().voiceVerbs()
        guard case .gather(let gather) = verbs.first else { Issue.record("expected a Gather"); return }
        #expect(gather.action == nil)
        #expect(gather.method == .post)
        #expect(gather.timeout == 5)
        #expect(gather.finishOnKey == "#")
        #expect(gather.numDigits == nil)
        #expect(gather.input == ["dtmf"])
        #expect(gather.language == "en-US")
        #expect(gather.actionOnEmptyResult == false)
        #expect(gather.prompts.count == 1, "the misplaced <Dial> is ignored")
    }

    @Test func miscasedAndInvalidAttributesFallBackToDefaults() throws {
        let text = "<Response><Gather numdigits=\"3\" timeout=\"abc\" method=\"get\" action=\"next?x=1\"/></Response>"
        guard case .gather(let gather) = try TwiMLDocument.parse(text).get().voiceVerbs().first else {
            Issue.record("expected a Gather"); return
        }
        #expect(gather.numDigits == nil)
        #expect(gather.timeout == 5)
        #expect(gather.method == .get)
        #expect(gather.action == "next?x=1", "relative URLs are kept for resolution")
    }

    @Test func dialTargetsAndDefaults() throws {
        let text = """
        <Response><Dial callerId="+14155550100" action="/done"><Number url="/whisper" statusCallbackEvent="ringing answered">+14155550101</Number>
        <Client><Identity>alice</Identity></Client><Queue>support</Queue></Dial><Dial>+14155550102</Dial></Response>
        """
        let verbs = try TwiMLDocument.parse(text).get().voiceVerbs()
        guard case .dial(let first) = verbs[0], case .dial(let bare) = verbs[1] else { Issue.record("expected two Dials"); return }
        #expect(first.timeout == 30 && first.timeLimit == 14400 && first.record == "do-not-record")
        #expect(first.callerId == "+14155550100")
        guard case .number(let number) = first.targets[0], case .client(let client) = first.targets[1],
              case .queue(let queue, _, _) = first.targets[2] else { Issue.record("unexpected targets"); return }
        #expect(number.address == "+14155550101" && number.url == "/whisper")
        #expect(number.statusCallbackEvents == ["ringing", "answered"])
        #expect(client.address == "alice")
        #expect(queue == "support")
        guard case .number(let bareNumber) = bare.targets.first else { Issue.record("bare number"); return }
        #expect(bareNumber.address == "+14155550102" && bareNumber.statusCallbackEvents == ["completed"])
    }

    /// Conference attributes as written, the platform's defaults otherwise; an empty wait URL is
    /// silence (not the hold music), and what the simulation does not act on is named.
    @Test func conferenceAttributes() throws {
        let text = """
        <Response><Dial><Conference startConferenceOnEnter="false" endConferenceOnExit="true" waitUrl="" beep="onExit" muted="true"
        statusCallback="/events" statusCallbackEvent="join leave" coach="CA1" record="record-from-start">room</Conference></Dial>        <Dial><Conference>plain</Conference></Dial></Response>
        """
        let verbs = try TwiMLDocument.parse(text).get().voiceVerbs()
        guard case .dial(let first) = verbs[0], case .conference(let room) = first.targets[0],
              case .dial(let second) = verbs[1], case .conference(let plain) = second.targets[0] else { Issue.record("expected conferences"); return }
        #expect(room.name == "room" && !room.startConferenceOnEnter && room.endConferenceOnExit && room.muted && room.beep == "onExit")
        #expect(room.waitURL == "" && room.statusCallback == "/events" && room.statusCallbackEvents == ["join", "leave"])
        #expect(room.unsimulated == ["coach", "record"])
        #expect(plain.startConferenceOnEnter && !plain.endConferenceOnExit && plain.waitURL == nil && plain.beep == "true")
        #expect(plain.maxParticipants == 250 && plain.unsimulated.isEmpty)
    }

    @Test func recordRejectAndRedirect() throws {
        let text = "<Response><Reject/><Record maxLength=\"20\"/><Redirect method=\"GET\">../menu</Redirect></Response>"
        let verbs = try TwiMLDocument.parse(text).get().voiceVerbs()
        guard case .reject(let reject) = verbs[0], case .record(let record) = verbs[1], case .redirect(let redirect) = verbs[2] else {
            Issue.record("unexpected verbs \(verbs)"); return
        }
        #expect(reject.reason == "rejected")
        #expect(record.maxLength == 20 && record.timeout == 5 && record.finishOnKey == "1234567890*#" && record.playBeep)
        #expect(record.trim == "trim-silence" && record.recordingStatusCallbackEvents == ["completed"])
        #expect(redirect.url == "../menu" && redirect.method == .get)
    }

    @Test func messagingVerbs() throws {
        let text = """
        <Response><Message to="+14155550100" action="/status">Hi there</Message>
        <Message><Body>Look</Body><Media>https://example.com/a.png</Media></Message><Say>ignored</Say><Redirect>/more</Redirect></Response>
        """
        let verbs = try TwiMLDocument.parse(text).get().messagingVerbs()
        #expect(verbs.count == 3)
        guard case .message(let first) = verbs[0], case .message(let second) = verbs[1], case .redirect(let redirect) = verbs[2] else {
            Issue.record("unexpected verbs"); return
        }
        #expect(first.to == "+14155550100" && first.from == nil && first.body == "Hi there" && first.method == .post)
        #expect(first.action == "/status")
        #expect(second.body == "Look" && second.mediaURLs == ["https://example.com/a.png"])
        #expect(redirect.url == "/more" && redirect.method == .post)
    }

    @Test func inferredDialect() throws {
        #expect(try TwiMLDocument.parse("<Response><Message>x</Message></Response>").get().inferredDialect == .messaging)
        #expect(try TwiMLDocument.parse("<Response><Say>x</Say></Response>").get().inferredDialect == .voice)
    }
}
