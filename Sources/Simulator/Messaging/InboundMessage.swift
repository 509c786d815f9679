import Webhooks

/// An inbound message as the handset sent it.
public struct InboundMessage: Sendable {
    public let sid: String
    public let from: String
    public let to: String
    public let body: String
    public let mediaURLs: [String]
    /// Webhook parameters the scenario gives in place of (or beside) the platform's.
    public let parameterOverrides: [Parameter]
}
