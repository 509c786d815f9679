@testable import Simulator
import Testing
import TwiML
import Webhooks

/// The Voice interpreter on the virtual clock, with webhooks answered in process.
@Suite struct VoiceTests {
    func world(_ answers: [String: String], parties: [PartyRule] = [PartyRule()]) -> (World, ScriptedWebhooks) {
        var configuration = WorldConfiguration()
        var number = NumberConfiguration(number: "+14155550100")
        number.voice.url = "https://app.test/voice"
        configuration.numbers = [number]
        configuration.parties = parties
        let webhooks = ScriptedWebhooks(answers)
        return (World(configuration: configuration, webhooks: webhooks), webhooks)
    }

    @Test func gatherKeepsDigitsUpToTheFinishKeyOrNumDigits() {
        #expect(Voice.collect("12#", finishOnKey: "#", numDigits: nil) == ("12", true))
        #expect(Voice.collect("#5", finishOnKey: "#", numDigits: nil) == ("5", false), "a finish key before any digit is ignored")
        #expect(Voice.collect("1234", finishOnKey: "#", numDigits: 2) == ("12", true))
        #expect(Voice.collect("1#2", finishOnKey: "", numDigits: nil) == ("1#2", false), "an empty finishOnKey disables it")
    }

    @Test func keysPressedDuringThePromptInterruptItAndReachTheActionAtOnce() async {
        let (world, webhooks) = world([
            "https://app.test/voice": "<Response><Gather numDigits=\"1\" action=\"/menu\"><Say>\(String(repeating: "a", count: 150))</Say></Gather></Response>",
            "https://app.test/menu": "<Response><Hangup/></Response>",
        ])
        await world.receiveCall(from: "+15558675310", to: "+14155550100",
                                script: CallerScript(actions: [.press(digits: "7", after: 2, prompt: nil)]))
        let action = try! #require(webhooks.requests.first { $0.url == "https://app.test/menu" })
        #expect(action.time - world.configuration.startTime == 2, "the 10 s prompt was cut at 2 s")
        #expect(action.parameters.contains(Parameter("Digits", "7")))
        #expect(world.calls.first?.status == .completed && world.calls.first?.duration == 2)
    }

    @Test func aCallerHangingUpWhileADialRingsCancelsTheLegAndStillGetsTheAction() async {
        let (world, webhooks) = world([
            "https://app.test/voice": "<Response><Dial action=\"/after\">+14155550200</Dial></Response>",
            "https://app.test/after": "<Response><Say>never heard</Say></Response>",
        ], parties: [PartyRule(ringTime: 10)])
        await world.receiveCall(from: "+15558675310", to: "+14155550100", script: CallerScript(hangUpAfter: 4))
        #expect(world.calls.map(\.status) == [.completed, .canceled])
        #expect(webhooks.requests.last?.parameters.contains(Parameter("DialCallStatus", "canceled")) == true)
        #expect(webhooks.requests.last?.parameters.contains(Parameter("CallStatus", "completed")) == true,
                "an action after the caller hung up reports the call completed")
        #expect(TimelineRecord(world.timeline).calls[0].value.steps.map(\.verb) == ["hangup", "Dial"], "the action's answer does not run")
        #expect(world.calls[0].duration == 4)
    }

    @Test func anAppRedirectingToItselfIsStopped() async {
        let (world, webhooks) = world(["https://app.test/voice": "<Response><Pause/><Redirect>voice</Redirect></Response>"])
        await world.receiveCall(from: "+15558675310", to: "+14155550100")
        #expect(webhooks.requests.count == Voice.maximumCallDocuments)
        #expect(world.timeline.problems.last?.message.contains("more than \(Voice.maximumCallDocuments) documents") == true)
        #expect(world.calls[0].status == .completed)
    }

    @Test func aCallerAnswersAPromptThatLoopsForeverAfterOnePass() async {
        let (world, webhooks) = world([
            "https://app.test/voice": "<Response><Gather action=\"/menu\" numDigits=\"1\"><Say loop=\"0\">Press 1.</Say></Gather></Response>",
        ])
        await world.receiveCall(from: "+15558675310", to: "+14155550100", script: CallerScript(actions: [.press(digits: "1", after: nil, prompt: nil)]))
        let action = try! #require(webhooks.requests.first { $0.url == "https://app.test/menu" })
        #expect(action.time - world.configuration.startTime == 1)
    }

    @Test func promptsTakeTimeByTheirLength() {
        let say = VoiceVerbFixtures.verbs("<Response><Say loop=\"2\">\(String(repeating: "x", count: 31))</Say><Play>a.mp3</Play>"
                                          + "<Play digits=\"1234\"/><Pause length=\"7\"/></Response>")
        #expect(say.map { Voice.duration(of: $0) } == [6, 5, 2, 7])
    }
}

/// Parses TwiML into voice verbs for tests.
enum VoiceVerbFixtures {
    static func verbs(_ text: String) -> [VoiceVerb] {
        (try? TwiMLDocument.parse(Array(text.utf8)).get())?.voiceVerbs() ?? []
    }
}
