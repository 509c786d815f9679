import AsyncHTTPClient
import Foundation
import NIOCore
import Platform
import Stubs
import Traffic
import Webhooks

/// Signed, journaled deliveries per second against a trivial loopback endpoint, sequential and
/// with 16 in flight, beside wrk against the same endpoint (same POST body) in the same run.
enum WebhookBenchmark {
    static let seconds = 3.0

    static func run() async throws {
        let server = try await FunctionServer.start()
        var endpoint = FunctionDefinition()
        endpoint.body = "<Response/>"
        let url = server.register(service: "bench", functions: ["/hook": endpoint]) + "/hook"
        var sids = SIDGenerator(seed: 1)
        let parameters = WebhookParameters.incomingMessage(accountSid: sids.next(.account), messageSid: sids.next(.message),
                                                           from: "+14155550100", to: "+14155550199", body: "Benchmark")
        print("== webhooks: signed, journaled deliveries vs wrk (POST, same body, \(Int(seconds)) s each)")
        let wrkSequential = try await wrk(url: url, connections: 1, threads: 1, body: FormEncoding.encode(parameters.map { ($0.name, $0.value) }))
        let wrkParallel = try await wrk(url: url, connections: 16, threads: 2, body: FormEncoding.encode(parameters.map { ($0.name, $0.value) }))
        let journalPath = FileManager.default.temporaryDirectory.appendingPathComponent("bench-journal.jsonl").path
        let journal = try TrafficJournal(path: journalPath)
        let client = WebhookClient(configuration: .init(authToken: "bench-token"), journal: journal)
        let request = WebhookRequest(url: url, parameters: parameters, kind: .incomingMessage, event: "SM0",
                                     idempotencyToken: "t", time: 0)
        _ = await client.deliver(request)
        let rawSequential = await rawClient(url: url, inFlight: 1)
        let rawParallel = await rawClient(url: url, inFlight: 16)
        let sequential = await deliveries(client: client, request: request, inFlight: 1)
        let parallel = await deliveries(client: client, request: request, inFlight: 16)
        await client.shutdown()
        await server.stop()
        let lines = (try? String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n").count) ?? 0
        for (name, ours, raw, reference) in [("sequential", sequential, rawSequential, wrkSequential),
                                             ("16 in flight", parallel, rawParallel, wrkParallel)] {
            print("\(name): switchboard \(format(ours)) deliveries/s, bare AsyncHTTPClient \(format(raw)) requests/s, "
                + "wrk \(format(reference)) requests/s; ratio to wrk \(format(ours / reference, 2)) "
                + "(bare client \(format(raw / reference, 2)))")
        }
        print("journal: \(lines) lines written to \(journalPath)")
    }

    /// Signed, classified, journaled deliveries per second with `inFlight` concurrent senders.
    private static func deliveries(client: WebhookClient, request: WebhookRequest, inFlight: Int) async -> Double {
        await throughput(inFlight: inFlight, seconds: seconds) {
            if case .success = await client.deliver(request).result { return true }
            return false
        }
    }

    /// The same POSTs through a bare AsyncHTTPClient configured as `WebhookClient` configures
    /// it (timeouts, pool), with no signing, classification or journal: the library's share.
    private static func rawClient(url: String, inFlight: Int) async -> Double {
        var settings = HTTPClient.Configuration()
        settings.timeout = .init(connect: .seconds(5), read: .seconds(15))
        settings.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: settings)
        let result = await throughput(inFlight: inFlight, seconds: seconds) {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: "Body=Benchmark"))
            guard let response = try? await http.execute(request, timeout: .seconds(15)) else { return false }
            return (try? await response.body.collect(upTo: 65_536)) != nil
        }
        try? await http.shutdown()
        return result
    }

    private static func wrk(url: String, connections: Int, threads: Int, body: String) async throws -> Double {
        try await Wrk.post(url, body: body, connections: connections, threads: threads, seconds: seconds)
    }
}
