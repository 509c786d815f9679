/// The platform's API hosts (`api.twilio.com`, `proxy.twilio.com` …, also with an edge and a
/// region: `api.dublin.ie1.twilio.com`), and how a request names one: by its `Host`, or, for
/// clients that cannot set `Host`, as the first segment of the path
/// (`http://127.0.0.1:PORT/api.twilio.com/2010-04-01/…`).
public enum PlatformHost {
    /// The APIs, named as the first label of their host.
    public enum Product: String, Sendable, CaseIterable {
        case api
        case messaging
        case proxy
        case conversations
        case serverless
        /// Where function and asset versions are uploaded (`serverless-upload.twilio.com`).
        case serverlessUpload = "serverless-upload"
    }

    /// Where a request is going: the product, the host as named, the path within the API and
    /// the base its answers' absolute URLs start with.
    public struct Target: Sendable, Equatable {
        public let product: Product
        public let host: String
        public let path: String
        public let baseURL: String
    }

    /// The product a platform host names (a port is ignored); nil for any other host.
    public static func product(of host: String) -> Product? {
        // Most requests name 127.0.0.1 or a platform host: tell them apart on bytes first.
        guard let first = host.utf8.first, first > UInt8(ascii: "9") else { return nil }
        let name = host.split(separator: ":").first.map { $0.lowercased() } ?? ""
        guard name.hasSuffix(".twilio.com"), let label = name.split(separator: ".").first else { return nil }
        return Product(rawValue: String(label))
    }

    /// The target of a request with this `Host` header and path, reached over `scheme`; nil
    /// when neither the host nor the path's first segment is a platform host.
    public static func target(host: String?, path: String, scheme: String) -> Target? {
        if let host, let product = product(of: host) {
            return Target(product: product, host: host, path: path, baseURL: "\(scheme)://\(host)")
        }
        let segments = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = segments.first, let product = product(of: String(first)) else { return nil }
        let rest = segments.count > 1 ? "/" + segments[1] : "/"
        return Target(product: product, host: String(first), path: rest,
                      baseURL: "\(scheme)://\(host ?? "127.0.0.1")/\(first)")
    }
}
