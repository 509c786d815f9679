@testable import Simulator
import Testing
import Webhooks

/// The Proxy simulation without HTTP: number selection, sessions on the virtual clock, routing.
@Suite struct ProxyTests {
    static let rider = "+14155550001"
    static let driver = "+14155550002"

    func world(numbers: [String] = ["+14155551000", "+14155551001"], ttl: Double = 0,
               configure: (inout ProxyServiceConfiguration) -> Void = { _ in }) -> World {
        var service = ProxyServiceConfiguration(uniqueName: "rides", sid: "KS" + String(repeating: "0", count: 32))
        service.numbers = numbers.map { ProxyNumberConfiguration(number: $0) }
        service.defaultTTL = ttl
        configure(&service)
        var configuration = WorldConfiguration()
        configuration.proxyServices = [service]
        return World(configuration: configuration, webhooks: ScriptedWebhooks([:]))
    }

    func session(_ name: String, _ identifiers: [String], mode: ProxySessionMode = .messageOnly) -> ProxySessionSpecification {
        var session = ProxySessionSpecification(uniqueName: name)
        session.mode = mode
        session.participants = identifiers.map { ProxyParticipantSpecification(identifier: $0) }
        return session
    }

    func codes(_ world: World) -> [Int] { world.timeline.problems.compactMap { $0.code?.code } }

    @Test func selectionFollowsCapabilitiesGeographyReservationAndWhatIsHeld() throws {
        var pool = NumberPool()
        pool.add(ProxyNumberConfiguration(number: "+14155551000"))
        pool.add(ProxyNumberConfiguration(number: "+12125551000"))
        pool.add(ProxyNumberConfiguration(number: "+14155551001", isReserved: true))
        pool.add(ProxyNumberConfiguration(number: "76543"))
        func select(_ identifier: String, named: String? = nil, mode: ProxySessionMode = .messageOnly, level: GeoMatchLevel = .country,
                    behavior: NumberSelectionBehavior = .preferSticky, held: Set<String> = [], history: [String] = []) -> Result<String, PlatformError> {
            pool.select(for: identifier, named: named, mode: mode, geoMatchLevel: level, behavior: behavior, held: held, history: history)
        }
        #expect(try select("+12125550001", level: .areaCode).get() == "+12125551000")
        #expect(try select("+12125550001").get() == "+14155551000", "country level: the first least-used US number")
        #expect(select("+13125550001", level: .areaCode).failure?.code == 80206)
        #expect(select("+447700900123").failure?.code == 80203)
        #expect(select("+14155550001", held: ["+14155551000", "+12125551000", "76543"]).failure?.code == 80208)
        #expect(try select("+14155550001", named: "+14155551001").get() == "+14155551001", "a reserved number when named")
        #expect(select("+14155550001", named: "+14155559999").failure?.code == 80601)
        #expect(select("+14155550001", named: "+14155551000", held: ["+14155551000"]).failure?.code == 80623)
        #expect(try select("+14155550001", held: ["+14155551000", "+12125551000"]).get() == "76543")
        #expect(select("+14155550001", mode: .voiceOnly, held: ["+14155551000", "+12125551000"]).failure?.code == 80208,
                "a short code carries no voice")
        #expect(try select("+14155550001", history: ["+12125551000"]).get() == "+12125551000", "prefer-sticky")
        #expect(try select("+14155550001", behavior: .avoidSticky, history: ["+14155551000"]).get() == "+12125551000")
        pool.adjustUse(of: "+14155551000", by: 1)
        #expect(try select("+14155550001").get() == "+12125551000", "the least used number")
        #expect(NumberPool().select(for: "+14155550001", named: nil, mode: .messageOnly, geoMatchLevel: .country,
                                    behavior: .preferSticky, held: [], history: []).failure?.code == 80205)
        var reserved = NumberPool()
        reserved.add(ProxyNumberConfiguration(number: "+14155551001", isReserved: true))
        #expect(reserved.select(for: "+14155550001", named: nil, mode: .messageOnly, geoMatchLevel: .country,
                                behavior: .preferSticky, held: [], history: []).failure?.code == 80207)
    }

    @Test func aRelayedMessageComesFromTheOtherParticipantsProxyNumber() async {
        let world = world()
        await world.perform(.createSession(service: nil, session("ride", [Self.rider, Self.driver])))
        let participants = world.proxySessions[0].participants
        #expect(participants.map(\.proxyIdentifier) == ["+14155551000", "+14155551001"])
        await world.receiveMessage(from: Self.rider, to: "+14155551000", body: "hi")
        await world.settle()
        #expect(world.messages.map { "\($0.from)>\($0.to) \($0.body) \($0.status.rawValue)" } == ["+14155551001>\(Self.driver) hi delivered"])
        #expect(world.proxySessions[0].status == .inProgress)
        let interaction = world.proxyInteractions[0]
        #expect(interaction.inbound?.resourceStatus == "received" && interaction.outbound?.resourceStatus == "delivered")
        #expect(interaction.data == #"{"body":"hi"}"#)
        await world.receiveMessage(from: Self.rider, to: "+14155551001", body: "wrong number")
        #expect(world.proxyInteractions.count == 1, "a participant writing to someone else's proxy number is out of session")
        #expect(world.timeline.problems.last?.message.contains("no out_of_session_callback_url") == true)
    }

    @Test func theTTLRestartsWithEachInteractionAndExpiresOnlyWhenTimeIsWaitedFor() async {
        let world = world(ttl: 3_600)
        await world.perform(.createSession(service: nil, session("ride", [Self.rider, Self.driver])))
        await world.advance(by: 3_000)
        await world.receiveMessage(from: Self.rider, to: "+14155551000", body: "still there?")
        await world.settle()
        #expect(world.proxySessions[0].status == .inProgress, "settling delivers the message but never waits for the expiry")
        await world.advance(by: 3_000)
        #expect(world.proxySessions[0].status == .inProgress, "the interaction started the hour again")
        await world.advance(by: 601)
        #expect(world.proxySessions[0].status == .closed && world.proxySessions[0].closedReason == "ttl")
        #expect(world.proxyPool(of: "rides")?.entries.map(\.inUse) == [0, 0], "a closed session frees its numbers")
        await world.receiveMessage(from: Self.rider, to: "+14155551000", body: "hello?")
        #expect(codes(world) == [80904])
    }

    @Test func manualTransitionsFollowTheAPIsRules() async {
        let world = world()
        await world.perform(.createSession(service: nil, session("ride", [Self.rider, Self.driver])))
        await world.perform(.updateSession(service: nil, session: "ride", ProxySessionUpdate(status: .inProgress)))
        #expect(codes(world) == [80608], "open to in-progress is not a manual transition")
        await world.perform(.updateSession(service: nil, session: "ride", ProxySessionUpdate(status: .closed)))
        await world.perform(.updateSession(service: nil, session: "ride", ProxySessionUpdate(ttl: 60)))
        #expect(codes(world) == [80608, 80607])
        #expect(world.proxySessions[0].closedReason == "api")
        await world.perform(.createSession(service: nil, session("next", [Self.rider, "+14155550003"])))
        await world.perform(.updateSession(service: nil, session: "ride", ProxySessionUpdate(status: .inProgress)))
        #expect(world.proxySessions[1].participants[0].proxyIdentifier == "+14155551000", "prefer-sticky gave the rider their number")
        #expect(codes(world) == [80608, 80607, 80623], "the rider holds it in 'next' now: reopening 'ride' would be a conflict")
        #expect(world.proxySessions[0].status == .closed)
        await world.perform(.updateSession(service: nil, session: "next", ProxySessionUpdate(status: .closed)))
        await world.perform(.updateSession(service: nil, session: "ride", ProxySessionUpdate(status: .inProgress)))
        #expect(world.proxySessions[0].status == .inProgress && world.proxySessions[0].closedReason == nil)
        #expect(codes(world) == [80608, 80607, 80623])
    }

    @Test func aSessionWhoseParticipantCannotJoinIsFailedAndHoldsNothing() async {
        let world = world(numbers: ["+14155551000"])
        await world.perform(.createSession(service: nil, session("first", [Self.rider])))
        await world.perform(.createSession(service: nil, session("second", [Self.driver, Self.rider])))
        #expect(codes(world) == [80208])
        #expect(world.proxySessions[1].status == .failed)
        #expect(world.proxyPool(of: "rides")?.entries.first?.inUse == 1, "only the first session's rider holds the number")
        await world.perform(.addParticipant(service: nil, session: "first", ProxyParticipantSpecification(identifier: Self.driver)))
        await world.perform(.addParticipant(service: nil, session: "first", ProxyParticipantSpecification(identifier: "+14155550003")))
        #expect(codes(world) == [80208, 80604], "two participants at most")
    }

    @Test func autoCreateJSONIsReadLeniently() {
        let read = AutoCreatedSession.read(Array(#"{"participantIdentifier": "+14155550009", "ttl": "600", "mode": "message-only"}"#.utf8))
        #expect(read.success?.ttl == 600 && read.success?.mode == .messageOnly)
        #expect(AutoCreatedSession.read(Array(#"{"uniqueName": "x"}"#.utf8)).failure?.message == "participantIdentifier is required")
        #expect(AutoCreatedSession.read(Array(#"{"participantIdentifier": "+1", "mode": "chat"}"#.utf8)).failure?.code == 80913)
        #expect(AutoCreatedSession.read(Array("[1]".utf8)).failure != nil)
    }
}

extension Result {
    var success: Success? { try? get() }
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
