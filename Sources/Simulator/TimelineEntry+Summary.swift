import Platform
import Webhooks

extension TimelineEntry {
    /// The entry as one line a person reads beside a failure:
    /// `#7 +3s message SM… created +14155550100 → +15558675310 "Thanks!"`.
    public func summary(since start: Double) -> String {
        "#\(index) " + offset(since: start) + " " + Self.describe(event)
    }

    /// When it happened, on the scenario's clock: `+12s`, `+1.250s`.
    public func offset(since start: Double) -> String {
        let offset = time - start
        return "+" + (offset == offset.rounded() && abs(offset) < 1e15 ? String(Int(offset)) : Decimals.format(offset, digits: 3)) + "s"
    }

    private static func describe(_ event: TimelineEvent) -> String {
        switch event {
        case .inboundMessage(let message):
            return "inbound message \(message.sid) \(message.from) → \(message.to) \(quoted(message.body))"
        case .callCreated(let call):
            return "call \(call.sid) created \(call.from) → \(call.to) (\(call.direction))"
        case .callStatus(let sid, let status):
            return "call \(sid) \(status.rawValue)"
        case .callStep(let sid, let step):
            var text = "call \(sid) \(step.verb)"
            if !step.detail.isEmpty { text += " " + quoted(step.detail) }
            if let result = step.result { text += " (\(result))" }
            if let line = step.line { text += " [line \(line)]" }
            return text
        case .conference(let conference):
            return "conference '\(conference.name)' \(conference.sid): " + conference.events.map(\.name).joined(separator: ", ")
        case .apiRequest(let request):
            return "API " + request.summary
        case .apiResponse(let response):
            return "API answer → \(response.status)" + (response.errorCode.map { " ✗ \($0)" } ?? "")
                + (response.errorMessage.map { ": " + $0 } ?? "")
        case .webhook(let webhook):
            var text = "webhook \(webhook.purpose.rawValue) \(webhook.method.rawValue) \(WebhookURL.redacted(webhook.url))"
            if let status = webhook.ownExchanges.last?.response?.status { text += " → \(status)" }
            if let code = webhook.ownExchanges.last?.errorCode { text += " ✗ \(code)" }
            return text
        case .messageCreated(let message):
            return "message \(message.sid) created \(message.from) → \(message.to) \(quoted(message.body))"
        case .messageStatus(let sid, let status, let errorCode):
            return "message \(sid) \(status.rawValue)" + (errorCode.map { " (\($0))" } ?? "")
        case .proxySession(let session):
            return "session '\(session.uniqueName ?? session.sid)' \(session.status.rawValue)" + (session.closedReason.map { " (\($0))" } ?? "")
        case .interaction(let interaction):
            var text = "interaction \(interaction.sid) \(interaction.type.rawValue) \(interaction.data)"
            if let inbound = interaction.inbound { text += " in:\(inbound.resourceStatus)" }
            if let outbound = interaction.outbound { text += " out:\(outbound.resourceStatus)" }
            return text + (interaction.blocked ? " blocked" : "")
        case .conversation(let event):
            let subject = "conversation \(event.conversationSid ?? "-") \(event.event) \(event.detail)"
            return subject + (event.blockedCode.map { " blocked by its pre-event webhook (\($0.code))" } ?? "")
        case .problem(let problem):
            return problem.description
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + (text.count > 60 ? String(text.prefix(59)) + "…" : text) + "\""
    }
}
