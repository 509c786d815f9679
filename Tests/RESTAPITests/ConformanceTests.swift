import Foundation
import OpenAPIKit30
@testable import RESTAPI
import Simulator
import Testing

/// Every emulated operation, sent its success and its error cases over HTTP, answers as the
/// platform's OpenAPI description says: the status is one the operation declares (or an error
/// with the platform's error body), and the body fits the response schema with every property
/// the schema lists.
@Suite struct ConformanceTests {
    /// The operations of one description, by `operationId`, read on a thread of their own.
    static func operations(_ file: String) async throws -> [String: DereferencedOperation] {
        try await offThePool { Handed(value: try readOperations(file)) }.value
    }

    private static func readOperations(_ file: String) throws -> [String: DereferencedOperation] {
        let url = try #require(Bundle.module.url(forResource: "OpenAPI/\(file)", withExtension: "json"))
        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(contentsOf: url)).locallyDereferenced()
        var operations: [String: DereferencedOperation] = [:]
        for route in document.routes {
            for endpoint in route.pathItem.endpoints {
                if let id = endpoint.operation.operationId { operations[id] = endpoint.operation }
            }
        }
        return operations
    }

    static let descriptions: [PlatformHost.Product: String] = [.api: "twilio_api_v2010", .messaging: "twilio_messaging_v1", .proxy: "twilio_proxy_v1",
                                                               .conversations: "twilio_conversations_v1", .serverless: "twilio_serverless_v1"]

    /// Sends requests, checks each answer against its operation, and keeps the tally.
    final class Checker {
        let client: APIClient
        let user: String
        let password: String
        let world: Int
        let operations: [PlatformHost.Product: [String: DereferencedOperation]]
        var answered: [String: (successes: Int, errors: Int)] = [:]
        var failures: [String] = []

        init(client: APIClient, user: String, password: String, world: Int,
             operations: [PlatformHost.Product: [String: DereferencedOperation]]) {
            self.client = client
            self.user = user
            self.password = password
            self.world = world
            self.operations = operations
        }

        /// Sends a request expected to answer `status`; returns the answer.
        @discardableResult
        /// `files`: sent as `multipart/form-data`; `schemaOf`: an operation of the description and
        /// a status whose schema the answer is checked against, for an operation the description
        /// lacks (the Serverless upload API's).
        func send(_ product: PlatformHost.Product, _ operationId: String, _ method: String, _ url: String, _ parameters: [(String, String)] = [],
                  files: [(name: String, file: UploadedFile)] = [], schemaOf: (operation: String, status: Int)? = nil,
                  status expected: Int) async -> JSONValue {
            var call = RESTCall(method: method, url: url, parameters: parameters)
            call.files = files
            let (status, body) = await client.send(call, user: user, password: password, world: world)
            let label = "\(operationId) \(method) \(url) → \(status)"
            let described = product == .serverlessUpload ? PlatformHost.Product.serverless : product
            guard let operation = operations[described]?[schemaOf?.operation ?? operationId] else {
                failures.append("\(label): no operation \(operationId) in the description")
                return .null
            }
            if status != expected { failures.append("\(label): expected \(expected); \(body.prefix(300))") }
            let schemaStatus = status < 400 ? schemaOf?.status ?? status : status
            let declared = operation.responses[.status(code: schemaStatus)]
            if status == 204 || (declared != nil && declared?.content.isEmpty == true) {
                if !body.isEmpty { failures.append("\(label): a body where the operation declares none") }
                if declared == nil { failures.append("\(label): \(status) is not a status the operation declares") }
            } else if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8)) {
                var check = SchemaCheck()
                if status >= 400 {
                    check.check(json, against: Self.errorSchema)
                } else if let response = operation.responses[.status(code: schemaStatus)],
                          let schema = response.content[.json]?.schema {
                    check.check(json, against: schema)
                } else {
                    failures.append("\(label): \(status) is not a status the operation declares")
                }
                failures += check.problems.map { "\(label): \($0)" }
                failures += check.missing.filter { !Self.knownOmissions(operationId, $0) }.map { "\(label): missing \($0)" }
            } else {
                failures.append("\(label): the body is not JSON: \(body.prefix(200))")
            }
            if status < 400 { answered[operationId + "@" + product.rawValue, default: (0, 0)].successes += 1 }
            else { answered[operationId + "@" + product.rawValue, default: (0, 0)].errors += 1 }
            return (try? JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))) ?? .null
        }

        /// Fields the description lists that the platform does not send, as its own examples and
        /// the reference show: AvailablePhoneNumbers answers without paging fields.
        static func knownOmissions(_ operation: String, _ field: String) -> Bool {
            operation.hasPrefix("ListAvailablePhoneNumber")
                && ["$.first_page_uri", "$.next_page_uri", "$.previous_page_uri", "$.page", "$.page_size", "$.start", "$.end"].contains(field)
        }

        /// The platform's error body: `code`, `message`, `more_info`, `status`, all required.
        static let errorSchema: DereferencedJSONSchema = {
            let schema = JSONSchema.object(properties: [
                "code": .integer, "message": .string, "more_info": .string(format: .other("uri")), "status": .integer,
            ])
            return try! schema.dereferenced(in: .noComponents)
        }()
    }

    @Test func everyEmulatedOperationAnswersAsTheDescriptionSays() async throws {
        var operations: [PlatformHost.Product: [String: DereferencedOperation]] = [:]
        for (product, file) in Self.descriptions { operations[product] = try await Self.operations(file) }
        let (server, world, client, number) = try await OfficialLibraryTests.serve()
        let account = world.accountSid.description
        let checker = Checker(client: client, user: account, password: WorldConfiguration.defaultAuthToken, world: number, operations: operations)
        let base = "/2010-04-01/Accounts/\(account)"
        let unknown = String(repeating: "0", count: 32)

        // Messages and their media.
        let message = await checker.send(.api, "CreateMessage", "POST", base + "/Messages.json",
                                         [("To", "+15558675310"), ("From", "+14155550100"), ("Body", "hi"), ("MediaUrl", "https://example.com/cat.jpg")], status: 201)
        await checker.send(.api, "CreateMessage", "POST", base + "/Messages.json", [("From", "+14155550100"), ("Body", "hi")], status: 400)
        let messageSid = try #require(message["sid"]?.text)
        await checker.send(.api, "ListMessage", "GET", base + "/Messages.json?PageSize=1", status: 200)
        await checker.send(.api, "ListMessage", "GET", base + "/Messages.json?PageSize=0", status: 400)
        await checker.send(.api, "FetchMessage", "GET", base + "/Messages/\(messageSid).json", status: 200)
        await checker.send(.api, "FetchMessage", "GET", base + "/Messages/SM\(unknown).json", status: 404)
        let media = await checker.send(.api, "ListMedia", "GET", base + "/Messages/\(messageSid)/Media.json", status: 200)
        await checker.send(.api, "ListMedia", "GET", base + "/Messages/SM\(unknown)/Media.json", status: 404)
        guard case .array(let items) = media["media_list"] ?? .null, let mediaSid = items.first?["sid"]?.text else {
            Issue.record("no media listed")
            return
        }
        await checker.send(.api, "FetchMedia", "GET", base + "/Messages/\(messageSid)/Media/\(mediaSid).json", status: 200)
        await checker.send(.api, "FetchMedia", "GET", base + "/Messages/\(messageSid)/Media/ME\(unknown).json", status: 404)
        await checker.send(.api, "DeleteMedia", "DELETE", base + "/Messages/\(messageSid)/Media/\(mediaSid).json", status: 204)
        await checker.send(.api, "DeleteMedia", "DELETE", base + "/Messages/\(messageSid)/Media/\(mediaSid).json", status: 404)
        await checker.send(.api, "DeleteMessage", "DELETE", base + "/Messages/\(messageSid).json", status: 409)
        await checker.send(.api, "UpdateMessage", "POST", base + "/Messages/\(messageSid).json", [("Body", "")], status: 200)
        await checker.send(.api, "UpdateMessage", "POST", base + "/Messages/\(messageSid).json", [("Body", "new text")], status: 400)

        // Calls.
        let call = await checker.send(.api, "CreateCall", "POST", base + "/Calls.json",
                                      [("To", "+15558675310"), ("From", "+14155550100"), ("Url", "https://example.com/voice")], status: 201)
        await checker.send(.api, "CreateCall", "POST", base + "/Calls.json", [("To", "+15558675310"), ("From", "+14155550100")], status: 400)
        let callSid = try #require(call["sid"]?.text)
        await checker.send(.api, "ListCall", "GET", base + "/Calls.json", status: 200)
        await checker.send(.api, "ListCall", "GET", base + "/Calls.json?PageSize=2000", status: 400)
        await checker.send(.api, "FetchCall", "GET", base + "/Calls/\(callSid).json", status: 200)
        await checker.send(.api, "FetchCall", "GET", base + "/Calls/CA\(unknown).json", status: 404)
        await checker.send(.api, "UpdateCall", "POST", base + "/Calls/\(callSid).json", [("Twiml", "<Response><Say>Hi</Say></Response>")], status: 200)
        await checker.send(.api, "UpdateCall", "POST", base + "/Calls/\(callSid).json", [("Status", "busy")], status: 400)
        await checker.send(.api, "DeleteCall", "DELETE", base + "/Calls/\(callSid).json", status: 409)
        let recorded = await checker.send(.api, "CreateCall", "POST", base + "/Calls.json",
                                          [("To", "+15558675310"), ("From", "+14155550100"),
                                           ("Twiml", #"<Response><Record maxLength="10" action="https://example.com/recorded"/></Response>"#)], status: 201)
        let recordedCall = try #require(recorded["sid"]?.text)

        // The clock moves: the message is delivered, the call ends.
        await world.gate.enter()
        await world.settle()
        world.gate.leave()
        await checker.send(.api, "DeleteMessage", "DELETE", base + "/Messages/\(messageSid).json", status: 204)
        await checker.send(.api, "DeleteCall", "DELETE", base + "/Calls/\(callSid).json", status: 204)
        await checker.send(.api, "UpdateCall", "POST", base + "/Calls/CA\(unknown).json", [("Status", "completed")], status: 404)

        // Recordings the calls made.
        let recordings = await checker.send(.api, "ListRecording", "GET", base + "/Recordings.json", status: 200)
        await checker.send(.api, "ListRecording", "GET", base + "/Recordings.json?PageSize=0", status: 400)
        guard case .array(let made) = recordings["recordings"] ?? .null, let recordingSid = made.first?["sid"]?.text else {
            Issue.record("no recording listed: \(checker.failures)")
            return
        }
        await checker.send(.api, "FetchRecording", "GET", base + "/Recordings/\(recordingSid).json", status: 200)
        await checker.send(.api, "FetchRecording", "GET", base + "/Recordings/RE\(unknown).json", status: 404)
        await checker.send(.api, "ListCallRecording", "GET", base + "/Calls/\(recordedCall)/Recordings.json", status: 200)
        await checker.send(.api, "ListCallRecording", "GET", base + "/Calls/CA\(unknown)/Recordings.json", status: 404)
        await checker.send(.api, "FetchCallRecording", "GET", base + "/Calls/\(recordedCall)/Recordings/\(recordingSid).json", status: 200)
        await checker.send(.api, "FetchCallRecording", "GET", base + "/Calls/\(recordedCall)/Recordings/RE\(unknown).json", status: 404)
        await checker.send(.api, "DeleteCallRecording", "DELETE", base + "/Calls/\(recordedCall)/Recordings/RE\(unknown).json", status: 404)
        await checker.send(.api, "DeleteCallRecording", "DELETE", base + "/Calls/\(recordedCall)/Recordings/\(recordingSid).json", status: 204)
        await checker.send(.api, "DeleteRecording", "DELETE", base + "/Recordings/\(recordingSid).json", status: 404)

        // Numbers.
        for (operation, path, number) in [("CreateIncomingPhoneNumber", "", "+14155550111"), ("CreateIncomingPhoneNumberLocal", "/Local", "+14155550112"),
                                          ("CreateIncomingPhoneNumberMobile", "/Mobile", "+14155550113"),
                                          ("CreateIncomingPhoneNumberTollFree", "/TollFree", "+18335550114")] {
            await checker.send(.api, operation, "POST", base + "/IncomingPhoneNumbers\(path).json", [("PhoneNumber", number)], status: 201)
            await checker.send(.api, operation, "POST", base + "/IncomingPhoneNumbers\(path).json", [("PhoneNumber", "not a number")], status: 400)
        }
        let numbers = await checker.send(.api, "ListIncomingPhoneNumber", "GET", base + "/IncomingPhoneNumbers.json", status: 200)
        await checker.send(.api, "ListIncomingPhoneNumber", "GET", base + "/IncomingPhoneNumbers.json?PageSize=x", status: 400)
        guard case .array(let owned) = numbers["incoming_phone_numbers"] ?? .null, let numberSid = owned.last?["sid"]?.text,
              let firstNumberSid = owned.first?["sid"]?.text else {
            Issue.record("no numbers listed")
            return
        }
        await checker.send(.api, "FetchIncomingPhoneNumber", "GET", base + "/IncomingPhoneNumbers/\(numberSid).json", status: 200)
        await checker.send(.api, "FetchIncomingPhoneNumber", "GET", base + "/IncomingPhoneNumbers/PN\(unknown).json", status: 404)
        await checker.send(.api, "UpdateIncomingPhoneNumber", "POST", base + "/IncomingPhoneNumbers/\(numberSid).json",
                           [("SmsUrl", "https://example.com/sms")], status: 200)
        await checker.send(.api, "UpdateIncomingPhoneNumber", "POST", base + "/IncomingPhoneNumbers/\(numberSid).json",
                           [("SmsUrl", "not a url")], status: 400)
        for kind in ["Local", "Mobile", "TollFree"] {
            await checker.send(.api, "ListAvailablePhoneNumber\(kind)", "GET", base + "/AvailablePhoneNumbers/US/\(kind).json?PageSize=2", status: 200)
            await checker.send(.api, "ListAvailablePhoneNumber\(kind)", "GET", base + "/AvailablePhoneNumbers/US/\(kind).json",
                               status: 200)
        }
        await checker.send(.api, "DeleteIncomingPhoneNumber", "DELETE", base + "/IncomingPhoneNumbers/PN\(unknown).json", status: 404)

        // Messaging Services.
        let messaging = "https://messaging.twilio.com/v1/Services"
        let service = await checker.send(.messaging, "CreateService", "POST", messaging, [("FriendlyName", "alerts")], status: 201)
        await checker.send(.messaging, "CreateService", "POST", messaging, [], status: 400)
        let serviceSid = try #require(service["sid"]?.text)
        await checker.send(.messaging, "ListService", "GET", messaging, status: 200)
        await checker.send(.messaging, "ListService", "GET", messaging + "?PageSize=0", status: 400)
        await checker.send(.messaging, "FetchService", "GET", messaging + "/\(serviceSid)", status: 200)
        await checker.send(.messaging, "FetchService", "GET", messaging + "/MG\(unknown)", status: 404)
        await checker.send(.messaging, "UpdateService", "POST", messaging + "/\(serviceSid)", [("StickySender", "false")], status: 200)
        await checker.send(.messaging, "UpdateService", "POST", messaging + "/\(serviceSid)", [("StickySender", "maybe")], status: 400)
        await checker.send(.messaging, "CreatePhoneNumber", "POST", messaging + "/\(serviceSid)/PhoneNumbers", [("PhoneNumberSid", numberSid)], status: 201)
        await checker.send(.messaging, "CreatePhoneNumber", "POST", messaging + "/\(serviceSid)/PhoneNumbers", [], status: 400)
        await checker.send(.messaging, "ListPhoneNumber", "GET", messaging + "/\(serviceSid)/PhoneNumbers", status: 200)
        await checker.send(.messaging, "ListPhoneNumber", "GET", messaging + "/MG\(unknown)/PhoneNumbers", status: 404)
        await checker.send(.messaging, "FetchPhoneNumber", "GET", messaging + "/\(serviceSid)/PhoneNumbers/\(numberSid)", status: 200)
        await checker.send(.messaging, "FetchPhoneNumber", "GET", messaging + "/\(serviceSid)/PhoneNumbers/PN\(unknown)", status: 404)
        await checker.send(.messaging, "DeletePhoneNumber", "DELETE", messaging + "/\(serviceSid)/PhoneNumbers/\(numberSid)", status: 204)
        await checker.send(.messaging, "DeletePhoneNumber", "DELETE", messaging + "/\(serviceSid)/PhoneNumbers/\(numberSid)", status: 404)
        await checker.send(.messaging, "DeleteService", "DELETE", messaging + "/\(serviceSid)", status: 204)
        await checker.send(.messaging, "DeleteService", "DELETE", messaging + "/\(serviceSid)", status: 404)

        // Proxy.
        let proxy = "https://proxy.twilio.com/v1/Services"
        let proxyService = await checker.send(.proxy, "CreateService", "POST", proxy, [("UniqueName", "rides"), ("DefaultTtl", "3600")], status: 201)
        await checker.send(.proxy, "CreateService", "POST", proxy, [("UniqueName", "rides")], status: 400)
        let proxySid = try #require(proxyService["sid"]?.text)
        await checker.send(.proxy, "ListService", "GET", proxy, status: 200)
        await checker.send(.proxy, "ListService", "GET", proxy + "?PageSize=0", status: 400)
        await checker.send(.proxy, "FetchService", "GET", proxy + "/\(proxySid)", status: 200)
        await checker.send(.proxy, "FetchService", "GET", proxy + "/KS\(unknown)", status: 404)
        await checker.send(.proxy, "UpdateService", "POST", proxy + "/\(proxySid)", [("GeoMatchLevel", "area-code")], status: 200)
        await checker.send(.proxy, "UpdateService", "POST", proxy + "/\(proxySid)", [("GeoMatchLevel", "planet")], status: 400)
        let pool = await checker.send(.proxy, "CreatePhoneNumber", "POST", proxy + "/\(proxySid)/PhoneNumbers", [("Sid", firstNumberSid)], status: 201)
        await checker.send(.proxy, "CreatePhoneNumber", "POST", proxy + "/\(proxySid)/PhoneNumbers", [], status: 400)
        let poolSid = try #require(pool["sid"]?.text)
        await checker.send(.proxy, "ListPhoneNumber", "GET", proxy + "/\(proxySid)/PhoneNumbers", status: 200)
        await checker.send(.proxy, "ListPhoneNumber", "GET", proxy + "/KS\(unknown)/PhoneNumbers", status: 404)
        await checker.send(.proxy, "FetchPhoneNumber", "GET", proxy + "/\(proxySid)/PhoneNumbers/\(poolSid)", status: 200)
        await checker.send(.proxy, "FetchPhoneNumber", "GET", proxy + "/\(proxySid)/PhoneNumbers/PN\(unknown)", status: 404)
        await checker.send(.proxy, "UpdatePhoneNumber", "POST", proxy + "/\(proxySid)/PhoneNumbers/\(poolSid)", [("IsReserved", "false")], status: 200)
        await checker.send(.proxy, "UpdatePhoneNumber", "POST", proxy + "/\(proxySid)/PhoneNumbers/\(poolSid)", [("IsReserved", "perhaps")], status: 400)
        let sessions = proxy + "/\(proxySid)/Sessions"
        let session = await checker.send(.proxy, "CreateSession", "POST", sessions, [("UniqueName", "ride-1"), ("Mode", "message-only")], status: 201)
        await checker.send(.proxy, "CreateSession", "POST", sessions, [("Mode", "carrier-pigeon")], status: 400)
        let sessionSid = try #require(session["sid"]?.text)
        await checker.send(.proxy, "ListSession", "GET", sessions, status: 200)
        await checker.send(.proxy, "ListSession", "GET", proxy + "/KS\(unknown)/Sessions", status: 404)
        await checker.send(.proxy, "FetchSession", "GET", sessions + "/\(sessionSid)", status: 200)
        await checker.send(.proxy, "FetchSession", "GET", sessions + "/KC\(unknown)", status: 404)
        await checker.send(.proxy, "UpdateSession", "POST", sessions + "/\(sessionSid)", [("Ttl", "600")], status: 200)
        await checker.send(.proxy, "UpdateSession", "POST", sessions + "/\(sessionSid)", [("Status", "asleep")], status: 400)
        let participants = sessions + "/\(sessionSid)/Participants"
        let rider = await checker.send(.proxy, "CreateParticipant", "POST", participants, [("Identifier", "+14155550001")], status: 201)
        await checker.send(.proxy, "CreateParticipant", "POST", participants, [], status: 400)
        await checker.send(.proxy, "CreateParticipant", "POST", participants, [("Identifier", "+14155550002")], status: 201)
        let riderSid = try #require(rider["sid"]?.text, "\(checker.failures.joined(separator: "\n"))")
        await checker.send(.proxy, "ListParticipant", "GET", participants, status: 200)
        await checker.send(.proxy, "ListParticipant", "GET", sessions + "/KC\(unknown)/Participants", status: 404)
        await checker.send(.proxy, "FetchParticipant", "GET", participants + "/\(riderSid)", status: 200)
        await checker.send(.proxy, "FetchParticipant", "GET", participants + "/KP\(unknown)", status: 404)
        let messages = participants + "/\(riderSid)/MessageInteractions"
        let interaction = await checker.send(.proxy, "CreateMessageInteraction", "POST", messages, [("Body", "Your ride is here")], status: 200)
        await checker.send(.proxy, "CreateMessageInteraction", "POST", messages, [], status: 400)
        let interactionSid = try #require(interaction["sid"]?.text)
        await checker.send(.proxy, "ListMessageInteraction", "GET", messages, status: 200)
        await checker.send(.proxy, "ListMessageInteraction", "GET", participants + "/KP\(unknown)/MessageInteractions", status: 404)
        await checker.send(.proxy, "FetchMessageInteraction", "GET", messages + "/\(interactionSid)", status: 200)
        await checker.send(.proxy, "FetchMessageInteraction", "GET", messages + "/KI\(unknown)", status: 404)
        let interactions = sessions + "/\(sessionSid)/Interactions"
        await checker.send(.proxy, "ListInteraction", "GET", interactions, status: 200)
        await checker.send(.proxy, "ListInteraction", "GET", sessions + "/KC\(unknown)/Interactions", status: 404)
        await checker.send(.proxy, "FetchInteraction", "GET", interactions + "/\(interactionSid)", status: 200)
        await checker.send(.proxy, "FetchInteraction", "GET", interactions + "/KI\(unknown)", status: 404)
        await checker.send(.proxy, "DeleteInteraction", "DELETE", interactions + "/\(interactionSid)", status: 204)
        await checker.send(.proxy, "DeleteInteraction", "DELETE", interactions + "/\(interactionSid)", status: 404)
        await checker.send(.proxy, "DeleteParticipant", "DELETE", participants + "/\(riderSid)", status: 200)
        await checker.send(.proxy, "DeleteParticipant", "DELETE", participants + "/KP\(unknown)", status: 404)
        await checker.send(.proxy, "DeleteSession", "DELETE", sessions + "/\(sessionSid)", status: 204)
        await checker.send(.proxy, "DeleteSession", "DELETE", sessions + "/\(sessionSid)", status: 404)
        await checker.send(.proxy, "DeletePhoneNumber", "DELETE", proxy + "/\(proxySid)/PhoneNumbers/\(poolSid)", status: 204)
        await checker.send(.proxy, "DeletePhoneNumber", "DELETE", proxy + "/\(proxySid)/PhoneNumbers/\(poolSid)", status: 404)
        await checker.send(.proxy, "DeleteService", "DELETE", proxy + "/\(proxySid)", status: 204)
        await checker.send(.proxy, "DeleteService", "DELETE", proxy + "/\(proxySid)", status: 404)
        try await Self.exerciseConversations(checker, world: WorldHandle(world: world, number: number))
        try await Self.exerciseServerless(checker, world: WorldHandle(world: world, number: number))
        await checker.send(.api, "DeleteIncomingPhoneNumber", "DELETE", base + "/IncomingPhoneNumbers/\(numberSid).json", status: 204)

        // The test credentials' answers have the same shapes.
        let test = Checker(client: client, user: OfficialLibraryTests.testAccount, password: "test-token", world: number, operations: operations)
        let testBase = "/2010-04-01/Accounts/\(OfficialLibraryTests.testAccount)"
        await test.send(.api, "CreateMessage", "POST", testBase + "/Messages.json", [("To", "+15558675310"), ("From", "+15005550006"), ("Body", "hi")],
                        status: 201)
        await test.send(.api, "CreateMessage", "POST", testBase + "/Messages.json", [("To", "+15005550001"), ("From", "+15005550006")], status: 400)
        await test.send(.api, "CreateCall", "POST", testBase + "/Calls.json", [("To", "+15558675310"), ("From", "+15005550006")], status: 201)
        await test.send(.api, "CreateIncomingPhoneNumber", "POST", testBase + "/IncomingPhoneNumbers.json", [("AreaCode", "500")], status: 201)
        await test.send(.api, "ListMessage", "GET", testBase + "/Messages.json", status: 403)
        #expect(test.failures.isEmpty, "\(test.failures.joined(separator: "\n"))")

        // Every route was sent both kinds of request (AvailablePhoneNumbers, a search, and the
        // account's Conversations configuration and webhooks, singletons, have no error of their own).
        let routes = APIRouter(directory: WorldDirectory()).routes.map { $0.operation + "@" + $0.product.rawValue }
        let answered = checker.answered
        let untried = routes.filter { answered[$0] == nil }
        let errorless = ["FetchConfiguration@conversations", "FetchConfigurationWebhook@conversations"]
        let withoutError = routes.filter { (answered[$0]?.errors ?? 0) == 0 && !$0.hasPrefix("ListAvailablePhoneNumber") && !errorless.contains($0) }
        let requests = answered.values.reduce(0) { $0 + $1.successes + $1.errors }
        print("conformance: \(routes.count) operations emulated, \(routes.count - untried.count) exercised with \(requests) requests, "
              + "\(checker.failures.count) problems")
        #expect(untried.isEmpty, "never sent: \(untried)")
        #expect(withoutError.isEmpty, "never sent an error case: \(withoutError)")
        #expect(checker.failures.isEmpty, "\(checker.failures.joined(separator: "\n"))")
        await client.shutdown()
        await server.stop()
    }

    /// The check itself finds what the description forbids: a wrong type, a 2010 date written
    /// in ISO form, a value outside an enum, a missing field.
    @Test func theCheckCatchesWhatTheDescriptionForbids() async throws {
        let operation = try #require(try await Self.operations("twilio_api_v2010")["FetchMessage"])
        let schema = try #require(operation.responses[.status(code: 200)]?.content[.json]?.schema)
        let answer = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"sid": 5, "date_created": "2026-01-01T00:00:00Z", "status": "lost"}"#.utf8))
        var check = SchemaCheck()
        check.check(answer, against: schema)
        #expect(check.problems.contains { $0.hasPrefix("$.sid: expected a string") })
        #expect(check.problems.contains { $0.hasPrefix("$.date_created:") && $0.contains("date-time-rfc-2822") })
        #expect(check.problems.contains { $0.hasPrefix("$.status: 'lost' is not one of") })
        #expect(check.missing.contains("$.body"))
    }
}
