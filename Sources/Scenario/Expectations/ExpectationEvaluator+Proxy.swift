import Simulator
import Traffic
import Webhooks

/// The Proxy expectations: a session's final state, and the interactions that happened.
extension ExpectationEvaluator {
    /// Why the session does not match, or nil.
    func check(_ expected: ProxySessionExpectation) -> Mismatch? {
        let sessions = record.sessions
        let found = sessions.last { recorded in
            (expected.uniqueName.map { recorded.value.uniqueName == $0 } ?? true)
                && (expected.participant.map { recorded.value.participant($0) != nil } ?? true)
        }
        guard let found else {
            let known = sessions.map { Self.describe($0.value) }.joined(separator: "; ")
            return Mismatch("\(expected.selector) exists", "such a session", sessions.isEmpty ? "no sessions" : "sessions: " + known,
                            entries: sessions.flatMap(\.entries))
        }
        let session = found.value
        func mismatch(_ summary: String, _ expected: String, _ actual: String) -> Mismatch {
            Mismatch(summary, expected, actual, entries: found.entries)
        }
        if let status = expected.status, session.status != status {
            return mismatch("\(expected.selector) status", status.rawValue, Self.describe(session))
        }
        if let reason = expected.closedReason, session.closedReason != reason {
            return mismatch("\(expected.selector) closed_reason", reason, session.closedReason ?? "none (\(session.status.rawValue))")
        }
        if let mode = expected.mode, session.mode != mode {
            return mismatch("\(expected.selector) mode", mode.rawValue, session.mode.rawValue)
        }
        for (identifier, number) in expected.proxyNumbers.sorted(by: { $0.key < $1.key }) {
            let actual = session.participant(identifier)?.proxyIdentifier
            if actual != number {
                return mismatch("\(expected.selector): proxy number of \(identifier)", number,
                        actual ?? "no such participant; participants: " + Self.participants(of: session))
            }
        }
        if let count = expected.interactions, session.interactionSids.count != count {
            return mismatch("\(expected.selector) interactions", "\(count)", "\(session.interactionSids.count)")
        }
        return nil
    }

    /// The interactions that match.
    func interactions(matching matcher: InteractionMatcher) -> [TimelineRecord.Recorded<ProxyInteraction>] {
        let sessions = Dictionary(record.sessions.map { ($0.value.sid, $0.value) }, uniquingKeysWith: { $1 })
        func identifier(_ leg: InteractionLeg?, in session: ProxySession?) -> String? {
            guard let leg else { return nil }
            return session?.participants.first { $0.sid == leg.participantSid }?.identifier
        }
        return record.interactions.filter { recorded in
            let interaction = recorded.value
            let session = sessions[interaction.sessionSid]
            if let name = matcher.session, session?.uniqueName != name { return false }
            if let from = matcher.from, identifier(interaction.inbound, in: session) != from { return false }
            if let to = matcher.to, identifier(interaction.outbound, in: session) != to { return false }
            if let type = matcher.type, interaction.type != type { return false }
            if let body = matcher.body, interaction.data != JSONWriter.object([("body", body)]) { return false }
            if let blocked = matcher.blocked, interaction.blocked != blocked { return false }
            if let status = matcher.inboundStatus, interaction.inbound?.resourceStatus != status { return false }
            if let status = matcher.outboundStatus, interaction.outbound?.resourceStatus != status { return false }
            return true
        }
    }

    /// The interactions as a person reads them.
    func describeInteractions() -> String {
        let interactions = record.interactions.map(\.value)
        guard !interactions.isEmpty else { return "no interactions" }
        return interactions.prefix(8).map { interaction in
            var text = "\(interaction.type.rawValue) \(interaction.data)"
            if let inbound = interaction.inbound { text += " in:\(inbound.resourceStatus)" }
            if let outbound = interaction.outbound { text += " out:\(outbound.resourceStatus)" }
            if interaction.blocked { text += " blocked" }
            return text
        }.joined(separator: "; ")
    }

    static func describe(_ matcher: InteractionMatcher) -> String {
        var parts: [String] = []
        if let type = matcher.type { parts.append(type.rawValue) }
        if let session = matcher.session { parts.append("in '\(session)'") }
        if let from = matcher.from { parts.append("from \(from)") }
        if let to = matcher.to { parts.append("to \(to)") }
        if let body = matcher.body { parts.append("\"\(body)\"") }
        if let blocked = matcher.blocked { parts.append(blocked ? "blocked" : "not blocked") }
        if let status = matcher.inboundStatus { parts.append("inbound \(status)") }
        if let status = matcher.outboundStatus { parts.append("outbound \(status)") }
        return parts.isEmpty ? "(any)" : parts.joined(separator: " ")
    }

    private static func describe(_ session: ProxySession) -> String {
        "'\(session.uniqueName ?? session.sid)' \(session.status.rawValue)" + (session.closedReason.map { " (\($0))" } ?? "")
            + " [\(participants(of: session))]"
    }

    private static func participants(of session: ProxySession) -> String {
        session.participants.map { "\($0.identifier) via \($0.proxyIdentifier)" }.joined(separator: ", ")
    }
}
