import Foundation
import Platform
import Scenario
import Webhooks

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
        let failed = result.status != .passed
        if hidden { page.append("<details hidden") } else { page.append("<details") }
        page.append(failed ? " class=\"scenario failed\" data-status=\"" : " class=\"scenario passed\" data-status=\"")
        page.append(result.status.rawValue)
        page.append("\" data-file=\"")
        page.append(Markup.escape(result.file))
        page.append("\" data-service=\"")
        page.append(Markup.escape(service(result.file)))
        page.append("\" data-name=\"")
        page.append(Markup.escape(result.name))
        page.append(failed ? "\" open><summary><span class=\"mark\">✘</span> " : "\"><summary><span class=\"mark\">✔</span> ")
        page.append(Markup.escape(result.name))
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
        let open: StaticString = failed ? " open>" : ">"
        if !result.traffic.isEmpty {
            page.append("<details class=\"section lazy\" data-render=\"sequence\"")
            page.append(open)
            page.append("<summary>Sequence</summary>")
            var json = JSONWriter(capacity: result.traffic.count * 192)
            for line in result.traffic {
                json.trafficLine(line)
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

    /// A list of a scenario's lines (notices, calls, sessions) under `title`, if it has any.
    private static func section(_ title: String, _ lines: [String], open: Bool, into page: inout ByteWriter) {
        guard !lines.isEmpty else { return }
        page.append("<details class=\"section\"\(open ? " open" : "")><summary>\(title) (\(lines.count))</summary><ul class=\"lines\">"
            + lines.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul></details>")
    }

    /// A scenario's error, its failures (expected against actual) and, when its file could be
    /// read, its source with the failing lines marked.
    private static func failureDetails(_ result: ScenarioResult, source text: String?) -> String {
        var html = ""
        if let error = result.error { html += "<p class=\"error\">\(Markup.escape(error))</p>" }
        for failure in result.failures {
            html += "<div class=\"failure\"><p class=\"what\"><code>\(Markup.escape(failure.location.description))</code> "
                + "\(Markup.escape(failure.summary))</p><div class=\"compare\"><div><h4>expected</h4><pre>\(Markup.escape(failure.expected))</pre></div>"
                + "<div><h4>actual</h4><pre>\(Markup.escape(failure.actual))</pre></div></div>"
            if let exchange = failure.exchange { html += "<h4>exchange</h4><pre class=\"exchange\">\(Markup.escape(exchange))</pre>" }
            if !failure.entries.isEmpty {
                html += "<h4>looked at</h4><pre class=\"entries\">\(Markup.escape(failure.entries.joined(separator: "\n")))</pre>"
            }
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

    static let style = """
    body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1f2328;background:#f6f8fa;display:flex;flex-direction:column}
    header{order:-1;background:#fff;border-bottom:1px solid #d0d7de;padding:12px 24px;position:sticky;top:0;z-index:1}
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

    /// The filters, and the lazy sections: a section's JSON is drawn (sequence diagram,
    /// exchanges with TwiML highlighted) the first time it is open. Everything from the data is
    /// set as text, never as markup.
    static let script = """
    (function(){
      function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
      function text(value){return document.createTextNode(value);}
      function table(rows){var t=el('table');rows.forEach(function(r){var tr=t.insertRow();tr.appendChild(el('th',null,r[0]));tr.appendChild(el('td',null,r[1]));});return t;}
      function pairs(headers){return headers.map(function(h){return [h.name,h.value];});}
      function headerValue(headers,name){for(var i=0;i<headers.length;i++){if(headers[i].name.toLowerCase()===name)return headers[i].value;}return '';}

      // A tag with its attribute names and values in spans of their own.
      function tag(source){
        var span=el('span','tag'),quote=null,token='';
        function flush(kind){if(!token)return;span.appendChild(kind?el('span',kind,token):text(token));token='';}
        for(var i=0;i<source.length;i++){
          var c=source.charAt(i);
          if(quote){token+=c;if(c===quote){flush('value');quote=null;}}
          else if(c==='"'||c==="'"){flush(null);token+=c;quote=c;}
          else if(c==='='){flush('attr');token+=c;flush(null);}
          else if(c===' '){flush(null);token+=c;flush(null);}
          else{token+=c;}
        }
        flush(null);return span;
      }
      // An XML body one element per line, indented; `<Say>Hi</Say>` stays on one line. Not XML-aware
      // beyond tags: a body that does not start with `<` is shown as it is.
      function twiml(pre,body){
        var source=body.trim();
        if(source.charAt(0)!=='<'){pre.textContent=body;return;}
        var lines=[],depth=0,at=0,afterText=false;
        function indent(){return new Array(depth+1).join('  ');}
        while(at<source.length){
          if(source.charAt(at)==='<'){
            var close=source.indexOf('>',at);
            if(close<0){lines.push([text(indent()+source.slice(at))]);break;}
            var markup=source.slice(at,close+1),closing=markup.slice(0,2)==='</';
            at=close+1;
            if(closing){depth=Math.max(0,depth-1);}
            if(closing&&afterText){lines[lines.length-1].push(tag(markup));}else{lines.push([text(indent()),tag(markup)]);}
            afterText=false;
            if(!closing&&markup.slice(0,2)!=='<?'&&markup.slice(0,2)!=='<!'&&markup.slice(-2)!=='/>'){depth++;}
          }else{
            var end=source.indexOf('<',at);if(end<0){end=source.length;}
            var content=source.slice(at,end).trim();
            if(content&&lines.length){lines[lines.length-1].push(el('span','text',content));afterText=true;}
            at=end;
          }
        }
        lines.forEach(function(line,i){if(i){pre.appendChild(text('\\n'));}line.forEach(function(node){pre.appendChild(node);});});
      }
      // One journal line: request and response, parameters decoded, the body highlighted.
      function exchange(x){
        var failed=x.errorCode!=null,box=el('details','exchange'+(failed?' failed':'')),summary=el('summary');
        summary.textContent=x.request.method+' '+x.request.url+' \u{2192} '+(x.response?String(x.response.status):'no response')
          +(failed?' \u{B7} '+x.errorCode+' '+(x.errorMessage||''):'')+' ';
        summary.appendChild(el('span','meta',x.kind+', '+x.role+', attempt '+x.attempt+(x.hop>0?', redirect '+x.hop:'')
          +', '+x.durationMilliseconds.toFixed(1)+' ms'));
        box.appendChild(summary);
        box.appendChild(el('h4',null,'Request headers'));box.appendChild(table(pairs(x.request.headers)));
        if(x.request.body){
          box.appendChild(el('h4',null,'Parameters'));
          if(headerValue(x.request.headers,'content-type').indexOf('application/x-www-form-urlencoded')===0){
            var rows=[];new URLSearchParams(x.request.body).forEach(function(value,name){rows.push([name,value]);});box.appendChild(table(rows));
          }else{box.appendChild(el('pre',null,x.request.body));}
        }
        if(x.response){
          box.appendChild(el('h4',null,'Response '+x.response.status+(x.response.truncated?' (cut at the 64 kB the platform reads)':'')));
          box.appendChild(table(pairs(x.response.headers)));
          if(x.response.body){var pre=el('pre','twiml');twiml(pre,x.response.body);box.appendChild(pre);}
        }
        return box;
      }
      // The sequence diagram: handset, platform and application lifelines, each webhook an arrow
      // with its answer below, virtual time on the left.
      var lanes=[['Handset',150],['Platform (Switchboard)',390],['Application',630]];
      var handset={'incoming-message':'SMS/MMS','incoming-call':'Call','intercept-callback':'SMS or call','out-of-session-callback':'SMS or call'};
      function svg(name,attributes,content){
        var e=document.createElementNS('http://www.w3.org/2000/svg',name);
        for(var key in attributes){e.setAttribute(key,attributes[key]);}
        if(content!=null){e.textContent=content;}
        return e;
      }
      function virtualTime(s){
        if(s<60){return Math.floor(s)+'s';}
        if(s<3600){return Math.floor(s/60)+'m'+Math.floor(s)%60+'s';}
        return Math.floor(s/3600)+'h'+Math.floor(Math.floor(s)%3600/60)+'m';
      }
      function path(url){var scheme=url.indexOf('://'),slash=scheme<0?-1:url.indexOf('/',scheme+3);return slash<0?url:url.slice(slash);}
      function sequence(traffic){
        var rows=[],y=60;
        function arrow(from,to,label,answer,failed){
          rows.push(svg('line',{x1:from,y1:y,x2:to,y2:y,'class':'arrow'+(answer?' answer':'')+(failed?' failed':''),'marker-end':'url(#head)'}));
          rows.push(svg('text',{x:(from+to)/2,y:y-6,'class':'label'},label.slice(0,70)));
        }
        function time(seconds){rows.push(svg('text',{x:8,y:y+4,'class':'time'},'+'+virtualTime(seconds)));}
        traffic.forEach(function(line){
          if(handset[line.purpose]){arrow(150,390,handset[line.purpose]);time(line.time);y+=34;}
          arrow(390,630,line.method+' '+path(line.url)+' ('+line.purpose+')');time(line.time);y+=34;
          var failed=line.errorCode!=null;
          arrow(630,390,(line.status!=null?String(line.status):'no response')+(failed?' \u{B7} '+line.errorCode:''),true,failed);y+=34;
        });
        var height=y+10,picture=svg('svg',{'class':'sequence',width:760,height:height,viewBox:'0 0 760 '+height,role:'img','aria-label':'sequence diagram'});
        var defs=svg('defs'),marker=svg('marker',{id:'head',markerWidth:8,markerHeight:8,refX:7,refY:4,orient:'auto'});
        marker.appendChild(svg('path',{d:'M0,0 L8,4 L0,8 z'}));defs.appendChild(marker);picture.appendChild(defs);
        lanes.forEach(function(lane){
          picture.appendChild(svg('text',{x:lane[1],y:24,'class':'lane'},lane[0]));
          picture.appendChild(svg('line',{x1:lane[1],y1:34,x2:lane[1],y2:height-6,'class':'lifeline'}));
        });
        rows.forEach(function(row){picture.appendChild(row);});
        return picture;
      }
      var renderers={sequence:function(traffic){return [sequence(traffic)];},exchanges:function(lines){return lines.map(exchange);}};
      function render(section){
        var data=section.querySelector(':scope>script[type="application/json"]');
        if(!data){return;}
        var parsed=JSON.parse(data.textContent);data.remove();
        renderers[section.dataset.render](parsed).forEach(function(node){section.appendChild(node);});
      }
      document.querySelectorAll('details.lazy[open]').forEach(render);
      document.addEventListener('toggle',function(event){var target=event.target;if(target.classList&&target.classList.contains('lazy')&&target.open){render(target);}},true);

      // The scenarios that pass the filters, a page of \(pageSize) at a time: only what is shown is laid out.
      var boxes=document.querySelectorAll('details.scenario'),size=\(pageSize),page=0;
      var failedOnly=document.getElementById('failed-only'),file=document.getElementById('file'),
          service=document.getElementById('service'),search=document.getElementById('search'),shown=document.getElementById('shown'),
          previous=document.getElementById('previous'),next=document.getElementById('next');
      function apply(){
        var query=search.value.toLowerCase(),matches=0,from=page*size;
        boxes.forEach(function(box){
          var match=(!failedOnly.checked||box.dataset.status!=='passed')&&(!file||!file.value||box.dataset.file===file.value)
            &&(!service.value||box.dataset.service===service.value)&&(!query||box.dataset.name.toLowerCase().indexOf(query)>=0);
          var show=match&&matches>=from&&matches<from+size;if(match){matches++;}
          if(box.hidden===show){box.hidden=!show;}
        });
        if(page>0&&from>=matches){page=Math.max(0,Math.ceil(matches/size)-1);apply();return;}
        var paged=matches>size;
        shown.textContent=paged?(from+1)+'–'+Math.min(from+size,matches)+' of '+matches+' shown':matches+' shown';
        previous.hidden=next.hidden=!paged;previous.disabled=page===0;next.disabled=from+size>=matches;
      }
      function refilter(){page=0;apply();}
      // report.html#q=text opens with the name filter set: a link to share.
      var linked=/[#&]q=([^&]*)/.exec(location.hash);
      if(linked){try{search.value=decodeURIComponent(linked[1]);}catch(malformed){search.value=linked[1];}}
      [failedOnly,file,service].forEach(function(control){if(control){control.addEventListener('change',refilter);}});
      search.addEventListener('input',refilter);
      previous.addEventListener('click',function(){page--;apply();window.scrollTo(0,0);});
      next.addEventListener('click',function(){page++;apply();window.scrollTo(0,0);});
      apply();
    })();
    """
}
