import Platform
import Traffic
import TwiML
import Webhooks

/// One webhook the platform called.
public struct WebhookEvent: Sendable {
    /// Why the platform called it.
    public let purpose: WebhookPurpose
    /// The URL as configured (before HTTP redirects, with any `#` fragment).
    public let url: String
    public let method: HTTPMethod
    public let parameters: [Parameter]
    /// The message or call this webhook is about.
    public let event: String
    public let outcome: DeliveryOutcome
    /// The number of timeline entries when the request was sent: what the app did while it
    /// answered (its REST requests) comes after that, though this entry is appended once the
    /// answer is in.
    public var sentAfter = 0
    /// The URL the answer came from, to resolve relative TwiML URLs.
    public var finalURL: String { outcome.finalURL }
    /// Whose exchanges this event stands for: a delivery with a fallback is two events sharing
    /// one outcome, the primary URL's (`primary`) and the fallback's (`fallback`).
    public var role: String { purpose == .fallback ? "fallback" : "primary" }
    /// The exchanges of this event's own URL.
    public var ownExchanges: [Exchange] { outcome.exchanges.filter { $0.role == role } }
}
