import Foundation
import FrontDoor
import Platform
@testable import Reports
import Scenario
import TestSupport
import Testing
import Traffic
import TwiML
import Webhooks

/// The reports read back: JUnit XML parsed by libxml2 (with its XPath), results.json by
/// Foundation's decoder, hostile text escaped.
@Suite struct ReportTests {
    static let location = SourceLocation(file: "Scenarios/messaging/a.yaml", line: 3, column: 1)
    static let hostile = "<script>alert(1)</script> & \u{1}\u{8} ]]> \"quotes\""

    static let results = [
        ScenarioResult(name: "passes", file: "Scenarios/messaging/a.yaml", location: location, status: .passed, failures: [],
                       error: nil, duration: 0.012, webhooks: 1, virtualSeconds: 10,
                       traffic: [TrafficLine(time: 0, purpose: "incoming-message", method: "POST", url: "http://x/sms", status: 200,
                                             errorCode: nil)], journal: nil),
        ScenarioResult(name: "fails \(hostile)", file: "Scenarios/messaging/a.yaml", location: location, status: .failed,
                       failures: [ExpectationFailure(location: SourceLocation(file: "Scenarios/messaging/a.yaml", line: 9, column: 5),
                                                     summary: "message sent", expected: "Hi", actual: hostile, exchange: "POST x → 200 " + hostile)],
                       error: nil, duration: 0.02, webhooks: 1, virtualSeconds: 0, traffic: [], journal: nil),
        ScenarioResult(name: "broken.yaml", file: "Scenarios/broken.yaml", location: SourceLocation(file: "Scenarios/broken.yaml", line: 4, column: 5),
                       status: .fileError, failures: [], error: "Scenarios/broken.yaml:4:5: error: unknown key", duration: 0, webhooks: 0,
                       virtualSeconds: 0, traffic: [], journal: nil),
    ]

    /// The app's output shows in the HTML report (escaped, stderr marked) and the text report.
    @Test func theAppsOutputIsShownEscapedInBothReports() {
        var result = Self.results[1]
        result.appOutput = [AppLog.Line(time: 1, stream: .stdout, text: "sms from +1555"),
                            AppLog.Line(time: 2, stream: .stderr, text: "RuntimeError: <script>alert(1)</script>")]
        var page = ByteWriter()
        [UInt8]().withUnsafeBufferPointer { HTMLReport.scenario(result, source: nil, journalLines: $0, into: &page) }
        let html = page.withBytes { String(decoding: $0, as: UTF8.self) }
        #expect(html.contains("<summary>App output (2 lines)</summary>"))
        #expect(html.contains("<span class=\"error\">RuntimeError: &lt;script&gt;alert(1)&lt;/script&gt;</span>"))
        #expect(!html.contains("<script>alert"))
        var text = ByteWriter()
        TextReport.part(result, into: &text)
        let report = text.withBytes { String(decoding: $0, as: UTF8.self) }
        #expect(report.contains("      | sms from +1555\n      ! RuntimeError: <script>alert(1)</script>\n"))
    }

    /// The data a scenario's lazy sections carry: nothing in it can close its script block or
    /// open a tag, and it reads back as the exchanges it came from.
    @Test func exchangesTravelAsDataThatCannotBreakOutOfTheirBlock() throws {
        let body = "</script><script>alert(1)</script><!-- \u{2028} \"q\" \\"
        let exchange = try JSONDecoder().decode(Exchange.self, from: Data(#"""
        {"event":"SM1","kind":"incoming-message","role":"primary","attempt":1,"hop":0,"time":0,
         "request":{"method":"POST","url":"http://x/sms","headers":[],"body":"From=%2B1"},
         "response":{"status":200,"headers":[],"body":\#(String(decoding: try JSONEncoder().encode(body), as: UTF8.self)),"bodySize":9,"truncated":false},
         "durationMilliseconds":1.5,"outcome":"ok"}
        """#.utf8))
        var result = Self.results[1]
        result.exchanges = [exchange, exchange]
        var page = ByteWriter()
        TrafficJournal.lines(result.exchanges).withUnsafeBufferPointer { HTMLReport.scenario(result, source: nil, journalLines: $0, into: &page) }
        let html = page.withBytes { String(decoding: $0, as: UTF8.self) }
        #expect(html.contains("<summary>Exchanges (2)</summary>"))
        let blocks = html.components(separatedBy: "<script type=\"application/json\">").dropFirst().map { $0.components(separatedBy: "</script>")[0] }
        #expect(blocks.count == 1, "traffic is empty, so one block: the exchanges")
        #expect(!blocks[0].contains("<"))
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(blocks[0].utf8)) as? [[String: Any]])
        #expect(lines.count == 2 && lines.allSatisfy { ($0["response"] as? [String: Any])?["body"] as? String == body })
    }

    @Test func junitIsWellFormedAndCountsRight() throws {
        let xml = JUnitReport.render(Self.results, duration: 0.5, timestamp: Date(timeIntervalSince1970: 0))
        let document = try TwiMLDocument.parse(xml).get()
        #expect(try document.xpath("count(//testsuite)").text == "2")
        #expect(try document.xpath("count(//testcase)").text == "3")
        #expect(try document.xpath("string(/testsuites/@failures)").text == "1")
        #expect(try document.xpath("string(/testsuites/@errors)").text == "1")
        #expect(try document.xpath("count(//testcase/failure)").text == "1")
        #expect(try document.xpath("count(//testcase/error)").text == "1")
        #expect(try document.xpath("string(//testcase[1]/system-out)").text.contains("incoming-message POST http://x/sms → 200"))
        let failure = try document.xpath("string(//failure)").text
        #expect(failure.contains("<script>alert(1)</script>"), "escaped in the file, restored by the parser")
        #expect(!xml.contains("<script>"))
        #expect(!xml.contains("\u{1}"))
        #expect(try document.xpath("string(//testcase[1]/@classname)").text == "Scenarios.messaging.a")
        #expect(try document.xpath("string(//testcase[1]/@file)").text == Self.results[0].file)
        #expect(try document.xpath("string(//testcase[1]/@line)").text == String(Self.results[0].location.line))
        #expect(JUnitReport.classname("./x.y/.hidden") == "..x.y..hidden" && JUnitReport.classname("a/b.c.yml") == "a.b.c")
    }

    /// The rules of the common JUnit schema (Jenkins xunit's junit-10.xsd): the attributes and
    /// children each element may have, and the form of `time`; plus a test case's `file` and
    /// `line`, the extension pytest and Playwright write and GitLab and GitHub's annotators read.
    static let junitRules: [String: (attributes: Set<String>, required: Set<String>, children: Set<String>)] = [
        "testsuites": (["name", "time", "tests", "failures", "errors"], [], ["testsuite"]),
        "testsuite": (["name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package",
                       "file", "log", "url"], ["name", "tests", "failures", "errors"], ["testsuite", "properties", "testcase", "system-out", "system-err"]),
        "testcase": (["name", "time", "classname", "group", "file", "line"], ["name"], ["skipped", "error", "failure", "system-out", "system-err"]),
        "failure": (["type", "message"], [], []), "error": (["type", "message"], [], []), "skipped": (["type", "message"], [], []),
        "system-out": ([], [], []), "system-err": ([], [], []),
    ]

    @Test func expectedAndActualMarkWhereTheyDiffer() {
        #expect(HTMLReport.differences("Hello Bob", "Hello Rob") == ("Hello <del>B</del>ob", "Hello <ins>R</ins>ob"))
        #expect(HTMLReport.differences("same", "same") == ("same", "same"))
        #expect(HTMLReport.differences("ab", "abc") == ("ab", "ab<ins>c</ins>"))
        #expect(HTMLReport.differences("<a>", "<b>") == ("&lt;<del>a</del>&gt;", "&lt;<ins>b</ins>&gt;"), "the text escaped, the marks not")
        #expect(HTMLReport.differences("aXa", "aa") == ("a<del>X</del>a", "aa"), "a shared prefix and suffix never overlap")
    }

    @Test func junitFollowsTheCommonSchema() throws {
        for notRun in [nil, 2] as [Int?] {
            let document = try TwiMLDocument.parse(JUnitReport.render(Self.results, duration: 1234.5, timestamp: Date(), notRun: notRun)).get()
            #expect(document.root.name == "testsuites")
            var pending = [document.root]
            while let element = pending.popLast() {
                let rule = try #require(Self.junitRules[element.name], "unexpected element <\(element.name)>")
                let names = Set(element.attributes.map(\.name))
                #expect(names.isSubset(of: rule.attributes), "<\(element.name)> has \(names.subtracting(rule.attributes))")
                #expect(rule.required.isSubset(of: names), "<\(element.name)> lacks \(rule.required.subtracting(names))")
                for child in element.children {
                    #expect(rule.children.contains(child.name), "<\(child.name)> inside <\(element.name)>")
                }
                if let time = element.attribute("time"), element.name != "testcase" {
                    #expect(time.wholeMatch(of: /(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?/) != nil, "time \(time)")
                }
                pending += element.children
            }
        }
    }

    @Test func resultsJSONCarriesEveryResult() throws {
        let data = ResultsJSON.render(Self.results, duration: 0.5, startedAt: Date(timeIntervalSince1970: 0), version: "test")
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary == ["total": 3, "passed": 1, "failed": 1, "fileErrors": 1, "runtimeErrors": 0, "skipped": 0])
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["status"] as? String } == ["passed", "failed", "file-error"])
        let failure = try #require((scenarios[1]["failures"] as? [[String: Any]])?.first)
        #expect(failure["line"] as? Int == 9 && failure["actual"] as? String == Self.hostile)
    }

    @Test func textAndMarkdown() {
        let text = TextReport.render(Self.results, duration: 0.5)
        #expect(text.contains("PASS  passes"))
        #expect(text.contains("✗ Scenarios/messaging/a.yaml:9:5  message sent"))
        #expect(text.hasSuffix("1 passed, 2 failed in 0.500 s\n"))
        #expect(!text.contains("\u{1B}["))
        let markdown = MarkdownSummary.render(Self.results, duration: 0.5)
        #expect(markdown.hasPrefix("## Switchboard: ❌ 2 of 3 scenarios failed"))
        #expect(markdown.contains("| 1 | 1 | 1 | 2 | 0.500 s |"))
    }

    /// What an app answered or a file named reaches neither a terminal as escape sequences nor
    /// the Markdown summary as HTML.
    @Test func controlCharactersAndMarkupFromAppsAreShownNotObeyed() {
        let escapes = "\u{1B}[2J\u{1B}]0;owned\u{7}\u{0}\u{9B}31m"
        let result = ScenarioResult(name: "name \(escapes) <img src=x onerror=alert(1)>", file: "a.yaml", location: Self.location,
                                    status: .failed,
                                    failures: [ExpectationFailure(location: Self.location, summary: "answer", expected: "Hi", actual: escapes,
                                                                  exchange: "POST x → 200 " + escapes)],
                                    error: nil, duration: 0.02, webhooks: 1, virtualSeconds: 0, traffic: [], journal: nil)
        let text = TextReport.render([result], duration: 0.1)
        for raw in ["\u{1B}", "\u{7}", "\u{0}", "\u{9B}"] { #expect(!text.contains(raw), "\(raw.unicodeScalars.first!.value) written raw") }
        #expect(text.contains("\\u{1b}[2J") && text.contains("\\u{9b}31m"))
        let markdown = MarkdownSummary.render([result], duration: 0.1)
        #expect(!markdown.contains("<img") && markdown.contains("&lt;img") && !markdown.contains("\u{1B}"))
        #expect(ControlCharacters.escape("plain\ttext\nand more") == "plain\ttext\nand more")
    }

    @Test func noticesCallPathsAndSessionsAreShownAndSurviveAMerge() throws {
        var result = Self.results[0]
        result.notices = ["+0s 80913 the out-of-session callback failed " + Self.hostile]
        result.calls = ["+15558675310 → +14155550100 (inbound) completed, 9 s: Say \"Hi\" → Hangup"]
        result.sessions = ["ride-42 closed (ttl): +14155550001 via +14155551000; 1 interaction"]
        let text = TextReport.render([result], duration: 0.5)
        #expect(text.contains("    ! +0s 80913 the out-of-session callback failed"))
        #expect(text.contains("    ☎ +15558675310 → +14155550100 (inbound) completed, 9 s: Say \"Hi\" → Hangup"))
        var page = ByteWriter()
        TrafficJournal.lines(result.exchanges).withUnsafeBufferPointer { HTMLReport.scenario(result, source: nil, journalLines: $0, into: &page) }
        let html = page.withBytes { String(decoding: $0, as: UTF8.self) }
        #expect(html.contains("Platform notices (1)") && html.contains("Calls (1)") && html.contains("Proxy sessions (1)"))
        #expect(text.contains("    ⇄ ride-42 closed (ttl): +14155550001 via +14155551000; 1 interaction"))
        #expect(!html.contains("<script>alert"), "a notice is escaped")
        let data = ResultsJSON.render([result], duration: 0.5, startedAt: Date(timeIntervalSince1970: 0), version: "test")
        let back = try ResultsJSON.read(data).results[0]
        #expect(back.notices == result.notices && back.calls == result.calls && back.sessions == result.sessions)
    }

    @Test func tapHasAPlanAPointPerScenarioAndYAMLDiagnostics() {
        let tap = TAPReport.render(Self.results, notRun: 2)
        let lines = tap.split(separator: "\n").map(String.init)
        #expect(lines.prefix(3) == ["TAP version 14", "1..3", "ok 1 - Scenarios/messaging/a.yaml: passes"])
        #expect(lines.contains { $0.hasPrefix("not ok 2 - Scenarios/messaging/a.yaml: fails <script>") && !$0.hasSuffix("# file-error") })
        #expect(lines.contains("not ok 3 - Scenarios/broken.yaml: broken.yaml # file-error"))
        #expect(lines.contains("  expected: \"Hi\""))
        #expect(lines.contains { $0.hasPrefix("  actual: \"<script>alert(1)<\\/script>") || $0.hasPrefix("  actual: \"<script>alert(1)</script>") })
        #expect(!tap.contains("\u{1}"), "control characters are escaped in the diagnostics")
        #expect(lines.last == "Bail out! The run was interrupted; 2 scenario(s) did not run.")
    }

    /// Scenarios finish in any order, and each one's part of a summary report is kept as it
    /// finishes: the reports list them in file order (rows in table order), the same bytes as
    /// the reports of the sorted results written in one go.
    @Test func summaryReportsOfScenariosFinishedOutOfOrderAreInFileOrder() throws {
        let results = (0..<6).map { row in
            let file = row < 4 ? "Scenarios/a.yaml" : "Scenarios/b.yaml"
            let failures = row == 2 ? [ExpectationFailure(location: SourceLocation(file: file, line: 20, column: 5), summary: "message sent",
                                                          expected: "Hi", actual: Self.hostile, exchange: nil)] : []
            return ScenarioResult(name: "row \(row)", file: file, location: SourceLocation(file: file, line: 3 + row, column: 1),
                                  status: failures.isEmpty ? .passed : .failed, failures: failures, error: nil, duration: 0.001 * Double(row),
                                  webhooks: 1, virtualSeconds: 1,
                                  traffic: [TrafficLine(time: 0, purpose: "incoming-message", method: "POST", url: "http://x/sms?row=\(row)&a=<b>",
                                                        status: 200, errorCode: nil)], journal: nil)
        }
        let folder = Scratch.path("report-stream").path
        let stream = try ReportStream(folder: folder, reporters: [.junit, .json, .text, .tap], version: "test", trafficFiles: .none, journal: false)
        try stream.add([results[4], results[1]])
        try stream.add([results[5], results[0], results[3], results[2]])
        let start = Date(timeIntervalSince1970: 0)
        try stream.finish(duration: 0.5, startedAt: start)
        let written = { (name: String) in try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name))) }
        #expect(try written("junit.xml") == Data(JUnitReport.render(results, duration: 0.5, timestamp: start).utf8))
        #expect(try written("results.json") == ResultsJSON.render(results, duration: 0.5, startedAt: start, version: "test"))
        #expect(try written("report.tap") == Data(TAPReport.render(results).utf8))
        let text = try String(decoding: written("report.txt"), as: UTF8.self)
        #expect(text == TextReport.render(results, duration: 0.5))
        let places = (0..<6).map { text.range(of: "row \($0)  (")?.lowerBound }
        #expect(places.allSatisfy { $0 != nil } && places == places.sorted { $0! < $1! })
    }

    /// Results go to the writer's queue in batches of 32; `finish` writes what is left: 70
    /// results are two batches and six more, all in the reports, in their order. An earlier
    /// run's file of a report written is removed at the start; one of a report not chosen stays.
    @Test func aReportWriterWritesEveryResultItIsGiven() throws {
        let folder = Scratch.path("report-writer").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for reporter in [Reporter.tap, .junit] { try Data("earlier run".utf8).write(to: URL(fileURLWithPath: ReportStream.path(of: reporter, in: folder))) }
        let writer = ReportWriter(try ReportStream(folder: folder, reporters: [.tap], version: "test", trafficFiles: .none, journal: false))
        #expect(!FileManager.default.fileExists(atPath: ReportStream.path(of: .tap, in: folder)))
        #expect(FileManager.default.contents(atPath: ReportStream.path(of: .junit, in: folder)) == Data("earlier run".utf8))
        let results = (0..<70).map { row in
            ScenarioResult(name: "row \(row)", file: "Scenarios/a.yaml", location: SourceLocation(file: "Scenarios/a.yaml", line: 3 + row, column: 1),
                           status: .passed, failures: [], error: nil, duration: 0, webhooks: 0, virtualSeconds: 0, traffic: [], journal: nil)
        }
        for result in results { writer.add(result) }
        try writer.finish(duration: 1, startedAt: Date(), notRun: nil)
        let tap = try String(contentsOfFile: ReportStream.path(of: .tap, in: folder), encoding: .utf8)
        #expect(tap == TAPReport.render(results))
        #expect(tap.contains("1..70\n") && tap.contains("ok 70 - "))
    }
}
