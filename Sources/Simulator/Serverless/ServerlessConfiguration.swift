import Platform

/// A Serverless Service a scenario declares: its environments (each with its variables), and
/// the functions and assets built and deployed to every one of them before the first step.
public struct ServerlessServiceDeclaration: Sendable {
    public struct Environment: Sendable {
        public var uniqueName: String
        public var domainSuffix: String?
        public var variables: [(key: String, value: String)] = []

        public init(uniqueName: String, domainSuffix: String? = nil) {
            self.uniqueName = uniqueName
            self.domainSuffix = domainSuffix
        }
    }

    /// A function or an asset at a path.
    public struct Item: Sendable {
        public var path: String
        public var visibility: ServerlessVisibility
        /// An asset's content.
        public var content: [UInt8] = []
        public var contentType = "text/plain"
        /// A function's built-in function (its loopback URL, known once the run serves it).
        public var origin: String?

        public init(path: String, visibility: ServerlessVisibility) {
            self.path = path
            self.visibility = visibility
        }
    }

    public var uniqueName: String
    public var friendlyName: String
    public var includeCredentials = true
    /// Default: one environment, `production`, without a domain suffix.
    public var environments: [Environment] = [Environment(uniqueName: "production")]
    public var functions: [Item] = []
    public var assets: [Item] = []

    public init(uniqueName: String, friendlyName: String) {
        self.uniqueName = uniqueName
        self.friendlyName = friendlyName
    }

    /// The start of a service's domains, `{unique_name}-{digits}`: the digits drawn from the
    /// scenario's seed and the service's name, so they are stable per scenario.
    public static func domainBase(service uniqueName: String, seed: UInt64, stream: String) -> String {
        var generator = SIDGenerator(seed: seed, stream: stream + "/serverless-domain/" + uniqueName)
        return "\(uniqueName.lowercased())-\(1_000 + Int(generator.nextWord() % 9_000))"
    }

    /// An environment's domain: `{domain_base}[-{suffix}].twil.io`.
    public static func domain(base: String, suffix: String?) -> String {
        base + (suffix.flatMap { $0.isEmpty ? nil : "-" + $0.lowercased() } ?? "") + ".twil.io"
    }
}
