import Platform
import TwiML
import Webhooks

/// What happened in one conference: its events in order and why it ended.
public struct ConferenceRecord: Sendable {
    public let sid: String
    public let name: String
    /// `conference-start`, `participant-join`, `participant-leave`, `conference-end`, in order.
    public internal(set) var events: [ConferenceEvent] = []
    /// `last-participant-left`, `participant-with-end-conference-on-exit-left`; nil while it runs.
    public internal(set) var reasonEnded: String?
    /// The call that ended it on exit (`CallSidEndingConference`).
    public internal(set) var endedBy: String?
}

/// One event of a conference.
public struct ConferenceEvent: Sendable {
    public let name: String
    /// The participant it is about (their number), nil for the conference's own events.
    public let participant: String?
    /// Virtual seconds since 1970.
    public let time: Double
    /// Whether the conference heard a beep (a participant joining or leaving with `beep` on).
    public let beep: Bool
}

/// `<Dial><Conference>` (docs/scenarios.md, Conferences and queues): the caller joins a room
/// whose other participants the scenario declares, hears the wait URL until the conference
/// starts, talks until they hang up or the conference ends; the conference's status callback
/// gets its events at their moments on the virtual clock.
extension Voice {
    /// A participant's stay, known ahead: the scenario fixes every join and leave.
    private struct Member {
        let number: String
        let callSid: String
        let joins: Double
        let leaves: Double
        let startsConference: Bool
        let endsConference: Bool
        let muted: Bool
        let beep: String
    }

    /// Runs the caller's stay in the conference; returns when the caller leaves it (hung up, or
    /// the conference ended, or the dial's `timeLimit`). False when the caller hung up.
    func joinConference(_ conference: DialTarget.Conference, documentURL: String, timeLimit: Double, session: inout CallSession,
                        cause: Int) async -> Bool {
        if !conference.unsimulated.isEmpty {
            problem(nil, "<Conference> \(conference.unsimulated.joined(separator: ", ")) is not simulated; the caller joins without it",
                    cause: cause)
        }
        let room = configuration.conferences.first { $0.name == conference.name } ?? ConferenceRoom(name: conference.name)
        let start = now
        let hangsUp = min(session.hangUpAt ?? .infinity, calls[session.call].created + Self.maximumCallLength)
        var members = [Member(number: session.from, callSid: session.sid, joins: start, leaves: min(hangsUp, start + timeLimit),
                              startsConference: conference.startConferenceOnEnter, endsConference: conference.endConferenceOnExit,
                              muted: conference.muted, beep: conference.beep)]
        for participant in room.participants.prefix(max(0, conference.maxParticipants - 1)) {
            let joins = start + participant.joins
            members.append(Member(number: participant.number, callSid: sids.next(.call).description, joins: joins,
                                  leaves: joins + (participant.stays ?? Self.maximumCallLength),
                                  startsConference: participant.startConferenceOnEnter, endsConference: participant.endConferenceOnExit,
                                  muted: participant.muted, beep: "true"))
        }
        var record = ConferenceRecord(sid: sids.next(.conference).description, name: conference.name)
        let (started, ended) = Self.play(members, startsWith: room.startsWith, into: &record)
        timeline.append(.conference(record), at: now, cause: cause)
        scheduleCallbacks(of: record, members: members, conference: conference, documentURL: documentURL, cause: cause)
        // The dial ends when the conference does or at its time limit, unless the caller hangs up first.
        let dialEnds = min(ended, start + timeLimit)
        // Until it starts (if ever), the caller hears the wait URL.
        if (started ?? .infinity) > now {
            await wait(for: conference, until: min(started ?? .infinity, dialEnds, hangsUp), documentURL: documentURL, session: &session,
                       cause: cause)
        }
        if session.callerHungUp { return false }
        if hangsUp <= dialEnds { return await stayUntilHangUp(&session) }
        return await spend(dialEnds - now, session: &session)
    }

    /// Walks the members' joins and leaves in time order: who is present, when the conference
    /// starts (enough present, one of them starting it) and ends (the last one leaving, or one
    /// who ends it on exit). Returns the start (nil if it never started) and the end.
    private static func play(_ members: [Member], startsWith: Int, into record: inout ConferenceRecord) -> (Double?, Double) {
        let moves = members.indices.flatMap { [(members[$0].joins, true, $0), (members[$0].leaves, false, $0)] }
            .sorted { ($0.0, $0.1 ? 0 : 1, $0.2) < ($1.0, $1.1 ? 0 : 1, $1.2) }
        var present: [Int] = []
        var started: Double?
        func event(_ name: String, _ member: Int?, at time: Double) {
            let beep = member.map { ["true", name == "participant-join" ? "onEnter" : "onExit"].contains(members[$0].beep) } ?? false
            record.events.append(ConferenceEvent(name: name, participant: member.map { members[$0].number }, time: time,
                                                 beep: beep && started != nil))
        }
        for (time, joining, member) in moves {
            if joining {
                present.append(member)
                event("participant-join", member, at: time)
                if started == nil, present.count >= startsWith, present.contains(where: { members[$0].startsConference }) {
                    started = time
                    record.events.append(ConferenceEvent(name: "conference-start", participant: nil, time: time, beep: false))
                }
                continue
            }
            guard let position = present.firstIndex(of: member) else { continue }
            present.remove(at: position)
            event("participant-leave", member, at: time)
            if members[member].endsConference || present.isEmpty {
                for other in present { event("participant-leave", other, at: time) }
                record.reasonEnded = present.isEmpty ? "last-participant-left" : "participant-with-end-conference-on-exit-left"
                record.endedBy = members[member].endsConference ? members[member].callSid : nil
                record.events.append(ConferenceEvent(name: "conference-end", participant: nil, time: time, beep: false))
                return (started, time)
            }
        }
        return (started, .infinity)
    }

    /// The conference's status callback (the caller's `<Conference statusCallback>`), each event
    /// it asked for (`start` and `end` unless it names others) scheduled at its moment.
    private func scheduleCallbacks(of record: ConferenceRecord, members: [Member], conference: DialTarget.Conference,
                                   documentURL: String, cause: Int) {
        guard let callback = conference.statusCallback else { return }
        let wanted = Set(conference.statusCallbackEvents.isEmpty ? ["start", "end"] : conference.statusCallbackEvents)
        var sequence = 0
        for event in record.events {
            let short = event.name.split(separator: "-").last.map(String.init) ?? event.name
            guard wanted.contains(short) else { continue }
            sequence += 1
            var parameters = [
                Parameter("AccountSid", accountSid.description), Parameter("ConferenceSid", record.sid),
                Parameter("FriendlyName", record.name), Parameter("StatusCallbackEvent", event.name),
                Parameter("SequenceNumber", String(sequence)), Parameter("Timestamp", CivilTime.rfc2822(event.time)),
            ]
            if let member = members.first(where: { $0.number == event.participant }) {
                parameters += [
                    Parameter("CallSid", member.callSid), Parameter("Muted", String(member.muted)), Parameter("Hold", "false"),
                    Parameter("Coaching", "false"), Parameter("EndConferenceOnExit", String(member.endsConference)),
                    Parameter("StartConferenceOnEnter", String(member.startsConference)),
                ]
            }
            if event.name == "conference-end", let reason = record.reasonEnded {
                parameters.append(Parameter("ReasonConferenceEnded", reason))
                if let ender = record.endedBy { parameters.append(Parameter("CallSidEndingConference", ender)) }
            }
            let request = WebhookRequest(url: WebhookURL.resolve(callback, against: documentURL), method: conference.statusCallbackMethod,
                                         parameters: parameters, kind: .status, event: record.sid, idempotencyToken: nextToken(),
                                         time: event.time)
            schedule(.webhook(request, purpose: .conferenceStatusCallback, cause: cause), at: event.time)
        }
    }

    /// The caller waits for the conference to start, hearing the wait URL's TwiML; the
    /// platform's hold music when no wait URL is given, silence for an empty one.
    private func wait(for conference: DialTarget.Conference, until deadline: Double, documentURL: String, session: inout CallSession,
                      cause: Int) async {
        guard let waitURL = conference.waitURL, !waitURL.isEmpty else {
            step(session, .verb(.play), conference.waitURL == nil ? "the platform's hold music" : "silence", nested: true)
            _ = await spend(deadline - now, session: &session)
            return
        }
        _ = await playWaitURL(WebhookURL.resolve(waitURL, against: documentURL), method: conference.waitMethod, until: deadline,
                              parameters: { [] }, allowsLeave: false, nested: true, session: &session, cause: cause)
    }
}
