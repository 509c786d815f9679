import Simulator
import TwiML
import Webhooks

/// The `call` and `conference` expectations: a call's path (verbs, prompts, input, dials) and how
/// it ended; a conference's events.
extension ExpectationEvaluator {
    /// Why the call does not match, or nil.
    func check(_ expected: CallExpectation) -> Mismatch? {
        let selector = [expected.direction, expected.from.map { "from \($0)" }, expected.to.map { "to \($0)" }]
            .compactMap { $0 }.joined(separator: " ")
        let name = "call" + (selector.isEmpty ? "" : " " + selector)
        guard let recorded = record.calls.first(where: { recorded in
            let call = recorded.value
            return (expected.from.map { call.from == $0 } ?? true) && (expected.to.map { call.to == $0 } ?? true)
                && (expected.direction.map { call.direction == $0 } ?? true)
        }) else {
            let calls = record.calls.map { "\($0.value.direction) \($0.value.from) → \($0.value.to)" }
            return Mismatch("\(name) exists", "such a call", calls.isEmpty ? "no calls" : calls.joined(separator: "; "),
                            entries: record.calls.map { $0.entries[0] })
        }
        let call = recorded.value
        func mismatch(_ summary: String, _ expected: String, _ actual: String) -> Mismatch {
            Mismatch(summary, expected, actual, entries: recorded.entries)
        }
        let steps = call.steps.filter { $0.action != .callerHungUp }
        if let status = expected.status, call.status != status { return mismatch("\(name) status", status.rawValue, call.status.rawValue) }
        if let duration = expected.duration, call.duration != duration {
            return mismatch("\(name) duration", "\(duration) s", "\(call.duration) s")
        }
        let executed = steps.filter { !$0.nested && !$0.byPlatform }
        if let verbs = expected.verbs, executed.map(\.verb) != verbs {
            return mismatch("\(name) verbs", verbs.joined(separator: ", "),
                    executed.isEmpty ? "no verbs" : executed.map { "\($0.verb)(\($0.detail))" }.joined(separator: " → "))
        }
        func inOrder(_ wanted: [String]?, _ verb: VoiceVerbName, _ what: String) -> Mismatch? {
            guard let wanted else { return nil }
            let actual = steps.filter { $0.is(verb) && !(verb == .play && $0.result != nil) }.map(\.detail)
            var rest = actual[...]
            for item in wanted {
                guard let found = rest.firstIndex(where: { $0.contains(item) }) else {
                    return mismatch("\(name) \(what)", wanted.joined(separator: " · "), actual.isEmpty ? "nothing" : actual.joined(separator: " · "))
                }
                rest = rest[(found + 1)...]
            }
            return nil
        }
        if let failure = inOrder(expected.said, .say, "said") ?? inOrder(expected.played, .play, "played")
            ?? inOrder(expected.dialled, .dial, "dialled") {
            return failure
        }
        if let gathered = expected.gathered {
            let actual = steps.filter { $0.is(.gather) && $0.detail != "no input" }.map(Self.gatheredValue)
            if actual != gathered { return mismatch("\(name) gathered", gathered.joined(separator: ", "), actual.isEmpty ? "no input" : actual.joined(separator: ", ")) }
        }
        let dials = steps.filter { $0.is(.dial) }
        if let callerId = expected.callerId, dials.first?.callerId != callerId {
            return mismatch("\(name) caller ID", callerId, dials.first?.callerId ?? "no <Dial>")
        }
        if let status = expected.dialStatus, dials.last?.result != status {
            return mismatch("\(name) DialCallStatus", status, dials.last?.result ?? "no <Dial>")
        }
        if let statuses = expected.statusCallbacks {
            let callbacks = record.webhooks.filter { $0.value.purpose == .statusCallback && $0.value.event == call.sid }
            let actual = callbacks.map { Self.value("CallStatus", in: $0.value.parameters) ?? "?" }
            if actual != statuses {
                return Mismatch("\(name) status callbacks", statuses.joined(separator: ", "), actual.isEmpty ? "none" : actual.joined(separator: ", "),
                                exchange: callbacks.last?.value, entries: callbacks.flatMap(\.entries))
            }
        }
        if let hungUp = expected.callerHungUp, call.steps.contains(where: { $0.action == .callerHungUp }) != hungUp {
            return mismatch("\(name) hung up by the caller", hungUp ? "yes" : "no", hungUp ? "no" : "yes")
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
    func check(_ expected: ConferenceExpectation) -> Mismatch? {
        let name = "conference '\(expected.name)'"
        guard let recorded = record.conferences.first(where: { $0.value.name == expected.name }) else {
            let names = record.conferences.map { "'\($0.value.name)'" }
            return Mismatch("\(name) exists", "such a conference", names.isEmpty ? "no conferences" : names.joined(separator: ", "),
                            entries: record.conferences.flatMap(\.entries))
        }
        let conference = recorded.value
        func mismatch(_ summary: String, _ expected: String, _ actual: String) -> Mismatch {
            Mismatch(summary, expected, actual, entries: recorded.entries)
        }
        if let events = expected.events {
            let actual = conference.events.map { event in event.participant.map { "\(event.name) \($0)" } ?? event.name }
            let matches = events.count == actual.count && zip(events, actual).allSatisfy { wanted, event in
                wanted == event || (!wanted.contains(" ") && event.hasPrefix(wanted + " "))
            }
            if !matches { return mismatch("\(name) events", events.joined(separator: ", "), actual.joined(separator: ", ")) }
        }
        if let reason = expected.reasonEnded, conference.reasonEnded != reason {
            return mismatch("\(name) reason ended", reason, conference.reasonEnded ?? "not ended")
        }
        if let beeps = expected.beeps {
            let heard = conference.events.filter(\.beep).count
            if heard != beeps { return mismatch("\(name) beeps", String(beeps), String(heard)) }
        }
        return nil
    }
}
