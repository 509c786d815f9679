import Foundation
import Platform
import TwiML
import Webhooks

/// Content the platform fetches before it plays or sends it: `<Play>` audio, and the media of a
/// message (docs/scenarios.md, Fetched content). Only URLs on this machine are fetched (the
/// built-in functions, the app under test): nothing leaves the machine, so other hosts are taken
/// as they are.
extension World {
    /// What the content is for, which decides the types the platform takes.
    enum ContentUse {
        case audio
        case messageMedia

        var purpose: WebhookPurpose { self == .audio ? .playFetch : .mediaFetch }

        /// The `<Play>` reference's audio types; for media, the Messaging API's accepted types.
        func accepts(_ mediaType: String) -> Bool {
            switch self {
            case .audio:
                return ["audio/mpeg", "audio/wav", "audio/wave", "audio/x-wav", "audio/aiff", "audio/x-aifc", "audio/x-aiff",
                        "audio/x-gsm", "audio/gsm", "audio/ulaw"].contains(mediaType)
            case .messageMedia:
                return ["image/", "audio/", "video/"].contains { mediaType.hasPrefix($0) }
                    || ["text/vcard", "text/x-vcard", "text/csv", "text/rtf", "text/richtext", "text/calendar", "text/directory",
                        "application/pdf", "application/vcard", "application/vnd.apple.pkpass"].contains(mediaType)
            }
        }
    }

    /// The most media one message may carry, in bytes (5 MB).
    static let largestMedia = 5 * 1_024 * 1_024

    /// Fetches `url` (GET) when it is on this machine, once per scenario as the platform caches
    /// what it fetched, and records a failure as a problem with the platform's code: 11200 for a
    /// failed fetch, 12300 for a type the platform does not take, 11751 for media over 5 MB.
    /// Returns the failure's code, nil when the content is usable or was not fetched.
    func fetchContent(_ url: String, for use: ContentUse, event: String, cause: Int) async -> TwilioErrorCode? {
        guard Self.isOnThisMachine(url) else { return nil }
        let key = use.purpose.rawValue + " " + url
        if let known = fetchedContent[key] { return known }
        let request = WebhookRequest(url: url, method: .get, parameters: [], kind: .media, event: event, idempotencyToken: nextToken(),
                                     time: now)
        let (outcome, index) = await call(request, purpose: use.purpose, fallback: nil, cause: cause)
        var failure: (code: TwilioErrorCode, message: String)?
        if case .failure(let fetchFailure) = outcome.result {
            failure = (fetchFailure.code, fetchFailure.message)
        } else if let response = outcome.exchanges.last?.response {
            let mediaType = response.mediaType
            let size = response.header("Content-Length").flatMap(Int.init) ?? response.bodySize
            if !use.accepts(mediaType) {
                failure = (.invalidContentType,
                           mediaType.isEmpty ? "the content has no Content-Type" : "Content-Type '\(mediaType)' is not one the platform takes")
            } else if use == .messageMedia, size > Self.largestMedia {
                failure = (11751, "the media is \(size) bytes, more than the 5 MB a message carries")
            }
        }
        if let failure {
            let consequence = use == .audio ? "the <Play> is skipped" : "the message fails"
            problem(failure.code, "\(failure.message) (\(WebhookURL.redacted(url))); \(consequence)", cause: index)
        }
        fetchedContent[key] = .some(failure?.code)
        return failure?.code
    }

    /// Fetches a `<Play>`'s audio (its URL resolved against the document's); the failure's code, or nil.
    func fetchAudio(_ play: VoiceVerb.Play, documentURL: String, session: CallSession, cause: Int) async -> TwilioErrorCode? {
        await fetchContent(WebhookURL.resolve(play.url, against: documentURL), for: .audio, event: session.sid, cause: cause)
    }

    /// Fetches a message's media in turn; the code of the first that fails, or nil.
    func fetchMedia(_ urls: [String], event: String, cause: Int) async -> TwilioErrorCode? {
        for url in urls {
            if let code = await fetchContent(url, for: .messageMedia, event: event, cause: cause) { return code }
        }
        return nil
    }

    /// Whether the URL's host is this machine's loopback.
    static func isOnThisMachine(_ url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host?.lowercased() else { return false }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
