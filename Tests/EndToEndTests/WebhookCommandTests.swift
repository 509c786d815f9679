import Foundation
import TestSupport
import Testing

/// `switchboard webhook|sign|verify|journal har`, run as a process against real servers.
@Suite struct WebhookCommandTests {
    @Test func smsWebhookPrintsTheExchangeAndExitsZero() async throws {
        let server = try await ScriptedServer.start { _ in ScriptedServer.twiml("<Response><Message>Pong</Message></Response>") }
        defer { Task { await server.stop() } }
        let journal = Scratch.path("wh").appendingPathExtension("jsonl").path
        let result = try await SwitchboardProcess.run(["webhook", "sms", server.baseURL + "/sms", "--token", "tok",
                                                 "--param", "Body=Ping", "--journal", journal, "--seed", "7"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("→ POST \(server.baseURL)/sms"))
        #expect(result.stdout.contains("    Body=Ping"))
        #expect(result.stdout.contains("result: TwiML with 1 verb(s): Message"))
        let received = try #require(server.requests.first)
        let names = received.bodyText.split(separator: "&").map { $0.split(separator: "=")[0] }
        for name in ["MessageSid", "SmsSid", "SmsMessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "NumSegments",
                     "SmsStatus", "ApiVersion", "ToCountry", "FromCountry"] {
            #expect(names.contains(Substring(name)), "missing \(name)")
        }
        let har = try await SwitchboardProcess.run(["journal", "har", journal])
        #expect(har.status == 0)
        let log = try JSONSerialization.jsonObject(with: Data(har.stdout.utf8)) as? [String: Any]
        #expect(((log?["log"] as? [String: Any])?["entries"] as? [Any])?.count == 1)
    }

    @Test func failedDeliveryExitsThreeAndBadTwiMLExitsFour() async throws {
        let server = try await ScriptedServer.start { request in
            request.target == "/broken" ? ScriptedServer.twiml("<Response><Say>") : ScriptedServer.response(status: 503, reason: "Unavailable")
        }
        defer { Task { await server.stop() } }
        let unavailable = try await SwitchboardProcess.run(["webhook", "voice", server.baseURL + "/down", "--token", "t"])
        #expect(unavailable.status == 3)
        #expect(unavailable.stdout.contains("result: failed with 11200"))
        let broken = try await SwitchboardProcess.run(["webhook", "voice", server.baseURL + "/broken", "--token", "t"])
        #expect(broken.status == 4)
        #expect(broken.stdout.contains("twiml:1:"))
        #expect(broken.stdout.contains("error 12100"))
    }

    @Test func cookieJarCarriesTheSessionAcrossRuns() async throws {
        let server = try await ScriptedServer.start { request in
            ScriptedServer.response(headers: [("Content-Type", "text/xml"), ("Set-Cookie", "sid=\(request.header("Cookie") == nil ? "new" : "old")")],
                                    body: "<Response/>")
        }
        defer { Task { await server.stop() } }
        let jar = Scratch.path("jar").appendingPathExtension("json").path
        for _ in 0..<2 {
            #expect(try await SwitchboardProcess.run(["webhook", "sms", server.baseURL + "/sms", "--cookie-jar", jar]).status == 0)
        }
        #expect(server.requests.map { $0.header("Cookie") } == [nil, "sid=new"])
        let status = try await SwitchboardProcess.run(["webhook", "status", server.baseURL + "/status", "--cookie-jar", jar])
        #expect(status.status == 0)
        #expect(server.requests.last?.header("Cookie") == nil, "cookies are never sent with status callbacks")
        #expect(server.requests.last?.bodyText.contains("MessageStatus=delivered") == true)
    }

    @Test func signAndVerify() async throws {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        let parameters = ["CallSid=CA1234567890ABCDE", "Caller=+14158675309", "Digits=1234", "From=+14158675309", "To=+18005551212"]
        let sign = try await SwitchboardProcess.run(["sign", "--token", "12345", url] + parameters)
        #expect(sign.status == 0)
        #expect(sign.stdout == "RSOYDt4T1cUTdK1PDd93/VVr8B8=\n")
        // Without --token, the token the app's own environment has.
        let fromEnvironment = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                         ["TWILIO_AUTH_TOKEN=12345", SwitchboardProcess.binary.path, "sign", url] + parameters)
        #expect(fromEnvironment.stdout == sign.stdout)
        let noToken = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                 ["-u", "TWILIO_AUTH_TOKEN", SwitchboardProcess.binary.path, "sign", url] + parameters)
        #expect(noToken.status == 1 && noToken.stderr.contains("give --token, or set TWILIO_AUTH_TOKEN"))
        let valid = try await SwitchboardProcess.run(["verify", "--token", "12345", "--signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url] + parameters)
        #expect(valid.status == 0 && valid.stdout == "valid\n")
        let scheme = try await SwitchboardProcess.run(["verify", "--token", "12345", "--signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                                                 "http://mycompany.com/myapp.php?foo=1&bar=2"] + parameters)
        #expect(scheme.status == 4)
        #expect(scheme.stdout.contains("scheme"))
        let token = try await SwitchboardProcess.run(["verify", "--token", "54321", "--signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", url] + parameters)
        #expect(token.status == 4)
        #expect(token.stdout.contains("auth token"))
        let body = try SwitchboardProcess.temporaryFile(#"{"property": "value", "boolean": true}"#, name: "body.json")
        let json = try await SwitchboardProcess.run(["sign", "--token", "12345", "--json-body", body, url])
        #expect(json.stdout == "a9nBmqA0ju/hNViExpshrM61xv4=\n")
    }
}
