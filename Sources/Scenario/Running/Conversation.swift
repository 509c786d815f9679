import Platform
import Simulator
import Traffic
import Webhooks

/// One line of a scenario's whole conversation as the HTML report's sequence diagram draws it:
/// an arrow between two of the three lanes (the phones, the platform, the app) or a note on
/// one, at its virtual time.
public struct ConversationLine: Sendable {
    /// The lanes: `phone`, `platform`, `app`.
    public enum Lane: String, Sendable {
        case phone, platform, app
    }

    public enum Style: String, Sendable {
        /// A request or an event going from one lane to another.
        case arrow
        /// The answer to the request above it.
        case answer
        /// Something that happened on one lane (`from`): a status change, a problem.
        case note
    }

    /// Virtual seconds since the scenario's start.
    public let time: Double
    public let from: Lane
    public let to: Lane
    public let style: Style
    public let label: String
    /// Whether it went wrong (a failed answer, an error, a failed message).
    public let failed: Bool
}

/// A scenario's timeline as the lines of its sequence diagram: every message, call step,
/// webhook and its answer, status change, Proxy change, Conversations action and problem.
enum Conversation {
    static func lines(of timeline: Timeline, start: Double) -> [ConversationLine] {
        var lines: [ConversationLine] = []
        for entry in timeline.entries {
            let time = entry.time - start
            func line(_ from: ConversationLine.Lane, _ to: ConversationLine.Lane, _ style: ConversationLine.Style, _ label: String,
                      failed: Bool = false) {
                lines.append(ConversationLine(time: time, from: from, to: to, style: style, label: label, failed: failed))
            }
            switch entry.event {
            case .inboundMessage(let message):
                line(.phone, .platform, .arrow, "\(message.mediaURLs.isEmpty ? "SMS" : "MMS") from \(message.from): \(quoted(message.body))")
            case .callCreated(let call):
                if call.direction == "inbound" {
                    line(.phone, .platform, .arrow, "call from \(call.from) to \(call.to)")
                } else {
                    line(.platform, .phone, .arrow, "dials \(call.to)")
                }
            case .callStatus(let sid, let status):
                line(.platform, .platform, .note, "call \(short(sid)) \(status.rawValue)", failed: status == .failed)
            case .callStep(_, let step):
                switch step.action {
                case .callerHungUp: line(.phone, .platform, .arrow, "hangs up")
                case .bridged: line(.platform, .phone, .arrow, step.detail)
                case .verb(.gather): line(.phone, .platform, .arrow, "Gather: " + step.detail)
                case .verb(.record): line(.phone, .platform, .arrow, "Record: " + step.detail)
                case .verb(let name):
                    let detail = step.detail.isEmpty ? "" : " " + (name == .say ? quoted(step.detail) : step.detail)
                    line(.platform, .phone, .arrow, name.rawValue + detail + (step.result.map { " (\($0))" } ?? ""),
                         failed: step.result?.hasPrefix("not played") == true)
                }
            case .conference(let conference):
                line(.platform, .platform, .note, "conference '\(conference.name)': " + conference.events.map(\.name).joined(separator: ", "))
            case .apiRequest(let request):
                line(.app, .platform, .arrow, "API " + request.summary)
            case .apiResponse(let response):
                line(.platform, .app, .arrow, "\(response.status)" + (response.errorCode.map { " (\($0))" } ?? ""),
                     failed: response.status >= 400)
            case .webhook(let webhook):
                let exchange = webhook.ownExchanges.last
                lines += ConversationLine.webhook(at: time, method: webhook.method.rawValue, url: webhook.url, purpose: webhook.purpose.rawValue,
                                                  status: exchange?.response?.status, errorCode: exchange?.errorCode)
            case .messageCreated(let message):
                line(.platform, .phone, .arrow, "\(message.mediaURLs.isEmpty ? "SMS" : "MMS") to \(message.to): \(quoted(message.body))")
            case .messageStatus(let sid, let status, let errorCode):
                line(.platform, .platform, .note, "message \(short(sid)) \(status.rawValue)" + (errorCode.map { " (\($0.code))" } ?? ""),
                     failed: status == .failed || status == .undelivered)
            case .proxySession(let session):
                line(.platform, .platform, .note, "session '\(session.uniqueName ?? short(session.sid))' \(session.status.rawValue)"
                     + (session.closedReason.map { " (\($0))" } ?? ""))
            case .interaction(let interaction):
                var text = "interaction \(interaction.type.rawValue)"
                if let inbound = interaction.inbound { text += " in: \(inbound.resourceStatus)" }
                if let outbound = interaction.outbound { text += " out: \(outbound.resourceStatus)" }
                line(.platform, .platform, .note, text + (interaction.blocked ? " · blocked" : ""), failed: interaction.blocked)
            case .conversation(let event):
                let text = "\(event.event) \(event.detail)" + (event.blocked ? " · blocked" : "")
                line(.platform, .platform, .note, text, failed: event.blocked)
            case .problem(let problem):
                line(.platform, .platform, .note, problem.description, failed: problem.severity == .error)
            }
        }
        return lines
    }

    private static func quoted(_ text: String) -> String {
        "\"" + (text.count > 40 ? String(text.prefix(39)) + "…" : text) + "\""
    }

    /// The first characters of a SID: enough to tell two apart in a diagram.
    private static func short(_ sid: String) -> String {
        sid.count > 10 ? String(sid.prefix(8)) + "…" : sid
    }

}

extension ConversationLine {
    /// The webhooks of a result read back without its timeline (a merge of shards): each
    /// request and its answer.
    public static func webhooks(of traffic: [TrafficLine]) -> [ConversationLine] {
        traffic.flatMap { line in
            guard line.purpose == "api-request" else {
                return webhook(at: line.time, method: line.method, url: line.url, purpose: line.purpose, status: line.status, errorCode: line.errorCode)
            }
            return [ConversationLine(time: line.time, from: .app, to: .platform, style: .arrow, label: "API \(line.method) \(path(line.url))", failed: false),
                    ConversationLine(time: line.time, from: .platform, to: .app, style: .answer,
                                     label: (line.status.map(String.init) ?? "") + (line.errorCode.map { " · \($0)" } ?? ""),
                                     failed: (line.status ?? 0) >= 400)]
        }
    }

    /// A webhook's request and its answer.
    static func webhook(at time: Double, method: String, url: String, purpose: String, status: Int?, errorCode: Int?) -> [ConversationLine] {
        [ConversationLine(time: time, from: .platform, to: .app, style: .arrow, label: "\(method) \(path(url)) (\(purpose))", failed: false),
         ConversationLine(time: time, from: .app, to: .platform, style: .answer,
                          label: (status.map(String.init) ?? "no response") + (errorCode.map { " · \($0)" } ?? ""), failed: errorCode != nil)]
    }

    /// A URL's path and query, credentials left out (the host is the same for every webhook of a run).
    private static func path(_ url: String) -> String {
        let redacted = WebhookURL.redacted(url)
        guard let scheme = redacted.range(of: "://"), let slash = redacted[scheme.upperBound...].firstIndex(of: "/") else { return redacted }
        return String(redacted[slash...])
    }
}
