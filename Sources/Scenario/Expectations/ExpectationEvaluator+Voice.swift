import Simulator
import Webhooks

/// The `call` and `conference` expectations: a call's path (verbs, prompts, input, dials) and how
/// it ended; a conference's events.
extension ExpectationEvaluator {
    /// Why the call does not match, or nil.
    func check(_ expected: CallExpectation) -> (summary: String, expected: String, actual: String)? {
        let selector = [expected.direction, expected.from.map { "from \($0)" }, expected.to.map { "to \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        let name = "call" + (selector.isEmpty ? "" : " " + selector)
        guard let call = world.calls.first(where: { call in
            (expected.from.map { call.from == $0 } ?? true) && (expected.to.map { call.to == $0 } ?? true)
                && (expected.direction.map { call.direction == $0 } ?? true)
        }) else {
            let calls = world.calls.map { "\($0.direction) \($0.from) → \($0.to)" }
            return ("\(name) exists", "such a call", calls.isEmpty ? "no calls" : calls.joined(separator: "; "))
        }
        let steps = call.steps.filter { $0.verb != "hangup" }
        if let status = expected.status, call.status != status { return ("\(name) status", status.rawValue, call.status.rawValue) }
        if let duration = expected.duration, call.duration != duration { return ("\(name) duration", "\(duration) s", "\(call.duration) s") }
        let executed = steps.filter { !$0.nested && !$0.byPlatform }
        if let verbs = expected.verbs, executed.map(\.verb) != verbs {
            return ("\(name) verbs", verbs.joined(separator: ", "),
                    executed.isEmpty ? "no verbs" : executed.map { "\($0.verb)(\($0.detail))" }.joined(separator: " → "))
        }
        func inOrder(_ wanted: [String]?, _ verb: String, _ what: String) -> (String, String, String)? {
            guard let wanted else { return nil }
            let actual = steps.filter { $0.verb == verb && !($0.verb == "Play" && $0.result != nil) }.map(\.detail)
            var rest = actual[...]
            for item in wanted {
                guard let found = rest.firstIndex(where: { $0.contains(item) }) else {
                    return ("\(name) \(what)", wanted.joined(separator: " · "), actual.isEmpty ? "nothing" : actual.joined(separator: " · "))
                }
                rest = rest[(found + 1)...]
            }
            return nil
        }
        if let failure = inOrder(expected.said, "Say", "said") ?? inOrder(expected.played, "Play", "played")
            ?? inOrder(expected.dialled, "Dial", "dialled") {
            return failure
        }
        if let gathered = expected.gathered {
            let actual = steps.filter { $0.verb == "Gather" && $0.detail != "no input" }.map(Self.gatheredValue)
            if actual != gathered { return ("\(name) gathered", gathered.joined(separator: ", "), actual.isEmpty ? "no input" : actual.joined(separator: ", ")) }
        }
        let dials = steps.filter { $0.verb == "Dial" }
        if let callerId = expected.callerId, dials.first?.callerId != callerId {
            return ("\(name) caller ID", callerId, dials.first?.callerId ?? "no <Dial>")
        }
        if let status = expected.dialStatus, dials.last?.result != status {
            return ("\(name) DialCallStatus", status, dials.last?.result ?? "no <Dial>")
        }
        if let statuses = expected.statusCallbacks {
            let actual = world.timeline.webhooks.filter { $0.purpose == .statusCallback && $0.event == call.sid }
                .map { Self.value("CallStatus", in: $0.parameters) ?? "?" }
            if actual != statuses {
                return ("\(name) status callbacks", statuses.joined(separator: ", "), actual.isEmpty ? "none" : actual.joined(separator: ", "))
            }
        }
        if let hungUp = expected.callerHungUp, call.steps.contains(where: { $0.verb == "hangup" }) != hungUp {
            return ("\(name) hung up by the caller", hungUp ? "yes" : "no", hungUp ? "no" : "yes")
        }
        return nil
    }

    /// `digits 12` → `12`; `speech "billing" (0.9)` → `billing`.
    private static func gatheredValue(_ step: CallStep) -> String {
        if step.detail.hasPrefix("digits ") { return String(step.detail.dropFirst(7)) }
        if step.detail.hasPrefix("speech \""), let end = step.detail.dropFirst(8).firstIndex(of: "\"") {
            return String(step.detail.dropFirst(8)[..<end])
        }
        return step.detail
    }
}

extension ExpectationEvaluator {
    /// Why the conference does not match, or nil.
    func check(_ expected: ConferenceExpectation) -> (summary: String, expected: String, actual: String)? {
        let name = "conference '\(expected.name)'"
        guard let conference = world.conferences.first(where: { $0.name == expected.name }) else {
            let names = world.conferences.map { "'\($0.name)'" }
            return ("\(name) exists", "such a conference", names.isEmpty ? "no conferences" : names.joined(separator: ", "))
        }
        if let events = expected.events {
            let actual = conference.events.map { event in event.participant.map { "\(event.name) \($0)" } ?? event.name }
            let matches = events.count == actual.count && zip(events, actual).allSatisfy { wanted, event in
                wanted == event || (!wanted.contains(" ") && event.hasPrefix(wanted + " "))
            }
            if !matches { return ("\(name) events", events.joined(separator: ", "), actual.joined(separator: ", ")) }
        }
        if let reason = expected.reasonEnded, conference.reasonEnded != reason {
            return ("\(name) reason ended", reason, conference.reasonEnded ?? "not ended")
        }
        if let beeps = expected.beeps {
            let heard = conference.events.filter(\.beep).count
            if heard != beeps { return ("\(name) beeps", String(beeps), String(heard)) }
        }
        return nil
    }
}
