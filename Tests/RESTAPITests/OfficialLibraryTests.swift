import Foundation
import Platform
@testable import RESTAPI
import Simulator
import Testing
import TwiML
import Webhooks

/// The REST API over real HTTP: pagination followed to the end, the credentials, the answers'
/// shapes; and the official Python helper library (when installed) used unmodified against it.
@Suite struct OfficialLibraryTests {
    /// A world whose webhooks answer nothing: these tests are about the API alone.
    final class NoWebhooks: WebhookDelivering {
        func deliver(_ request: WebhookRequest, fallback: (url: String, method: HTTPMethod)?, context: DeliveryContext?) async -> DeliveryOutcome {
            DeliveryOutcome(exchanges: [], result: .success(.empty), primaryFailure: nil, finalURL: request.url)
        }
    }

    static let testAccount = "AC" + String(repeating: "9", count: 32)

    /// A world with one number, served by a fresh server; its gate open for the API.
    static func serve() async throws -> (RESTServer, World, APIClient, Int) {
        var configuration = WorldConfiguration()
        configuration.numbers = [NumberConfiguration(number: "+14155550100")]
        configuration.stream = "rest-tests"
        // Whoever the app calls answers and, at a <Record>, speaks for 3 seconds.
        var callee = PartyRule(ringTime: 2)
        callee.script.actions = [.record(length: 3, key: nil, transcript: nil)]
        configuration.parties = [callee]
        configuration.testCredentials = TestCredentials(accountSid: testAccount, authToken: "test-token")
        let world = World(configuration: configuration, webhooks: NoWebhooks())
        let server = try await RESTServer.start()
        let number = server.directory.register(world)
        world.gate.leave()
        return (server, world, APIClient(port: server.port), number)
    }

    static func json(_ body: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    @Test func pagesOfTheListWalkToTheEndAndCredentialsAreChecked() async throws {
        let (server, world, client, number) = try await Self.serve()
        let account = world.accountSid.description
        let token = WorldConfiguration.defaultAuthToken
        for index in 0..<120 {
            let call = RESTCall(method: "POST", url: "/2010-04-01/Accounts/\(account)/Messages.json",
                                parameters: [("To", "+15558675310"), ("From", "+14155550100"), ("Body", "message \(index)")])
            let (status, _) = await client.send(call, user: account, password: token, world: number)
            #expect(status == 201)
        }
        var next: String? = "/2010-04-01/Accounts/\(account)/Messages.json?PageSize=50"
        var sizes: [Int] = []
        var bodies: [String] = []
        while let uri = next {
            let (status, body) = await client.send(RESTCall(method: "GET", url: uri), user: account, password: token, world: number)
            #expect(status == 200)
            let page = try Self.json(body)
            // Exactly the paging keys and one list key, or the Python library finds no records.
            #expect(Set(page.keys) == ["first_page_uri", "end", "previous_page_uri", "messages", "uri", "page_size", "start", "next_page_uri", "page"])
            let messages = try #require(page["messages"] as? [[String: Any]])
            sizes.append(messages.count)
            bodies += messages.compactMap { $0["body"] as? String }
            next = page["next_page_uri"] as? String
        }
        #expect(sizes == [50, 50, 20])
        #expect(Set(bodies).count == 120)
        #expect(bodies.first == "message 119", "newest first")
        let wrong = await client.send(RESTCall(method: "GET", url: "/2010-04-01/Accounts/\(account)/Messages.json"),
                                      user: account, password: "not-the-token", world: number)
        #expect(wrong.status == 401)
        #expect(try Self.json(wrong.body)["code"] as? Int == 20003)
        let unknown = await client.send(RESTCall(method: "GET", url: "/2010-04-01/Accounts/\(account)/Messages/SM0.json"),
                                        user: account, password: token, world: number)
        #expect(unknown.status == 404)
        for index in 0..<3 {
            _ = await client.send(RESTCall(method: "POST", url: "https://messaging.twilio.com/v1/Services", parameters: [("FriendlyName", "s\(index)")]),
                                  user: account, password: token, world: number)
        }
        let (_, services) = await client.send(RESTCall(method: "GET", url: "https://messaging.twilio.com/v1/Services?PageSize=2"),
                                              user: account, password: token, world: number)
        let meta = try #require(try Self.json(services)["meta"] as? [String: Any])
        // Absolute URLs on the request's own host: page two never goes to the real platform.
        #expect((meta["next_page_url"] as? String)?.hasPrefix("http://127.0.0.1:\(server.port)/messaging.twilio.com/v1/Services?") == true)
        #expect(meta["key"] as? String == "services")
        await world.gate.enter()
        #expect(world.listedMessages.count == 120)
        world.gate.leave()
        await client.shutdown()
        await server.stop()
    }

    static let script = #"""
import json, sys
from twilio.rest import Client
port, sid, token = sys.argv[1], sys.argv[2], sys.argv[3]
client = Client(sid, token)
for domain in ("api", "messaging", "proxy"):
    getattr(client, domain).base_url = f"http://127.0.0.1:{port}/{domain}.twilio.com"
out = {}
sent = [client.messages.create(to="+15558675310", from_="+14155550100", body=f"hello {i}") for i in range(3)]
out["status"] = sent[0].status
out["dated"] = all(m.date_created is not None and m.date_created.year == 2026 for m in sent)
out["listed"] = [m.body for m in client.messages.list(page_size=2, limit=3)]
number = client.incoming_phone_numbers.create(phone_number="+14155550199", sms_url="https://example.com/sms")
out["number"] = number.sms_url
service = client.messaging.v1.services.create(friendly_name="alerts")
client.messaging.v1.services(service.sid).phone_numbers.create(phone_number_sid=number.sid)
out["pool"] = [p.phone_number for p in client.messaging.v1.services(service.sid).phone_numbers.list()]
proxy = client.proxy.v1.services.create(unique_name="rides")
client.proxy.v1.services(proxy.sid).phone_numbers.create(phone_number="+14155550100")
session = client.proxy.v1.services(proxy.sid).sessions.create(unique_name="ride-1", ttl=3600)
rider = client.proxy.v1.services(proxy.sid).sessions(session.sid).participants.create(identifier="+15558675310")
out["proxy"] = rider.proxy_identifier
out["session_created"] = session.date_created is not None
for name in ("ride-2", "ride-3"):
    client.proxy.v1.services(proxy.sid).sessions.create(unique_name=name)
out["sessions"] = sorted(s.unique_name for s in client.proxy.v1.services(proxy.sid).sessions.list(page_size=1))
try:
    client.messages.create(to="+15558675310", from_="+14155559999", body="x")
except Exception as error:
    out["error"] = getattr(error, "code", None)
print(json.dumps(out))
"""#

    @Test func theOfficialPythonLibraryWorksUnmodified() async throws {
        guard (try? await offThePool { try Self.python(["-c", "import twilio.rest"]) })?.status == 0 else { return }  // not installed here
        let (server, world, client, _) = try await Self.serve()
        await client.shutdown()
        let arguments = ["-c", Self.script, String(server.port), world.accountSid.description, WorldConfiguration.defaultAuthToken]
        let result = try await offThePool { try Self.python(arguments) }
        #expect(result.status == 0, "\(result.output)")
        let out = try Self.json(result.output.split(separator: "\n").last.map(String.init) ?? "")
        #expect(out["status"] as? String == "queued")
        #expect(out["dated"] as? Bool == true, "2010 dates read as datetimes")
        #expect(out["listed"] as? [String] == ["hello 2", "hello 1", "hello 0"])
        #expect(out["number"] as? String == "https://example.com/sms")
        #expect(out["pool"] as? [String] == ["+14155550199"])
        #expect(out["proxy"] as? String == "+14155550100")
        #expect(out["session_created"] as? Bool == true, "v1 dates read as datetimes")
        #expect(out["sessions"] as? [String] == ["ride-1", "ride-2", "ride-3"], "v1 pages followed through meta.next_page_url")
        #expect(out["error"] as? Int == 21606)
        await server.stop()
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
