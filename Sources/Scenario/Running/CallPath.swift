import Simulator

/// A call as a report line: who called whom, how it ended, and the verbs it went through.
/// `+15558675310 → +14155550100 (inbound) completed, 42 s: Say "Welcome…" → Gather: digits 2 → Hangup`
enum CallPath {
    static func describe(_ call: Call) -> String {
        let steps = call.steps.filter { !$0.nested }.map { step -> String in
            let detail = step.detail.count > 40 ? String(step.detail.prefix(39)) + "…" : step.detail
            switch step.action {
            case .verb(.say) where step.byPlatform: return "the platform says \"\(detail)\""
            case .verb(.say): return "Say \"\(detail)\""
            case .callerHungUp: return "caller hung up"
            case .verb(.dial), .verb(.play): return "\(step.verb) \(detail)" + (step.result.map { " (\($0))" } ?? "")
            default: return detail.isEmpty ? step.verb : "\(step.verb): \(detail)"
            }
        }
        return "\(call.from) → \(call.to) (\(call.direction)) \(call.status.rawValue), \(call.duration) s"
            + (steps.isEmpty ? "" : ": " + steps.joined(separator: " → "))
    }
}
