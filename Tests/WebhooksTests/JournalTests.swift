import Foundation
import TestSupport
import Testing
import Traffic
import Webhooks

@Suite struct JournalTests {
    @Test func integersAreWrittenAsTheirDigits() throws {
        for value in [0, 7, -1, 10, 200, 1_234_567_890, Int.max, Int.min] {
            var json = JSONWriter()
            json.beginObject()
            json.field("n", value)
            json.endObject()
            #expect(String(decoding: json.bytes, as: UTF8.self) == "{\"n\":\(value)}")
        }
    }

    /// Numbers read back as the same `Double`; whole ones (timestamps) are written as Swift
    /// writes them, without a String.
    @Test func doublesReadBackUnchanged() throws {
        for value in [0, 1, -1, 1_767_225_600, 3.2731969999999997, 0.1, 1e14, 1e15, 1e16, -2.5, 123_456_789.125] {
            var json = JSONWriter()
            json.beginObject()
            json.field("n", value)
            json.endObject()
            let text = String(decoding: json.bytes, as: UTF8.self)
            #expect(text == "{\"n\":\(value)}")
            // JSONDecoder, as the journal's reader (Foundation's JSONSerialization loses the last digit).
            let back = try JSONDecoder().decode([String: Double].self, from: Data(json.bytes))
            #expect(back["n"] == value, "\(text)")
        }
    }

    /// Strings written by the byte-level JSON writer read back unchanged, whatever falls where
    /// in its eight-byte steps: controls, quotes, backslashes, U+2028/U+2029 (escaped, so a line
    /// is valid JavaScript) and other characters whose UTF-8 starts like them (€ is E2 82 AC).
    @Test func stringsSurviveTheJSONWriter() throws {
        let pieces = ["a", "€", "\u{2028}", "\u{2029}", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "é", "日本", "\u{7F}", " ", "0123456", "</script>"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let json = JSONWriter.object([("k", text)])
            #expect(!json.contains("\u{2028}") && !json.contains("\u{2029}") && !json.contains("\n"))
            let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
            #expect(back?["k"] == text, "\(json)")
        }
        // A long body that is mostly escapes: the writer grows many times over as it goes.
        let long = String(repeating: "\"\u{1}\n€\u{2028}a", count: 20_000)
        let back = try JSONSerialization.jsonObject(with: Data(JSONWriter.object([("k", long)]).utf8)) as? [String: String]
        #expect(back?["k"] == long)
    }

    @Test func everyExchangeIsALineAndExportsToHAR() async throws {
        let path = Scratch.path("journal").appendingPathExtension("jsonl").path
        let journal = try TrafficJournal(path: path)
        try await withServer({ request in
            request.target == "/a"
                ? ScriptedServer.response(status: 302, reason: "Found", headers: [("Location", "/b")])
                : ScriptedServer.twiml("<Response><Message>\"quoted\" \\ and\ttab</Message></Response>")
        }) { server in
            _ = await withClient(journal: journal) { await $0.deliver(makeRequest(server.baseURL + "/a")) }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any]) }
        let exchanges = try TrafficJournal.read(path: path)
        #expect(exchanges.map(\.outcome) == ["redirect", "ok"])
        #expect(exchanges[1].response?.body.contains("\"quoted\" \\ and\ttab") == true)
        #expect(exchanges[0].request.headers.contains { $0.name == "X-Twilio-Signature" })

        let har = try JSONSerialization.jsonObject(with: HARExport.export(exchanges, creatorVersion: "test")) as? [String: Any]
        let log = try #require(har?["log"] as? [String: Any])
        #expect(log["version"] as? String == "1.2")
        let entries = try #require(log["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        let response = try #require(entries[0]["response"] as? [String: Any])
        #expect(response["status"] as? Int == 302)
        #expect(response["redirectURL"] as? String == "/b")
        let request = try #require(entries[1]["request"] as? [String: Any])
        #expect(request["method"] as? String == "GET")
        let post = try #require(entries[0]["request"] as? [String: Any])
        let params = try #require((post["postData"] as? [String: Any])?["params"] as? [[String: String]])
        #expect(params.first?["name"] == "MessageSid")

        // The compact writer gives the same document as Foundation's encoder.
        let compact = try JSONSerialization.jsonObject(with: HARExport.export(exchanges, creatorVersion: "test", pretty: false))
        #expect((compact as? NSDictionary) == (har as NSDictionary?))
    }

    @Test func aTruncatedLastLineIsSkippedOnRead() throws {
        let path = Scratch.path("journal").appendingPathExtension("jsonl").path
        try Data("{\"broken\":".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try TrafficJournal.read(path: path).isEmpty)
    }
}
