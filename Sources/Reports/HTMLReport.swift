import Foundation
import Platform
import Scenario
import Webhooks

/// `report.html`: one self-contained page (no network, no external assets) a reviewer clicks
/// through: a summary, filters, and for each scenario its failures (expected against actual),
/// its source with the failing lines marked, a sequence diagram of its traffic, and every
/// exchange expandable. Everything an app returned is escaped, and the page's Content Security
/// Policy runs only its own script (a per-report nonce), so a hostile body cannot run script.
public enum HTMLReport {
    /// What stands before and after the scenarios: the header, the summary and filters, the script.
    static func page(_ results: [ScenarioResult], duration: Double, startedAt: Date, version: String, notRun: Int?)
        -> (head: String, tail: String) {
        var nonceBytes = SystemRandomNumberGenerator()
        let nonce = (0..<4).map { _ in String(nonceBytes.next() as UInt32, radix: 16) }.joined()
        let passed = results.filter { $0.status == .passed }.count
        let files = Array(Set(results.map(\.file))).sorted()
        let services = Array(Set(results.map(service))).sorted()
        let head = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-\(nonce)'">
        <title>Switchboard report</title><style>\(style)</style></head><body>
        <header><h1>Switchboard <span class="version">\(Markup.escape(version))</span></h1>
        <p class="counts"><span class="ok">\(passed) passed</span> · <span class="bad">\(results.count - passed) failed</span> · \(results.count) scenarios · \(String(format: "%.2f", duration)) s · \(Markup.escape(ISO8601DateFormatter().string(from: startedAt)))</p>
        <div class="filters"><label><input type="checkbox" id="failed-only"\(passed < results.count ? " checked" : "")> failed only</label>
        <select id="service"><option value="">all services</option>\(services.map { "<option>\(Markup.escape($0))</option>" }.joined())</select>
        <select id="file"><option value="">all files</option>\(files.map { "<option>\(Markup.escape($0))</option>" }.joined())</select>
        <input type="search" id="search" placeholder="filter by name"> <span id="shown"></span></div>\(notRun.map { "<p class=\"incomplete\">Incomplete run: interrupted; \($0) scenario(s) did not run.</p>" } ?? "")</header><main>

        """
        return (head, "</main><script nonce=\"\(nonce)\">\(script)</script></body></html>\n")
    }

    private static func service(_ result: ScenarioResult) -> String {
        let parts = result.file.split(separator: "/")
        return parts.count >= 2 ? String(parts[parts.count - 2]) : "scenarios"
    }

    /// One scenario's part of the page (written as the scenario finishes).
    static func scenario(_ result: ScenarioResult, source text: String?, exchanges: [Exchange]) -> String {
        let failed = result.status != .passed
        var html = "<details class=\"scenario \(failed ? "failed" : "passed")\" data-status=\"\(result.status.rawValue)\" "
            + "data-file=\"\(Markup.escape(result.file))\" data-service=\"\(Markup.escape(service(result)))\" "
            + "data-name=\"\(Markup.escape(result.name.lowercased()))\"\(failed ? " open" : "")>"
        html += "<summary><span class=\"mark\">\(failed ? "✘" : "✔")</span> \(Markup.escape(result.name)) "
            + "<span class=\"where\">\(Markup.escape(result.location.description))</span> "
            + "<span class=\"meta\">\(String(format: "%.3f", result.duration)) s · \(result.webhooks) webhooks · "
            + "\(Markup.escape(SequenceDiagram.format(result.virtualSeconds))) virtual</span></summary>"
        if let error = result.error { html += "<p class=\"error\">\(Markup.escape(error))</p>" }
        for failure in result.failures {
            html += "<div class=\"failure\"><p class=\"what\"><code>\(Markup.escape(failure.location.description))</code> "
                + "\(Markup.escape(failure.summary))</p><div class=\"compare\"><div><h4>expected</h4><pre>\(Markup.escape(failure.expected))</pre></div>"
                + "<div><h4>actual</h4><pre>\(Markup.escape(failure.actual))</pre></div></div>"
            if let exchange = failure.exchange { html += "<h4>exchange</h4><pre class=\"exchange\">\(Markup.escape(exchange))</pre>" }
            html += "</div>"
        }
        if let text, failed {
            html += source(text, marked: Set(result.failures.map(\.location.line) + (result.status == .fileError ? [result.location.line] : [])),
                           start: result.location.line, open: failed)
        }
        for (title, lines) in [("Platform notices", result.notices), ("Calls", result.calls), ("Proxy sessions", result.sessions)]
            where !lines.isEmpty {
            html += "<details class=\"section\"\(failed ? " open" : "")><summary>\(title) (\(lines.count))</summary><ul class=\"lines\">"
                + lines.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></details>"
        }
        if !result.traffic.isEmpty {
            html += "<details class=\"section\"\(failed ? " open" : "")><summary>Sequence</summary>\(SequenceDiagram.svg(result.traffic))</details>"
        }
        if !exchanges.isEmpty {
            html += "<details class=\"section\"><summary>Exchanges (\(exchanges.count))</summary>"
            for exchange in exchanges { html += self.exchange(exchange) }
            html += "</details>"
        }
        return html + "</details>\n"
    }

    /// The scenario's file with its failing lines marked; a long file (a big table) shows the
    /// lines around the scenario and the marks only.
    private static func source(_ text: String, marked: Set<Int>, start: Int, open: Bool) -> String {
        var html = "<details class=\"section\"\(open ? " open" : "")><summary>Scenario source</summary><pre class=\"source\">"
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

    private static func exchange(_ exchange: Exchange) -> String {
        let status = exchange.response.map { String($0.status) } ?? "no response"
        let failed = exchange.errorCode != nil
        var html = "<details class=\"exchange\(failed ? " failed" : "")\"><summary>\(Markup.escape(exchange.request.method)) "
            + "\(Markup.escape(exchange.request.url)) → \(Markup.escape(status))"
            + (exchange.errorCode.map { " · \($0) \(Markup.escape(exchange.errorMessage ?? ""))" } ?? "")
            + " <span class=\"meta\">\(Markup.escape(exchange.kind.rawValue)), \(Markup.escape(exchange.role)), attempt \(exchange.attempt)"
            + (exchange.hop > 0 ? ", redirect \(exchange.hop)" : "") + String(format: ", %.1f ms", exchange.durationMilliseconds) + "</span></summary>"
        html += "<h4>Request headers</h4>" + table(exchange.request.headers.map { ($0.name, $0.value) })
        if !exchange.request.body.isEmpty {
            html += "<h4>Parameters</h4>" + (exchange.request.formParameters.map(table)
                                              ?? "<pre>\(Markup.escape(exchange.request.body))</pre>")
        }
        if let response = exchange.response {
            html += "<h4>Response \(response.status)\(response.truncated ? " (cut at the 64 kB the platform reads)" : "")</h4>"
                + table(response.headers.map { ($0.name, $0.value) })
            if !response.body.isEmpty { html += "<pre class=\"twiml\">\(TwiMLHighlighter.html(response.body))</pre>" }
        }
        return html + "</details>"
    }

    private static func table(_ rows: [(String, String)]) -> String {
        "<table>" + rows.map { "<tr><th>\(Markup.escape($0.0))</th><td>\(Markup.escape($0.1))</td></tr>" }.joined() + "</table>"
    }

    static let style = """
    body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
    header{background:#fff;border-bottom:1px solid #d0d7de;padding:12px 24px;position:sticky;top:0;z-index:1}
    h1{font-size:20px;margin:0 0 4px}.version{font-size:12px;color:#656d76;font-weight:normal}
    .counts .ok{color:#1a7f37;font-weight:600}.counts .bad{color:#cf222e;font-weight:600}
    .filters{display:flex;gap:12px;align-items:center;flex-wrap:wrap}main{padding:16px 24px}
    details.scenario{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:0 0 10px;padding:8px 12px}
    details.scenario.failed{border-left:4px solid #cf222e}details.scenario.passed{border-left:4px solid #1a7f37}
    summary{cursor:pointer}.mark{font-weight:700}.failed>summary .mark{color:#cf222e}.passed>summary .mark{color:#1a7f37}
    .where,.meta{color:#656d76;font-size:12px;margin-left:8px}
    .failure{border:1px solid #ffcecb;background:#fff8f8;border-radius:6px;padding:8px 12px;margin:8px 0}
    .compare{display:grid;grid-template-columns:1fr 1fr;gap:12px}h4{margin:8px 0 4px;font-size:12px;color:#656d76;text-transform:uppercase}
    pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:0}
    .incomplete{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:6px 10px;margin:8px 0 0;font-weight:600}
    .error{color:#cf222e;font-family:ui-monospace,monospace}details.section{margin:8px 0}ul.lines{margin:4px 0;padding-left:20px;font:12px ui-monospace,monospace}
    .source .line{display:block}.source .number{display:inline-block;width:3em;color:#8c959f;user-select:none}
    .source .bad{background:#ffebe9;text-decoration:underline wavy #cf222e}.source .start{font-weight:600}
    details.exchange{border-top:1px solid #eaeef2;padding:4px 0}details.exchange.failed>summary{color:#cf222e}
    table{border-collapse:collapse;font-size:12px;margin:2px 0}th,td{border:1px solid #eaeef2;padding:2px 6px;text-align:left;vertical-align:top}
    th{background:#f6f8fa;font-weight:600}td{font-family:ui-monospace,monospace;word-break:break-all}
    .twiml .tag{color:#0550ae}.twiml .attr{color:#8250df}.twiml .value{color:#0a3069}.twiml .text{color:#1f2328;font-weight:600}
    svg.sequence{background:#fff;border:1px solid #d0d7de;border-radius:6px}svg .lane{text-anchor:middle;font-weight:600;font-size:12px}
    svg .lifeline{stroke:#d0d7de;stroke-dasharray:4 3}svg .arrow{stroke:#0969da;stroke-width:1.5}svg .answer{stroke-dasharray:5 3;stroke:#656d76}
    svg .failed{stroke:#cf222e}svg .label{text-anchor:middle;font-size:11px}svg .time{font-size:11px;fill:#656d76}svg marker path{fill:#656d76}
    """

    static let script = """
    (function(){
      var boxes=document.querySelectorAll('details.scenario');
      var failedOnly=document.getElementById('failed-only'),file=document.getElementById('file'),
          service=document.getElementById('service'),search=document.getElementById('search'),shown=document.getElementById('shown');
      function apply(){
        var query=search.value.toLowerCase(),count=0;
        boxes.forEach(function(box){
          var visible=(!failedOnly.checked||box.dataset.status!=='passed')&&(!file.value||box.dataset.file===file.value)
            &&(!service.value||box.dataset.service===service.value)&&(!query||box.dataset.name.indexOf(query)>=0);
          box.hidden=!visible;if(visible){count++;}
        });
        shown.textContent=count+' shown';
      }
      [failedOnly,file,service].forEach(function(control){control.addEventListener('change',apply);});
      search.addEventListener('input',apply);apply();
    })();
    """
}
