/// The statuses of a Message resource (shared/reference/twilio-behaviour.md §2.3).
public enum MessageStatus: String, Sendable, CaseIterable, Codable {
    case accepted, scheduled, queued, sending, sent, delivered, undelivered, failed, receiving, received, read, canceled
}
