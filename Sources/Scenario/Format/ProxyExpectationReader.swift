import Simulator

/// Reads the Proxy expectations: `session` and `interaction` (docs/scenarios.md).
enum ProxyExpectationReader {
    static let interactionKeys = ["session", "from", "to", "type", "body", "blocked", "inbound_status", "outbound_status"]

    static func session(_ node: YAMLNode) throws(ScenarioError) -> ProxySessionExpectation {
        let fields = try node.fields("a session expectation", allowed: ["unique_name", "participant", "status", "closed_reason", "mode",
                                                                        "proxy_numbers", "interactions"])
        var expectation = ProxySessionExpectation()
        expectation.uniqueName = try fields["unique_name"]?.string()
        expectation.participant = try fields["participant"].map { (node) throws(ScenarioError) in
            try ProxyReader.address(node, shortCodes: false)
        }
        guard expectation.uniqueName != nil || expectation.participant != nil else {
            throw node.fail("a session expectation needs 'unique_name' or 'participant' to find its session")
        }
        expectation.status = try fields["status"]?.choice(ProxySessionStatus.self)
        expectation.closedReason = try fields["closed_reason"]?.string()
        expectation.mode = try fields["mode"]?.choice(ProxySessionMode.self)
        if let numbers = fields["proxy_numbers"] {
            guard case .mapping(let mapping) = numbers.node else {
                throw numbers.fail("expected proxy_numbers (a mapping of participant: proxy number)")
            }
            for (key, value) in mapping {
                let identifier = try ProxyReader.address(YAMLNode(node: key, file: numbers.file, variables: numbers.variables), shortCodes: false)
                expectation.proxyNumbers[identifier] = try ProxyReader.address(
                    YAMLNode(node: value, file: numbers.file, variables: numbers.variables), shortCodes: true)
            }
        }
        expectation.interactions = try fields["interactions"]?.integer("a number of interactions", in: 0...1_000_000)
        return expectation
    }

    static func interaction(_ fields: Fields) throws(ScenarioError) -> InteractionMatcher {
        var matcher = InteractionMatcher()
        matcher.session = try fields["session"]?.string()
        matcher.from = try fields["from"].map { (node) throws(ScenarioError) in try ProxyReader.address(node, shortCodes: false) }
        matcher.to = try fields["to"].map { (node) throws(ScenarioError) in try ProxyReader.address(node, shortCodes: false) }
        matcher.type = try fields["type"]?.choice(InteractionType.self)
        matcher.body = try fields["body"]?.string()
        matcher.blocked = try fields["blocked"]?.boolean()
        matcher.inboundStatus = try fields["inbound_status"]?.string()
        matcher.outboundStatus = try fields["outbound_status"]?.string()
        return matcher
    }
}
