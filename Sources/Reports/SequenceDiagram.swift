import Platform
import Scenario

/// An SVG sequence diagram of a scenario's traffic: the handset, the simulated platform and
/// the application as lifelines, each webhook as a request arrow with its answer below,
/// virtual time on the left.
enum SequenceDiagram {
    static let lanes = [(name: "Handset", x: 150), (name: "Platform (Switchboard)", x: 390), (name: "Application", x: 630)]
    static let rowHeight = 34
    /// Webhooks that a handset sets off, with what the handset did.
    static let handsetTriggered = ["incoming-message": "SMS/MMS", "incoming-call": "Call", "intercept-callback": "SMS or call",
                                   "out-of-session-callback": "SMS or call"]

    static func svg(_ traffic: [TrafficLine]) -> String {
        guard !traffic.isEmpty else { return "" }
        var rows: [String] = []
        var y = 60
        for line in traffic {
            if let label = handsetTriggered[line.purpose] {
                rows.append(arrow(from: 150, to: 390, y: y, label: label, dashed: false))
                rows.append(time(line.time, y: y))
                y += rowHeight
            }
            let path = shortPath(line.url)
            rows.append(arrow(from: 390, to: 630, y: y, label: "\(line.method) \(path) (\(line.purpose))", dashed: false))
            rows.append(time(line.time, y: y))
            y += rowHeight
            let answer = (line.status.map(String.init) ?? "no response") + (line.errorCode.map { " · \($0)" } ?? "")
            rows.append(arrow(from: 630, to: 390, y: y, label: answer, dashed: true, failed: line.errorCode != nil))
            y += rowHeight
        }
        let height = y + 10
        var svg = "<svg class=\"sequence\" xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"\(height)\" viewBox=\"0 0 760 \(height)\" role=\"img\" aria-label=\"sequence diagram\">"
        svg += "<defs><marker id=\"head\" markerWidth=\"8\" markerHeight=\"8\" refX=\"7\" refY=\"4\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>"
        for lane in lanes {
            svg += "<text x=\"\(lane.x)\" y=\"24\" class=\"lane\">\(Markup.escape(lane.name))</text>"
            svg += "<line x1=\"\(lane.x)\" y1=\"34\" x2=\"\(lane.x)\" y2=\"\(height - 6)\" class=\"lifeline\"/>"
        }
        return svg + rows.joined() + "</svg>"
    }

    private static func arrow(from: Int, to: Int, y: Int, label: String, dashed: Bool, failed: Bool = false) -> String {
        let classes = ["arrow", dashed ? "answer" : "", failed ? "failed" : ""].filter { !$0.isEmpty }.joined(separator: " ")
        let middle = (from + to) / 2
        return "<line x1=\"\(from)\" y1=\"\(y)\" x2=\"\(to)\" y2=\"\(y)\" class=\"\(classes)\" marker-end=\"url(#head)\"/>"
            + "<text x=\"\(middle)\" y=\"\(y - 6)\" class=\"label\">\(Markup.escape(String(label.prefix(70))))</text>"
    }

    private static func time(_ seconds: Double, y: Int) -> String {
        "<text x=\"8\" y=\"\(y + 4)\" class=\"time\">+\(Markup.escape(format(seconds)))</text>"
    }

    static func format(_ seconds: Double) -> String {
        if seconds < 60 { return "\(Int(seconds))s" }
        if seconds < 3_600 { return "\(Int(seconds / 60))m\(Int(seconds) % 60)s" }
        return "\(Int(seconds / 3_600))h\(Int(seconds) % 3_600 / 60)m"
    }

    /// The path of a URL (the host is the same function server or app for every call).
    private static func shortPath(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/") else { return url }
        return String(url[slash...])
    }
}
