import Simulator

/// A conversation at the end of the scenario (`conversation:`): its state, its messages in
/// order (each `author` and `body` checked where given), how many messages and participants it
/// has, and how many of its actions the pre-event webhook blocked. Unset fields match anything.
public struct ConversationExpectation: Sendable {
    /// Its unique name or SID.
    public var conversation: String
    public var state: ChatConversationState?
    public var messages: [(author: String?, body: String?)]?
    public var messageCount: Int?
    public var participants: Int?
    public var blocked: Int?

    public init(conversation: String) {
        self.conversation = conversation
    }
}

extension ExpectationEvaluator {
    /// Why the conversation does not match, or nil.
    func check(_ expected: ConversationExpectation) -> Mismatch? {
        let selector = "conversation '\(expected.conversation)'"
        guard let found = record.conversations.last(where: { $0.value.uniqueName == expected.conversation || $0.value.sid == expected.conversation })
        else {
            let known = record.conversations.map { $0.value.uniqueName ?? $0.value.sid }
            let blocked = record.blockedCreations.isEmpty ? "" : "; \(record.blockedCreations.count) creation(s) blocked by the pre-event webhook"
            return Mismatch("\(selector) exists", "such a conversation", (known.isEmpty ? "no conversations" : "conversations: "
                            + known.joined(separator: ", ")) + blocked, entries: record.conversations.flatMap(\.entries)
                            + record.blockedCreations.flatMap(\.entries))
        }
        let conversation = found.value
        func mismatch(_ what: String, _ expected: String, _ actual: String) -> Mismatch {
            Mismatch("\(selector) \(what)", expected, actual, entries: found.entries)
        }
        let messages = conversation.messages.map { "\($0.author): \"\($0.body)\"" }
        if let state = expected.state, conversation.state != state {
            return mismatch("state", state.rawValue, conversation.state?.rawValue ?? "unknown")
        }
        if let wanted = expected.messages {
            let matches = wanted.count == conversation.messages.count && zip(wanted, conversation.messages).allSatisfy { want, message in
                (want.author.map { $0 == message.author } ?? true) && (want.body.map { $0 == message.body } ?? true)
            }
            if !matches {
                let text = wanted.map { "\($0.author ?? "*"): \"\($0.body ?? "*")\"" }
                return mismatch("messages", text.joined(separator: "; "), messages.isEmpty ? "no messages" : messages.joined(separator: "; "))
            }
        }
        if let count = expected.messageCount, conversation.messages.count != count {
            return mismatch("message count", "\(count)", "\(conversation.messages.count): " + messages.joined(separator: "; "))
        }
        if let count = expected.participants, conversation.participants != count {
            return mismatch("participants", "\(count)", "\(conversation.participants)")
        }
        if let count = expected.blocked, conversation.blocked.count != count {
            let blocked = conversation.blocked.map { "\($0.event) \($0.detail) (\($0.blockedCode?.code ?? 0))" }
            return mismatch("actions blocked by the pre-event webhook", "\(count)",
                            "\(conversation.blocked.count)" + (blocked.isEmpty ? "" : ": " + blocked.joined(separator: "; ")))
        }
        return nil
    }
}
