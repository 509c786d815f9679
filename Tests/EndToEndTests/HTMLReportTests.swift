import Foundation
import Testing

/// The Chromium binary, when the machine has one (Debian's `chromium` package).
let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }

/// report.html opened in a real headless browser: it loads with no console messages, its own
/// script runs, a failing scenario's details are there, and a hostile app body stays text.
@Suite(.enabled(if: chromium != nil, "needs Chromium (apt-get install chromium)"))
struct HTMLReportTests {
    @Test func theReportLoadsCleanlyAndHostileBodiesStayInert() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("html-\(UUID().uuidString)")
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
        let reports = folder.appendingPathComponent("reports")
        #expect(try await SwitchboardProcess.run(["run", folder.path, "--reports", reports.path]).status == 4)
        let page = reports.appendingPathComponent("report.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("<script>document") && !html.contains("<img") && !html.contains("<link"), "nothing external, nothing injected")

        let browser = try await ChildProcess.run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000",
            "--dump-dom", page.absoluteString,
        ])
        #expect(browser.status == 0)
        let dom = browser.stdout
        #expect(dom.contains("<title>Switchboard report</title>"), "a hostile body must not change the page")
        #expect(dom.contains("id=\"shown\">1 shown<"), "the report's own script ran: failed only is on, one scenario shown")
        #expect(dom.contains("message \"never sent\" sent at least once"))
        #expect(dom.contains("class=\"line bad\""), "the failing line of the scenario source is marked")
        #expect(dom.contains("<svg class=\"sequence\""))
        let console = browser.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
    }
}
