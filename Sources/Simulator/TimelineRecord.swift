/// The timeline folded into what expectations and reports ask about: each message, call,
/// conference, Proxy session and interaction as it ended, each Conversations action, with the entries it was built from,
/// and the webhooks and problems with their entries. Built from the entries alone.
public struct TimelineRecord {
    /// A resource as the timeline tells it, and the indices of the entries that told it.
    public struct Recorded<Value> {
        public internal(set) var value: Value
        public internal(set) var entries: [Int]
    }

    public let entries: [TimelineEntry]
    public private(set) var messages: [Recorded<OutboundMessage>] = []
    public private(set) var calls: [Recorded<Call>] = []
    public private(set) var conferences: [Recorded<ConferenceRecord>] = []
    public private(set) var sessions: [Recorded<ProxySession>] = []
    public private(set) var interactions: [Recorded<ProxyInteraction>] = []
    public private(set) var webhooks: [Recorded<WebhookEvent>] = []
    public private(set) var problems: [Recorded<Problem>] = []
    /// Each conversation as its actions left it (a blocked creation counts for no conversation).
    public private(set) var conversations: [Recorded<ConversationSummary>] = []
    /// Actions blocked before a conversation existed (a blocked `onConversationAdd`).
    public private(set) var blockedCreations: [Recorded<ConversationEvent>] = []
    /// REST API requests (and the steps standing in for them), with their answers.
    public private(set) var apiCalls: [Recorded<APICall>] = []

    public init(_ timeline: Timeline) {
        entries = timeline.entries
        var messageIndex: [String: Int] = [:]
        var callIndex: [String: Int] = [:]
        var sessionIndex: [String: Int] = [:]
        var interactionIndex: [String: Int] = [:]
        var apiCallIndex: [Int: Int] = [:]
        var conversationIndex: [String: Int] = [:]
        for entry in entries {
            let index = entry.index
            switch entry.event {
            case .messageCreated(let message):
                messageIndex[message.sid] = messages.count
                messages.append(Recorded(value: message, entries: [index]))
            case .messageStatus(let sid, let status, let errorCode):
                guard let position = messageIndex[sid] else { continue }
                messages[position].value.statuses.append(StatusChange(status: status, time: entry.time))
                if let errorCode { messages[position].value.errorCode = errorCode }
                messages[position].entries.append(index)
            case .callCreated(let call):
                callIndex[call.sid] = calls.count
                calls.append(Recorded(value: call, entries: [index]))
            case .callStatus(let sid, let status):
                guard let position = callIndex[sid] else { continue }
                calls[position].value.status = status
                if status == .inProgress, calls[position].value.answered == nil { calls[position].value.answered = entry.time }
                if status.isFinal { calls[position].value.ended = entry.time }
                calls[position].entries.append(index)
            case .callStep(let sid, let step):
                guard let position = callIndex[sid] else { continue }
                calls[position].value.steps.append(step)
                calls[position].entries.append(index)
            case .conference(let conference):
                conferences.append(Recorded(value: conference, entries: [index]))
            case .proxySession(var session):
                if let position = sessionIndex[session.sid] {
                    session.interactionSids = sessions[position].value.interactionSids
                    sessions[position].value = session
                    sessions[position].entries.append(index)
                } else {
                    session.interactionSids = []
                    sessionIndex[session.sid] = sessions.count
                    sessions.append(Recorded(value: session, entries: [index]))
                }
            case .interaction(let interaction):
                if let position = interactionIndex[interaction.sid] {
                    interactions[position].value = interaction
                    interactions[position].entries.append(index)
                } else {
                    interactionIndex[interaction.sid] = interactions.count
                    interactions.append(Recorded(value: interaction, entries: [index]))
                    if let session = sessionIndex[interaction.sessionSid] {
                        sessions[session].value.interactionSids.append(interaction.sid)
                        sessions[session].entries.append(index)
                    }
                }
            case .webhook(let webhook):
                webhooks.append(Recorded(value: webhook, entries: [index]))
            case .problem(let problem):
                problems.append(Recorded(value: problem, entries: [index]))
            case .conversation(let event):
                guard let sid = event.conversationSid else {
                    if event.blocked { blockedCreations.append(Recorded(value: event, entries: [index])) }
                    continue
                }
                if let position = conversationIndex[sid] {
                    conversations[position].value.apply(event)
                    conversations[position].entries.append(index)
                } else {
                    var summary = ConversationSummary(sid: sid)
                    summary.apply(event)
                    conversationIndex[sid] = conversations.count
                    conversations.append(Recorded(value: summary, entries: [index]))
                }
            case .apiRequest(let request):
                apiCallIndex[index] = apiCalls.count
                apiCalls.append(Recorded(value: APICall(request: request), entries: [index]))
            case .apiResponse(let response):
                guard let position = apiCallIndex[response.request] else { continue }
                apiCalls[position].value.response = response
                apiCalls[position].entries.append(index)
            case .inboundMessage:
                continue
            }
        }
    }

    /// The entries that led to this one, nearest first: its cause, its cause's cause …
    public func causes(of index: Int) -> [Int] {
        var chain: [Int] = []
        var next = entries[index].cause
        while let cause = next, chain.count < entries.count {
            chain.append(cause)
            next = entries[cause].cause
        }
        return chain
    }

    /// The webhook nearest among the causes of an entry: the exchange that produced it.
    public func webhook(behind index: Int) -> (index: Int, event: WebhookEvent)? {
        for cause in causes(of: index) {
            if case .webhook(let event) = entries[cause].event { return (cause, event) }
        }
        return nil
    }
}
