import Simulator

/// A Proxy session as a report line: its name, status, participants with their proxy numbers,
/// and how many interactions it had.
/// `ride-42 in-progress: +14155550001 via +14155551000, +14155550002 via +14155551001; 2 interactions`
enum SessionSummary {
    static func describe(_ session: ProxySession) -> String {
        let status = session.status.rawValue + (session.closedReason.map { " (\($0))" } ?? "")
        let participants = session.participants.map { "\($0.identifier) via \($0.proxyIdentifier)" }.joined(separator: ", ")
        let count = session.interactionSids.count
        return "\(session.uniqueName ?? session.sid) \(status)" + (participants.isEmpty ? "" : ": " + participants)
            + "; \(count) interaction\(count == 1 ? "" : "s")"
    }
}
