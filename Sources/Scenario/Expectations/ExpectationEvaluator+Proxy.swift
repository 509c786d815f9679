import Simulator
import Webhooks

/// The Proxy expectations: a session's final state, and the interactions that happened.
extension ExpectationEvaluator {
    /// Why the session does not match, or nil.
    func check(_ expected: ProxySessionExpectation) -> (summary: String, expected: String, actual: String)? {
        let sessions = world.proxySessions
        let found = sessions.last { session in
            (expected.uniqueName.map { session.uniqueName == $0 } ?? true)
                && (expected.participant.map { session.participant($0) != nil } ?? true)
        }
        guard let session = found else {
            let known = sessions.map(Self.describe).joined(separator: "; ")
            return ("\(expected.selector) exists", "such a session", sessions.isEmpty ? "no sessions" : "sessions: " + known)
        }
        if let status = expected.status, session.status != status {
            return ("\(expected.selector) status", status.rawValue, Self.describe(session))
        }
        if let reason = expected.closedReason, session.closedReason != reason {
            return ("\(expected.selector) closed_reason", reason, session.closedReason ?? "none (\(session.status.rawValue))")
        }
        if let mode = expected.mode, session.mode != mode {
            return ("\(expected.selector) mode", mode.rawValue, session.mode.rawValue)
        }
        for (identifier, number) in expected.proxyNumbers.sorted(by: { $0.key < $1.key }) {
            let actual = session.participant(identifier)?.proxyIdentifier
            if actual != number {
                return ("\(expected.selector): proxy number of \(identifier)", number,
                        actual ?? "no such participant; participants: " + Self.participants(of: session))
            }
        }
        if let count = expected.interactions, session.interactionSids.count != count {
            return ("\(expected.selector) interactions", "\(count)", "\(session.interactionSids.count)")
        }
        return nil
    }

    /// The interactions that match.
    func interactions(matching matcher: InteractionMatcher) -> [ProxyInteraction] {
        let sessions = Dictionary(world.proxySessions.map { ($0.sid, $0) }, uniquingKeysWith: { $1 })
        func identifier(_ leg: InteractionLeg?, in session: ProxySession?) -> String? {
            guard let leg else { return nil }
            return session?.participants.first { $0.sid == leg.participantSid }?.identifier
        }
        return world.proxyInteractions.filter { interaction in
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
        let interactions = world.proxyInteractions
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
