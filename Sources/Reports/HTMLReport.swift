import Foundation
import Platform
import Scenario
import Traffic

/// `report.html`: one self-contained page (no network, no external assets) a reviewer clicks
/// through: a summary, filters, and for each scenario its failures (expected against actual),
/// its source with the failing lines marked, a sequence diagram of its traffic, and every
/// exchange expandable.
///
/// Written as the run goes, front to back: the page's head first, each scenario as it finishes,
/// the header with the counts last (CSS shows it on top). A scenario's sequence diagram and
/// exchanges travel as JSON (its journal lines, as the run's journal got them) and are drawn by
/// the page's script when their section opens, as Playwright's report does: the browser builds
/// only what someone opens, and what an app returned only ever reaches the page as text. The
/// Content Security Policy runs only the page's own script (a per-report nonce).
public enum HTMLReport {
    /// A fresh nonce for the page's script.
    static func nonce() -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(random.next() as UInt32, radix: 16) }.joined()
    }

    /// The page up to its first scenario.
    static func head(nonce: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-\(nonce)'">
        <title>Switchboard report</title><style>\(style)</style></head><body><main>

        """
    }

    /// How many scenarios the page shows at a time; the others are a click on "next" away.
    static let pageSize = 200
    /// Above this many files the file filter is left out (a list that long is no filter; the
    /// name filter finds a file's scenarios).
    static let largestFileFilter = 500

    /// The page after its last scenario: the header (summary and filters), the script.
    static func tail(_ results: [ScenarioResult], duration: Double, startedAt: Date, version: String, notRun: Int?, nonce: String)
        -> String {
        let passed = ResultTally(results).passed
        var (files, services) = (Set<String>(), Set<String>())
        for index in results.indices where !files.contains(results[index].file) {
            files.insert(results[index].file)
            services.insert(service(results[index].file))
        }
        return """
        </main><header><h1>Switchboard <span class="version">\(Markup.escape(version))</span></h1>
        <p class="counts"><span class="ok">\(passed) passed</span> · <span class="bad">\(results.count - passed) failed</span> · \(results.count) scenarios · \(Decimals.format(duration, digits: 2)) s · \(Markup.escape(ISO8601DateFormatter().string(from: startedAt)))</p>
        <div class="filters"><label><input type="checkbox" id="failed-only"\(passed < results.count ? " checked" : "")> failed only</label>
        <select id="status"><option value="">all outcomes</option><option>passed</option><option>failed</option><option>runtime-error</option><option>file-error</option><option>skipped</option></select>
        <select id="order"><option value="file">in file order</option><option value="slowest">slowest first</option></select>
        <select id="service"><option value="">all services</option>\(services.sorted().map { "<option>\(Markup.escape($0))</option>" }.joined())</select>
        \(files.count > largestFileFilter ? "" : "<select id=\"file\"><option value=\"\">all files</option>" + files.sorted().map { "<option>\(Markup.escape($0))</option>" }.joined() + "</select>")
        <input type="search" id="search" placeholder="filter by name"> <span id="shown"></span>
        <button type="button" id="previous" hidden>‹ previous</button> <button type="button" id="next" hidden>next ›</button></div>\(notRun.map { "<p class=\"incomplete\">Incomplete run: interrupted; \($0) scenario(s) did not run.</p>" } ?? "")</header>
        <script nonce="\(nonce)">\(script)</script></body></html>

        """
    }

    /// The folder a scenario file is in (`messaging` for `Scenarios/messaging/a.yaml`): the service it covers.
    private static func service(_ file: String) -> String {
        let path = file.utf8
        guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { return "scenarios" }
        let folder = path[..<slash]
        let start = folder.lastIndex(of: UInt8(ascii: "/")).map(folder.index(after:)) ?? folder.startIndex
        return start == slash ? "scenarios" : String(decoding: path[start..<slash], as: UTF8.self)
    }

    /// One scenario's part of the page (written as the scenario finishes), appended to `page`;
    /// its exchanges are embedded as its journal lines.
    /// `hidden` for a scenario past the first page: the browser does not lay out what it does not
    /// show, so a page of 100,000 scenarios opens as fast as one of a few hundred.
    static func scenario(_ result: ScenarioResult, source text: String?, journalLines lines: UnsafeBufferPointer<UInt8>, hidden: Bool = false,
                         into page: inout ByteWriter) {
        let failed = result.status.isFailure
        if hidden { page.append("<details hidden") } else { page.append("<details") }
        page.append(failed ? " class=\"scenario failed\" data-status=\"" : " class=\"scenario passed\" data-status=\"")
        page.append(result.status.rawValue)
        page.append("\" data-duration=\"")
        page.append(Decimals.format(result.duration, digits: 4))
        page.append("\" data-file=\"")
        page.append(Markup.escape(result.file))
        page.append("\" data-service=\"")
        page.append(Markup.escape(service(result.file)))
        page.append("\" data-name=\"")
        page.append(Markup.escape(result.name))
        // Its journal name is its anchor: report.html#s-0007-… opens it.
        if let anchor = result.journal {
            page.append("\" id=\"s-")
            page.append(Markup.escape(anchor))
        }
        page.append(failed ? "\" open><summary><span class=\"mark\">✘</span> " : "\"><summary><span class=\"mark\">✔</span> ")
        page.append(Markup.escape(result.name))
        if let anchor = result.journal {
            page.append(" <a class=\"anchor\" href=\"#s-")
            page.append(Markup.escape(anchor))
            page.append("\" title=\"a link to this scenario\">#</a>")
        }
        page.append(" <span class=\"where\">")
        TextReport.location(result.location, into: &page, escapingMarkup: true)
        page.append("</span> <span class=\"meta\">")
        page.append(Decimals.format(result.duration, digits: 3))
        page.append(" s · ")
        page.append(decimal: result.webhooks)
        page.append(" webhooks · ")
        page.append(virtualTime(result.virtualSeconds))
        page.append(" virtual</span></summary>")
        if failed { page.append(failureDetails(result, source: text)) }
        section("Platform notices", result.notices, open: failed, into: &page)
        section("Calls", result.calls, open: failed, into: &page)
        section("Proxy sessions", result.sessions, open: failed, into: &page)
        appOutput(result, open: failed, into: &page)
        let open: StaticString = failed ? " open>" : ">"
        // A result read back from a shard's results.json has its webhooks, not its timeline.
        let conversation = result.conversation.isEmpty ? ConversationLine.webhooks(of: result.traffic) : result.conversation
        if !conversation.isEmpty {
            page.append("<details class=\"section lazy\" data-render=\"sequence\"")
            page.append(open)
            page.append("<summary>Sequence</summary>")
            var json = JSONWriter(capacity: conversation.count * 128)
            for line in conversation {
                json.beginObject()
                json.field("time", line.time)
                json.field("from", line.from.rawValue)
                json.field("to", line.to.rawValue)
                json.field("style", line.style.rawValue)
                json.field("label", line.label)
                if line.failed { json.field("failed", true) }
                json.endObject()
                json.endLine()
            }
            json.withBytes { appendDataBlock($0, to: &page) }
            page.append("</details>")
        }
        if !lines.isEmpty {
            page.append("<details class=\"section lazy\" data-render=\"exchanges\"")
            page.append(open)
            page.append("<summary>Exchanges (")
            page.append(decimal: result.exchanges.count)
            page.append(")</summary>")
            appendDataBlock(lines, to: &page)
            page.append("</details>")
        }
        page.append("</details>\n")
    }

    /// Expected and actual as markup, the part where they differ marked in each (`<del>` in
    /// the expected, `<ins>` in the actual): what they share at the start and the end is plain.
    static func differences(_ expected: String, _ actual: String) -> (expected: String, actual: String) {
        let (left, right) = (Array(expected), Array(actual))
        var prefix = 0
        while prefix < min(left.count, right.count), left[prefix] == right[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(left.count, right.count) - prefix, left[left.count - 1 - suffix] == right[right.count - 1 - suffix] { suffix += 1 }
        func marked(_ characters: [Character], _ tag: String) -> String {
            let middle = String(characters[prefix..<(characters.count - suffix)])
            return Markup.escape(String(characters[..<prefix])) + (middle.isEmpty ? "" : "<\(tag)>\(Markup.escape(middle))</\(tag)>")
                + Markup.escape(String(characters[(characters.count - suffix)...]))
        }
        return (marked(left, "del"), marked(right, "ins"))
    }

    /// A list of a scenario's lines (notices, calls, sessions) under `title`, if it has any.
    private static func section(_ title: String, _ lines: [String], open: Bool, into page: inout ByteWriter) {
        guard !lines.isEmpty else { return }
        page.append("<details class=\"section\"\(open ? " open" : "")><summary>\(title) (\(lines.count))</summary><ul class=\"lines\">"
            + lines.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></details>")
    }

    /// What the app under test wrote while the scenario ran, stderr marked, if Switchboard started it.
    private static func appOutput(_ result: ScenarioResult, open: Bool, into page: inout ByteWriter) {
        guard !result.appOutput.isEmpty else { return }
        page.append("<details class=\"section\"\(open ? " open" : "")><summary>App output (\(result.appOutput.count) lines)</summary><pre class=\"app-output\">")
        for line in result.appOutput {
            page.append(line.stream == .stderr ? "<span class=\"error\">" + Markup.escape(line.text) + "</span>\n" : Markup.escape(line.text) + "\n")
        }
        page.append("</pre></details>")
    }

    /// A scenario's error, its failures (expected against actual) and, when its file could be
    /// read, its source with the failing lines marked.
    private static func failureDetails(_ result: ScenarioResult, source text: String?) -> String {
        var html = ""
        if let error = result.error { html += "<p class=\"error\">\(Markup.escape(error))</p>" }
        for failure in result.failures {
            html += "<div class=\"failure\"><p class=\"what\"><code>\(Markup.escape(failure.location.description))</code> "
                + "\(Markup.escape(failure.summary))</p><div class=\"compare\">"
            let (expected, actual) = differences(failure.expected, failure.actual)
            html += "<div><h4>expected</h4><pre>\(expected)</pre></div><div><h4>actual</h4><pre>\(actual)</pre></div></div>"
            if let exchange = failure.exchange {
                html += "<h4>exchange</h4><pre class=\"exchange\">\(Markup.escape(exchange))</pre>"
                if let index = failure.exchangeIndex, let anchor = result.journal, index < result.exchanges.count {
                    html += "<p><a class=\"to-exchange\" href=\"#x-\(Markup.escape(anchor))-\(index)\">show it among the exchanges</a></p>"
                }
            }
            if !failure.entries.isEmpty {
                html += "<h4>looked at</h4><pre class=\"entries\">\(Markup.escape(failure.entries.joined(separator: "\n")))</pre>"
            }
            if let hint = failure.hint { html += "<h4>hint</h4><p class=\"hint\">\(Markup.escape(hint))</p>" }
            html += "</div>"
        }
        if let text {
            html += source(text, marked: Set(result.failures.map(\.location.line) + (result.status == .fileError ? [result.location.line] : [])),
                           start: result.location.line)
        }
        return html
    }

    /// JSON lines (each ending in a newline) as a data block the page's script reads: one
    /// array. Every `<` is written `\u003c` (in JSON it only occurs inside strings), so nothing
    /// an app returned can close the block or open a tag.
    static func appendDataBlock(_ buffer: UnsafeBufferPointer<UInt8>, to page: inout ByteWriter) {
        page.append("<script type=\"application/json\">[")
        if let base = buffer.baseAddress {
            let end = base + max(0, buffer.count - 1)  // the last newline: the array closes there
            // libc's memchr looks at many bytes an instruction; `<` and newlines are few.
            func next(_ byte: UInt8, from start: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
                memchr(start, Int32(byte), end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
            }
            var runStart = base
            var nextAngle = next(UInt8(ascii: "<"), from: base)
            var nextNewline = next(0x0A, from: base)
            while nextAngle < end || nextNewline < end {
                let special = min(nextAngle, nextNewline)
                page.append(UnsafeBufferPointer(start: runStart, count: special - runStart))
                if special == nextAngle {
                    page.append(#"\u003c"#)
                    nextAngle = next(UInt8(ascii: "<"), from: special + 1)
                } else {
                    page.append(UInt8(ascii: ","))
                    nextNewline = next(0x0A, from: special + 1)
                }
                runStart = special + 1
            }
            page.append(UnsafeBufferPointer(start: runStart, count: end - runStart))
        }
        page.append("]</script>")
    }

    /// Virtual time as the summary line shows it: `42s`, `3m5s`, `2h10m`, `31d4h`.
    static func virtualTime(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e15 else { return seconds > 0 ? "more than 10^15 s" : "0s" }
        if seconds < 60 { return "\(Int(seconds))s" }
        if seconds < 3_600 { return "\(Int(seconds / 60))m\(Int(seconds) % 60)s" }
        if seconds < 86_400 { return "\(Int(seconds / 3_600))h\(Int(seconds) % 3_600 / 60)m" }
        return "\(Int(seconds / 86_400))d\(Int(seconds) % 86_400 / 3_600)h"
    }

    /// A failed scenario's file with its failing lines marked (open); a long file (a big table)
    /// shows the lines around the scenario and the marks only.
    private static func source(_ text: String, marked: Set<Int>, start: Int) -> String {
        var html = "<details class=\"section\" open><summary>Scenario source</summary><pre class=\"source\">"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let focus = marked.union([start])
        let shown: (Int) -> Bool = { number in lines.count <= 400 || focus.contains { abs($0 - number) <= 15 } }
        var skipped = false
        for (index, line) in lines.enumerated() {
            let number = index + 1
            guard shown(number) else {
                if !skipped { html += "<span class=\"line\"><span class=\"number\">…</span></span>" }
                skipped = true
                continue
            }
            skipped = false
            let classes = (marked.contains(number) ? "bad" : "") + (number == start ? " start" : "")
            html += "<span class=\"line \(classes)\"><span class=\"number\">\(number)</span>\(Markup.escape(String(line)))</span>"
        }
        return html + "</pre></details>"
    }

    /// The page's style sheet (Resources/report.css).
    static let style = resource("report.css")

    /// The page's script (Resources/report.js): the filters and paging, and the lazy sections:
    /// a section's JSON is drawn (sequence diagram, exchanges with TwiML highlighted) the first
    /// time it is open. Everything from the data is set as text, never as markup.
    static let script = resource("report.js").replacingOccurrences(of: "__PAGE_SIZE__", with: String(pageSize))

    /// A file of the module's resources, as text.
    private static func resource(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil), let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("the report's \(name) is missing from Switchboard's resources (\(Bundle.module.bundlePath))") }
        return text
    }
}
