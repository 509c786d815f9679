import Foundation
import TestSupport
import Testing

/// The Chromium binary, when the machine has one (Debian's `chromium` package).
let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }

/// report.html opened in a real headless browser: it loads with no console messages, its own
/// script runs, a failing scenario's details are there (its sequence diagram and exchanges drawn
/// from the page's data, TwiML laid out and highlighted), and a hostile app body stays text.
@Suite(.enabled(if: chromium != nil, "needs Chromium (apt-get install chromium)"))
struct HTMLReportTests {
    @Test func theReportLoadsCleanlyAndHostileBodiesStayInert() async throws {
        let folder = Scratch.path("html")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RunCommandTests.scenarios.appendingPathComponent("messaging/auto-reply.yaml"),
                                         to: folder.appendingPathComponent("auto-reply.yaml"))
        try Data(#"""
        name: Hostile app
        functions:
          /sms: {body: "<script>document.title='pwned'</script><img src=x onerror=alert(1)> \x01 ]]>", status: 500}
        numbers: [{number: "+14155550100", sms_url: "{{functions}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: "<script>alert(2)</script>"}}]
        expect: [{message: {body: never sent}}]
        """#.utf8).write(to: folder.appendingPathComponent("hostile.yaml"))
        try Data(#"""
        name: Wrong reply
        functions:
          /sms: {twiml: "<Response><Message to=\"+15558675310\">Hi &amp; bye</Message><Redirect method='GET'/></Response>"}
        numbers: [{number: "+14155550100", sms_url: "{{functions}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: "hello"}}]
        expect: [{message: {body: Bye}}]
        """#.utf8).write(to: folder.appendingPathComponent("wrong-reply.yaml"))
        let reports = folder.appendingPathComponent("reports")
        #expect(try await SwitchboardProcess.run(["run", folder.path, "--reports", reports.path]).status == 4)
        let page = reports.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("<script>document") && !html.contains("<img") && !html.contains("<link"), "nothing external, nothing injected")
        #expect(html.contains(#"\u003cscript>document.title"#), "the exchanges travel as data, every < escaped")

        let browser = try await ChildProcess.run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000",
            "--dump-dom", page.absoluteString,
        ])
        #expect(browser.status == 0)
        let dom = browser.stdout
        #expect(dom.contains("<title>Switchboard report</title>"), "a hostile body must not change the page")
        #expect(dom.contains("id=\"shown\">2 shown<"), "the report's own script ran: failed only is on, two scenarios shown")
        #expect(dom.contains("message \"never sent\" sent at least once"))
        #expect(dom.contains("class=\"line bad\""), "the failing line of the scenario source is marked")
        #expect(dom.components(separatedBy: "<svg class=\"sequence\"").count == 3, "a diagram for each failed scenario, drawn by the script")
        #expect(dom.contains("class=\"label\">500 · 11200</text>"), "the failed answer on the diagram")
        // The whole conversation: the inbound SMS, the webhook, the reply, its status changes.
        #expect(dom.contains("class=\"label\">SMS from +15558675310: \"hello\"</text>"), "the inbound message on the diagram")
        #expect(dom.contains("class=\"label\">SMS to +15558675310: \"Hi &amp; bye\"</text>"), "the reply on the diagram")
        #expect(dom.contains("delivered</text>") && dom.contains("class=\"note failed\">error 11200"), "status changes and errors as notes")
        #expect(dom.contains("<summary>Exchanges (3)</summary><script type=\"application/json\">"), "a passed scenario's exchanges wait until opened")
        // The hostile body: its markup is text in the highlighted TwiML.
        #expect(dom.contains(#"<pre class="twiml"><span class="tag">&lt;script&gt;</span><span class="text">document.title='pwned'</span>"#))
        #expect(dom.contains("<tr><th>Body</th><td>&lt;script&gt;alert(2)&lt;/script&gt;</td></tr>"), "form parameters decoded, as text")
        // The TwiML reply: one element per line, indented, attribute names and values in spans.
        let twiml = try #require(dom.components(separatedBy: "<pre class=\"twiml\">").dropFirst().first { $0.hasPrefix("<span class=\"tag\">&lt;Response") })
        let lines = twiml.components(separatedBy: "</pre>")[0]
            .replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).components(separatedBy: "\n")
        #expect(lines == ["&lt;Response&gt;", "  &lt;Message to=\"+15558675310\"&gt;Hi &amp;amp; bye&lt;/Message&gt;",
                          "  &lt;Redirect method='GET'/&gt;", "&lt;/Response&gt;"], "\(lines)")
        #expect(twiml.contains(#"<span class="attr">method</span>=<span class="value">'GET'</span>"#))
        let console = browser.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")

        // A link with a name filter: matched whatever the case, the other failed scenario hidden.
        let filtered = try await ChildProcess.run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", page.absoluteString + "#q=WRONG",
        ])
        #expect(filtered.stdout.contains("id=\"shown\">1 shown<"), "the name filter from the link")

        // A scenario's own link opens it, even a passed one the "failed only" filter hides.
        #expect(html.contains("<a class=\"anchor\" href=\"#s-0001-auto-reply-to-an-inbound-sms\""))
        let linked = try await ChildProcess.run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom",
            page.absoluteString + "#s-0001-auto-reply-to-an-inbound-sms",
        ])
        #expect(linked.stdout.contains("id=\"shown\">1 shown<"), "only the linked scenario shown")
        #expect(linked.stdout.contains("id=\"s-0001-auto-reply-to-an-inbound-sms\" open=\"\""), "the linked scenario open")
        #expect(html.contains("<select id=\"status\">") && html.contains("<option value=\"slowest\">slowest first</option>"))
        // Expected against actual with their difference marked; each exchange's duration a bar.
        #expect(html.contains("<h4>expected</h4><pre><del>at least once</del></pre>") && html.contains("<h4>actual</h4><pre><ins>0 matching;"))
        #expect(dom.contains("<span class=\"bar\" style=\"width: 80px;\"></span>"), "the longest exchange of a scenario has the full bar")
        // A failure links to the exchange behind it, drawn with that id among the exchanges.
        #expect(dom.contains("<a class=\"to-exchange\" href=\"#x-0002-hostile-app-0\">show it among the exchanges</a>"))
        #expect(dom.contains("<details class=\"exchange failed\" id=\"x-0002-hostile-app-0\">"), "the exchange has the id the link names")
    }

    /// A long run's page shows a page of 200 scenarios at a time: the rest are hidden in the markup
    /// already (the browser lays out only what it shows), and "next" is there to page on.
    @Test func aLongRunIsShownAPageAtATime() async throws {
        let folder = Scratch.path("html-pages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let total = 230
        for index in 0..<total {
            try Data("""
            name: Reply \(index)
            functions: {/sms: {body: "Thanks"}}
            numbers: [{number: "+14155550100", sms_url: "{{functions}}/sms"}]
            steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
            """.utf8).write(to: folder.appendingPathComponent(String(format: "s%03d.yaml", index)))
        }
        let reports = folder.appendingPathComponent("reports")
        #expect(try await SwitchboardProcess.run(["run", folder.path, "--reports", reports.path, "--reporter", "html"]).status == 0)
        let page = reports.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<details hidden class=\"scenario").count - 1 == total - 200)
        let browser = try await ChildProcess.run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", page.absoluteString,
        ])
        #expect(browser.stdout.contains("id=\"shown\">1–200 of \(total) shown<"), "\(browser.stdout.suffix(600))")
        #expect(browser.stdout.components(separatedBy: "<details class=\"scenario").count - 1 == 200)
        let second = try await ChildProcess.run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", page.absoluteString + "#q=Reply 22",
        ])
        #expect(second.stdout.contains("id=\"shown\">11 shown<"), "Reply 22 and Reply 220–229, on one page")
    }
}
