import Platform

/// The connection settings of one webhook URL: the platform's defaults, changed by the URL
/// fragment (`#ct=1000&rt=3000&rc=2&rp=ct,rt,5xx&tt=9000`), which is neither sent nor signed.
public struct ConnectionOverrides: Sendable, Hashable {
    /// When a failed attempt is tried again (`rp`).
    public enum RetryCondition: String, Sendable, Hashable, CaseIterable {
        case clientError = "4xx"
        case serverError = "5xx"
        case connectFailure = "ct"
        case readTimeout = "rt"
    }

    /// TCP connect timeout in milliseconds (`ct`, 100–10000).
    public var connectTimeout = 5_000
    /// Time to the first response byte and between packets, in milliseconds (`rt`, 100–15000).
    public var readTimeout = 15_000
    /// Time for all attempts together, in milliseconds (`tt`, 100–15000).
    public var totalTime = 15_000
    /// Retries after the first attempt (`rc`, 0–5).
    public var retryCount = 1
    /// What is retried (`rp`); connect failures by default.
    public var retryPolicy: Set<RetryCondition> = [.connectFailure]
    /// Egress edges (`e`), rotating across retries; recorded, not simulated.
    public var edges = ["ashburn"]
    /// Server Name Indication (`sni`), when set.
    public var serverNameIndication: Bool?

    public init() {}

    /// The edges the platform can egress from.
    public static let knownEdges: Set<String> = [
        "ashburn", "dublin", "frankfurt", "sao-paulo", "singapore", "sydney", "tokyo", "umatilla",
        "ashburn-ix", "frankfurt-ix", "london-ix", "san-jose-ix", "singapore-ix",
    ]

    /// Splits `url` into the URL that is sent and signed (no fragment) and its overrides,
    /// starting from `defaults` (a product's own timeouts, a scenario's shorter ones).
    /// Unknown keys are ignored, as future platform keys would be.
    public static func parse(url: String, defaults: ConnectionOverrides = ConnectionOverrides())
        -> Result<(url: String, overrides: ConnectionOverrides), WebhookFailure> {
        guard let hash = url.firstIndex(of: "#") else { return .success((url, defaults)) }
        let bareURL = String(url[..<hash])
        var overrides = defaults
        for pair in url[url.index(after: hash)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            if let failure = overrides.apply(key: key, value: value, url: bareURL) { return .failure(failure) }
        }
        return .success((bareURL, overrides))
    }

    /// The platform's bounds of `ct`, `rt` and `tt`, in milliseconds.
    public static let connectTimeoutRange = 100...10_000
    public static let readTimeoutRange = 100...15_000
    public static let totalTimeRange = 100...15_000

    /// The numeric overrides: where each goes, its bounds, and what it counts.
    private static let numbers: [String: (field: WritableKeyPath<ConnectionOverrides, Int> & Sendable, range: ClosedRange<Int>, unit: String)] = [
        "ct": (\.connectTimeout, connectTimeoutRange, "a number of milliseconds"),
        "rt": (\.readTimeout, readTimeoutRange, "a number of milliseconds"),
        "tt": (\.totalTime, totalTimeRange, "a number of milliseconds"),
        "rc": (\.retryCount, 0...5, "a retry count"),
    ]

    private mutating func apply(key: String, value: String, url: String) -> WebhookFailure? {
        func invalid(_ expectation: String) -> WebhookFailure {
            WebhookFailure(code: .invalidURL, url: url, message: "connection override '\(key)=\(value)' is invalid: \(expectation)")
        }
        if let number = Self.numbers[key] {
            guard let parsed = Int(value), number.range.contains(parsed) else {
                return invalid("\(key) is \(number.unit) from \(number.range.lowerBound) to \(number.range.upperBound)")
            }
            self[keyPath: number.field] = parsed
            return nil
        }
        switch key {
        case "rp":
            var policy: Set<RetryCondition> = []
            for item in value.split(separator: ",") {
                if item == "all" {
                    policy.formUnion(RetryCondition.allCases)
                } else if let condition = RetryCondition(rawValue: String(item)) {
                    policy.insert(condition)
                } else {
                    return WebhookFailure(code: .retryPolicyInvalid, url: url,
                                          message: "retry policy 'rp=\(value)' is invalid: use a comma list of 4xx, 5xx, ct, rt, all")
                }
            }
            if policy.isEmpty {
                return WebhookFailure(code: .retryPolicyInvalid, url: url, message: "retry policy 'rp=' is empty")
            }
            retryPolicy = policy
        case "e":
            let list = value.split(separator: ",").map(String.init)
            guard !list.isEmpty, list.allSatisfy(Self.knownEdges.contains) else {
                return invalid("e is a comma list of edges: " + Self.knownEdges.sorted().joined(separator: ", "))
            }
            edges = list
        case "sni":
            guard value == "y" || value == "n" else { return invalid("sni is y or n") }
            serverNameIndication = value == "y"
        default:
            break
        }
        return nil
    }
}
