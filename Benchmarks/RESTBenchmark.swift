import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Platform
import RESTAPI
import ServiceLifecycle
import Simulator
import Traffic
import TwiML
import Webhooks

/// Messages.create through the emulated REST API (Basic auth, validation, the Messaging
/// simulation, the timeline, the JSON answer) against a trivial Hummingbird route on the same
/// machine, both driven by wrk with the same settings, alternated A B A B in one run (the median
/// of the rounds' ratios); and first
/// the memory the world holds for 100,000 messages created over HTTP.
enum RESTBenchmark {
    static let seconds = 2.0
    static let rounds = 5

    /// A world whose webhooks answer nothing (the benchmark is about the API).
    final class NoWebhooks: WebhookDelivering {
        func deliver(_ request: WebhookRequest, fallback: (url: String, method: TwiML.HTTPMethod)?, context: DeliveryContext?) async -> DeliveryOutcome {
            DeliveryOutcome(exchanges: [], result: .success(.empty), primaryFailure: nil, finalURL: request.url)
        }
    }

    static func run() async throws {
        // Memory first, while the process holds nothing else.
        try await memory()
        print("== rest: Messages.create with auth and its JSON answer vs a trivial Hummingbird route (wrk, 16 connections, \(Int(seconds)) s each, \(rounds) rounds)")
        let (trivial, trivialPort) = try await trivialServer()
        let (server, world, account) = try await emulator()
        let headers = ["Authorization": "Basic " + Data("\(account):\(WorldConfiguration.defaultAuthToken)".utf8).base64EncodedString()]
        let body = FormEncoding.encode([("To", "+15558675310"), ("From", "+14155550100"), ("Body", "Your code is 123456")])
        let url = "http://127.0.0.1:\(server.port)/api.twilio.com/2010-04-01/Accounts/\(account)/Messages.json"
        var ours: [Double] = []
        var reference: [Double] = []
        for _ in 0..<rounds {
            reference.append(try await Wrk.post("http://127.0.0.1:\(trivialPort)/", body: body, headers: headers, connections: 16, threads: 2,
                                                seconds: seconds))
            ours.append(try await Wrk.post(url, body: body, headers: headers, connections: 16, threads: 2, seconds: seconds))
        }
        let created = await count(world)
        // The median of each round's ratio: the machine's load drifts between rounds, not within one pair.
        let ratios = zip(ours, reference).map { $0 / $1 }.sorted()
        print("Messages.create: \(ours.map { format($0) }.joined(separator: ", ")) requests/s; trivial route: "
              + "\(reference.map { format($0) }.joined(separator: ", ")) requests/s; ratios \(ratios.map { format($0, 2) }.joined(separator: ", ")), "
              + "median \(format(ratios[ratios.count / 2], 2)) (\(created) messages created)")
        await server.stop()
        await trivial.triggerGracefulShutdown()
    }

    /// Resident memory before and after 100,000 messages created over HTTP (16 in flight), in a fresh world.
    static func memory() async throws {
        let (server, world, account) = try await emulator()
        let client = APIClient(port: server.port)
        let call = RESTCall(method: "POST", url: "/2010-04-01/Accounts/\(account)/Messages.json",
                            parameters: [("To", "+15558675310"), ("From", "+14155550100"), ("Body", "Your code is 123456")])
        let before = residentMegabytes()
        let started = ContinuousClock.now
        let total = 100_000
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<16 {
                group.addTask {
                    for _ in stride(from: lane, to: total, by: 16) {
                        _ = await client.send(call, user: account, password: WorldConfiguration.defaultAuthToken, world: 1)
                    }
                }
            }
        }
        let elapsed = (ContinuousClock.now - started).inSeconds
        let created = await count(world)
        print("100,000 messages over HTTP: \(created) created in \(format(elapsed, 1)) s; resident memory \(format(before)) → "
              + "\(format(residentMegabytes())) MB (the world's state: \(format(residentMegabytes() - before)) MB)")
        await client.shutdown()
        await server.stop()
    }

    /// The emulator serving a world with one number; the world's gate left open for the API.
    static func emulator() async throws -> (RESTServer, World, String) {
        var configuration = WorldConfiguration()
        configuration.numbers = [NumberConfiguration(number: "+14155550100")]
        let world = World(configuration: configuration, webhooks: NoWebhooks())
        let server = try await RESTServer.start()
        _ = server.directory.register(world)
        world.gate.leave()
        return (server, world, world.accountSid.description)
    }

    static func count(_ world: World) async -> Int {
        await world.gate.enter()
        let count = world.messages.count
        world.gate.leave()
        return count
    }

    /// A Hummingbird route that answers a fixed JSON object with 201: the reference.
    static func trivialServer() async throws -> (ServiceGroup, Int) {
        let router = Router()
        router.post("/") { _, _ -> Response in
            Response(status: .created, headers: [.contentType: "application/json"],
                     body: .init(byteBuffer: ByteBuffer(string: #"{"sid":"SM00000000000000000000000000000000","status":"queued"}"#)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let logger = Logger(label: "bench-trivial", factory: { _ in SwiftLogNoOpLogHandler() })
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        return (group, await iterator.next() ?? 0)
    }
}
