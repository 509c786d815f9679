import Foundation
import Platform
import Simulator
import Stubs
import Webhooks

/// 10,000 concurrent Proxy sessions with 5 interactions each in one world: sessions created
/// through the API path (number selection from a 100-number pool), 50,000 inbound messages
/// relayed, every outbound message taken to `delivered`. Then 1,000 sessions the same way with
/// the intercept and interaction callbacks on real HTTP (built-in functions).
enum ProxyBenchmark {
    static func run() async throws {
        print("== proxy: concurrent sessions, 5 interactions each")
        try await measure(sessions: 10_000, callbacks: nil)
        let server = try await FunctionServer.start()
        let base = server.register(service: "bench", functions: ["/ok": FunctionDefinition()])
        try await measure(sessions: 1_000, callbacks: base + "/ok")
        await server.stop()
    }

    static func measure(sessions: Int, callbacks: String?) async throws {
        var service = ProxyServiceConfiguration(uniqueName: "rides", sid: "KS" + String(repeating: "0", count: 32))
        service.numbers = (0..<100).map { ProxyNumberConfiguration(number: "+1415555\(String(format: "%04d", 1_000 + $0))") }
        service.callbackURL = callbacks
        service.interceptCallbackURL = callbacks
        var configuration = WorldConfiguration()
        configuration.proxyServices = [service]
        let client = WebhookClient(configuration: .init(authToken: configuration.authToken))
        let world = World(configuration: configuration, webhooks: callbacks == nil ? ScenarioBenchmark.NoWebhooks() : client)
        let memoryBefore = peakMegabytes()
        let start = ContinuousClock.now
        func rider(_ index: Int) -> String { "+1415\(String(format: "%07d", 2_000_000 + index))" }
        func driver(_ index: Int) -> String { "+1415\(String(format: "%07d", 5_000_000 + index))" }
        for index in 0..<sessions {
            var session = ProxySessionSpecification(uniqueName: "ride-\(index)")
            session.mode = .messageOnly
            session.participants = [ProxyParticipantSpecification(identifier: rider(index)),
                                    ProxyParticipantSpecification(identifier: driver(index))]
            await world.perform(.createSession(service: nil, session))
        }
        let created = ContinuousClock.now
        let proxyOf = Dictionary(world.proxySessions.flatMap(\.participants).map { ($0.identifier, $0.proxyIdentifier) },
                                 uniquingKeysWith: { $1 })
        for round in 0..<5 {
            for index in 0..<sessions {
                let from = round % 2 == 0 ? rider(index) : driver(index)
                await world.receiveMessage(from: from, to: proxyOf[from]!, body: "message \(round)")
            }
            await world.advance(by: 60)
        }
        await world.settle()
        let seconds = (ContinuousClock.now - start).inSeconds
        let interactions = world.proxyInteractions.count
        let delivered = world.messages.filter { $0.status == .delivered }.count
        let webhooks = world.timeline.webhooks.count
        print("\(sessions) sessions\(callbacks == nil ? "" : " with intercept + interaction callbacks over HTTP"): "
            + "\(interactions) interactions (\(delivered) delivered) in \(format(seconds, 3)) s "
            + "(sessions created in \(format((created - start).inSeconds, 3)) s): \(format(Double(interactions) / seconds)) interactions/s"
            + (webhooks > 0 ? ", \(format(Double(webhooks) / seconds)) webhooks/s" : "")
            + "; peak memory \(format(peakMegabytes())) MB (\(format(memoryBefore)) MB before)")
        await client.shutdown()
    }
}
