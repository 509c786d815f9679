@testable import Simulator
import Testing
import Webhooks

/// The Messaging simulation on the virtual clock, with webhooks answered in process.
@Suite struct WorldTests {
    func world(_ answers: [String: String], configure: (inout WorldConfiguration) -> Void = { _ in }) -> (World, ScriptedWebhooks) {
        var configuration = WorldConfiguration()
        var number = NumberConfiguration(number: "+14155550100")
        number.smsURL = "https://app.test/sms"
        configuration.numbers = [number]
        configure(&configuration)
        let webhooks = ScriptedWebhooks(answers)
        return (World(configuration: configuration, webhooks: webhooks), webhooks)
    }

    @Test func aReplyGoesThroughItsStatusLifecycleOnTheVirtualClock() async {
        let (world, webhooks) = world(["https://app.test/sms": "<Response><Message statusCallback=\"/cb\">Hi</Message></Response>"])
        await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "hello")
        #expect(world.messages.first?.status == .queued, "nothing has happened on the clock yet")
        await world.advance(by: 1)
        #expect(world.messages.first?.status == .sent)
        await world.advance(by: 10)
        let message = try! #require(world.messages.first)
        #expect(message.statuses.map(\.status) == [.queued, .sent, .delivered])
        #expect(message.statuses.map { $0.time - world.configuration.startTime } == [0, 1, 3])
        #expect(message.from == "+14155550100" && message.to == "+15558675310")
        let callbacks = webhooks.requests.filter { $0.kind == .status }
        #expect(callbacks.map(\.url) == ["https://app.test/cb", "https://app.test/cb"])
        #expect(callbacks.map { $0.parameters.first { $0.name == "MessageStatus" }?.value } == ["sent", "delivered"])
        #expect(callbacks.last?.parameters.contains { $0.name == "RawDlrDoneDate" && $0.value == "2601010000" } == true)
    }

    @Test func recipientsWithoutAPlusGetTheSendersCountryCode() async {
        let (world, _) = world(["https://app.test/sms": """
            <Response><Message to="4155550111">a</Message><Message to="+447700900123">b</Message>\
            <Message to="whatsapp:+15550001111">c</Message></Response>
            """])
        await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "hello")
        #expect(world.messages.map(\.to) == ["+14155550111", "+447700900123", "whatsapp:+15550001111"])
        #expect(Messaging.international("07700900123", sender: "+447700900999") == "+447700900123")
        #expect(Messaging.international("14155550111", sender: "+14155550100") == "+14155550111")
    }

    @Test func messagingServiceMessagesStartAccepted() async {
        let (world, _) = world(["https://app.test/service": "<Response><Message>Hi</Message></Response>"]) { configuration in
            var service = MessagingServiceConfiguration(name: "support", sid: "MG" + String(repeating: "0", count: 32))
            service.inboundRequestURL = "https://app.test/service"
            service.senders = ["+14155550100"]
            configuration.messagingServices = [service]
        }
        await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "hello")
        await world.settle()
        #expect(world.messages.first?.statuses.map(\.status) == [.accepted, .queued, .sent, .delivered])
    }

    @Test func validityPeriodExpiryFailsWith30001() async {
        let (world, _) = world(["https://app.test/service": "<Response><Message>Hi</Message></Response>"]) { configuration in
            var service = MessagingServiceConfiguration(name: "support", sid: "MG" + String(repeating: "0", count: 32))
            service.inboundRequestURL = "https://app.test/service"
            service.senders = ["+14155550100"]
            service.validityPeriod = 60
            configuration.messagingServices = [service]
            configuration.carrier = [CarrierRule(queueTime: 600)]
        }
        await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "hello")
        await world.settle()
        let message = try! #require(world.messages.first)
        #expect(message.status == .failed && message.errorCode == 30001)
        #expect(message.statuses.last!.time - message.statuses.first!.time == 60)
    }

    @Test func aRedirectLoopStopsAtFiftyDocuments() async {
        let (world, webhooks) = world(["https://app.test/sms": "<Response><Redirect>sms</Redirect></Response>"])
        await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "loop")
        #expect(webhooks.requests.count == 50)
        #expect(world.timeline.problems.map(\.code) == [14106])
    }

    @Test func thirtyRepliesInThirtySecondsTriggersTheRateGuard() async {
        let (world, _) = world(["https://app.test/sms": "<Response><Message>ok</Message></Response>"])
        for _ in 0..<31 { await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "again") }
        await world.settle()
        #expect(world.messages.filter { $0.errorCode == 14107 }.count == 1)
        #expect(world.messages.last?.status == .failed)
    }

    @Test func sameSeedSameSIDs() async {
        let answers = ["https://app.test/sms": "<Response><Message>Hi</Message></Response>"]
        let (first, _) = world(answers)
        let (second, _) = world(answers)
        let (third, _) = world(answers) { $0.seed = 99 }
        for world in [first, second, third] { await world.receiveMessage(from: "+15558675310", to: "+14155550100", body: "x") }
        #expect(first.messages.map(\.sid) == second.messages.map(\.sid))
        #expect(first.messages.map(\.sid) != third.messages.map(\.sid))
        #expect(first.accountSid == second.accountSid)
    }

    @Test func thirtyVirtualDaysOfEventsRunWithoutSleeping() async {
        let (world, _) = world(["https://app.test/sms": "<Response/>"])
        for day in 0..<30 {
            await world.sendMessage(from: "+14155550100", service: nil, to: "+15558675310", body: "day \(day)")
            await world.advance(by: 86_400)
        }
        #expect(world.messages.count == 30)
        #expect(world.messages.allSatisfy { $0.status == .delivered })
        #expect(world.now - world.configuration.startTime == 30 * 86_400)
    }
}
