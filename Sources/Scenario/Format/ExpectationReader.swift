import Simulator

/// Reads one expectation (docs/scenarios.md lists them all).
enum ExpectationReader {
    static let kinds = ["webhook", "webhooks_in_order", "answer", "message", "status_callbacks", "call", "conference", "session",
                        "interaction", "error", "warning", "no_errors", "api_request", "conversation"]
    static let webhookKeys = ["url", "method", "purpose", "params", "params_exact", "params_match", "without_params", "headers",
                              "without_headers", "response_headers", "status", "location", "within"]

    static func read(_ node: YAMLNode) throws(ScenarioError) -> Expectation {
        let (kind, value) = try node.single("an expectation", allowed: kinds)
        switch kind {
        case "webhook":
            let fields = try value.fields("a webhook expectation", allowed: webhookKeys + ["count", "never"])
            return .webhook(try webhook(fields), count: try count(fields))
        case "webhooks_in_order":
            return .webhooksInOrder(try value.sequence("a list of webhooks").map { (entry) throws(ScenarioError) in
                if let request = try entry.fields("a webhook", allowed: webhookKeys + ["api_request"])["api_request"] {
                    return .apiRequest(try apiRequest(try request.fields("an API request", allowed: apiRequestKeys)))
                }
                return .webhook(try webhook(try entry.fields("a webhook", allowed: webhookKeys)))
            })
        case "answer":
            let fields = try value.fields("an answer expectation", allowed: webhookKeys + [
                "http_status", "verbs", "xpath", "diagnostics", "error_code", "fallback"])
            var answer = AnswerExpectation(webhook: try webhook(fields))
            answer.status = try fields["http_status"]?.integer("an HTTP status", in: 100...599)
            answer.verbs = try fields["verbs"].map { (node) throws(ScenarioError) in
                try node.list("a list of verbs").map { (verb) throws(ScenarioError) in try verb.string("a verb name") }
            }
            if let xpath = fields["xpath"] {
                guard case .mapping(let mapping) = xpath.node else { throw xpath.fail("expected xpath (a mapping of expression: value)") }
                for (key, entry) in mapping {
                    let expression = YAMLNode(node: key, file: xpath.file, variables: xpath.variables)
                    let expected = YAMLNode(node: entry, file: xpath.file, variables: xpath.variables)
                    answer.xpath.append((try expression.string("an XPath expression"), try expected.string("the expected value")))
                }
            }
            answer.diagnostics = try fields["diagnostics"].map { (node) throws(ScenarioError) in
                try node.list("a list of codes").map { (code) throws(ScenarioError) in try code.integer("an error code") }
            }
            answer.errorCode = try fields["error_code"]?.integer("an error code", in: 1...99_999)
            answer.usedFallback = try fields["fallback"]?.boolean()
            return .answer(answer)
        case "message":
            let fields = try value.fields("a message expectation", allowed: [
                "to", "from", "body", "body_contains", "body_matches", "media", "segments", "encoding", "status", "error_code",
                "within", "via", "count", "never"])
            var matcher = MessageMatcher()
            if let via = fields["via"] {
                switch try via.string() {
                case "api": matcher.direction = "outbound-api"
                case "twiml": matcher.direction = "outbound-reply"
                default: throw via.fail("expected via: api (sent through the REST API) or twiml (a <Message> reply)")
                }
            }
            matcher.to = try fields["to"]?.phoneNumber()
            matcher.from = try fields["from"]?.string()
            matcher.body = try fields["body"]?.string()
            matcher.bodyContains = try fields["body_contains"]?.string()
            matcher.bodyPattern = try pattern(fields["body_matches"])
            matcher.media = try fields["media"].map { (node) throws(ScenarioError) in
                try node.list("a list of media URLs").map { (url) throws(ScenarioError) in try url.string() }
            }
            matcher.segments = try fields["segments"]?.integer("a segment count", in: 0...100)
            matcher.encoding = try fields["encoding"]?.string()
            matcher.status = try fields["status"]?.choice(MessageStatus.self)
            matcher.errorCode = try fields["error_code"]?.integer("an error code", in: 1...99_999)
            matcher.within = try fields["within"]?.duration()
            return .message(matcher, count: try count(fields))
        case "status_callbacks":
            let fields = try value.fields("a status_callbacks expectation", allowed: ["to", "statuses", "error_code"])
            let statuses = try fields.required("statuses").list("a list of statuses").map { (node) throws(ScenarioError) in
                try node.choice(MessageStatus.self).rawValue
            }
            return .statusCallbacks(StatusCallbackExpectation(to: try fields.required("to").phoneNumber(), statuses: statuses,
                                                              errorCode: try fields["error_code"]?.integer("an error code")))
        case "call":
            return .call(try callExpectation(value))
        case "api_request":
            let fields = try value.fields("an api_request expectation", allowed: apiRequestKeys + ["count", "never"])
            return .apiRequest(try apiRequest(fields), count: try count(fields))
        case "session":
            return .proxySession(try ProxyExpectationReader.session(value))
        case "conversation":
            return .conversation(try ConversationsReader.expectation(value))
        case "interaction":
            let fields = try value.fields("an interaction expectation", allowed: ProxyExpectationReader.interactionKeys + ["count", "never"])
            return .interaction(try ProxyExpectationReader.interaction(fields), count: try count(fields))
        case "conference":
            let fields = try value.fields("a conference expectation", allowed: ["name", "events", "reason_ended", "beeps"])
            var expected = ConferenceExpectation(name: try fields.required("name").string("a conference name"))
            expected.events = try fields["events"]?.list("a list of conference events").map { (node) throws(ScenarioError) in
                try node.string("an event such as participant-join")
            }
            expected.reasonEnded = try fields["reason_ended"]?.string()
            expected.beeps = try fields["beeps"]?.integer("a number of beeps", in: 0...10_000)
            return .conference(expected)
        case "error", "warning":
            var matcher = ProblemMatcher()
            matcher.severity = kind == "warning" ? .warning : nil
            guard case .mapping = value.node else {
                matcher.code = try value.integer("an error code", in: 1...99_999)
                return .problem(matcher)
            }
            let fields = try value.fields("an \(kind) expectation", allowed: ["code", "message_contains", "line", "column"])
            guard fields["code"] != nil || fields["message_contains"] != nil || fields["line"] != nil else {
                throw value.fail("an \(kind) expectation needs 'code', 'message_contains' or 'line'")
            }
            matcher.code = try fields["code"]?.integer("an error code", in: 1...99_999)
            matcher.messageContains = try fields["message_contains"]?.string()
            matcher.line = try fields["line"]?.integer("a line number", in: 1...1_000_000)
            matcher.column = try fields["column"]?.integer("a column number", in: 1...1_000_000)
            return .problem(matcher)
        default:
            if case .mapping = value.node {
                let fields = try value.fields("a no_errors expectation", allowed: ["count_warnings"])
                return .noErrors(countWarnings: try fields.required("count_warnings").boolean())
            }
            guard try value.boolean() else { throw value.fail("no_errors takes true, or {count_warnings: true}") }
            return .noErrors(countWarnings: false)
        }
    }

    private static func callExpectation(_ node: YAMLNode) throws(ScenarioError) -> CallExpectation {
        let fields = try node.fields("a call expectation", allowed: [
            "from", "to", "direction", "status", "duration", "verbs", "said", "played", "gathered", "dialled", "caller_id", "dial_status",
            "status_callbacks", "caller_hung_up"])
        func strings(_ key: String) throws(ScenarioError) -> [String]? {
            try fields[key].map { (node) throws(ScenarioError) in
                try node.list("a list").map { (entry) throws(ScenarioError) in try entry.string() }
            }
        }
        var expectation = CallExpectation()
        expectation.from = try fields["from"].map { (node) throws(ScenarioError) in try ProxyReader.address(node, shortCodes: false) }
        expectation.to = try fields["to"].map { (node) throws(ScenarioError) in try ProxyReader.address(node, shortCodes: false) }
        if let direction = fields["direction"] {
            expectation.direction = try direction.string()
            guard ["inbound", "outbound-dial", "outbound-api"].contains(expectation.direction!) else { throw direction.fail("expected inbound, outbound-dial or outbound-api (placed through the REST API)") }
        }
        expectation.status = try fields["status"]?.choice(CallStatus.self)
        expectation.duration = try fields["duration"]?.integer("a number of seconds", in: 0...86_400)
        expectation.verbs = try strings("verbs")
        expectation.said = try strings("said")
        expectation.played = try strings("played")
        expectation.gathered = try strings("gathered")
        expectation.dialled = try strings("dialled")
        expectation.callerId = try fields["caller_id"]?.string()
        expectation.dialStatus = try fields["dial_status"]?.string()
        expectation.statusCallbacks = try strings("status_callbacks")
        expectation.callerHungUp = try fields["caller_hung_up"]?.boolean()
        return expectation
    }

    private static func webhook(_ fields: Fields) throws(ScenarioError) -> WebhookMatcher {
        var matcher = WebhookMatcher()
        matcher.url = try fields["url"]?.string()
        if let method = fields["method"] { matcher.method = try ScenarioLoader.readMethod(method).rawValue }
        matcher.purpose = try fields["purpose"]?.choice(WebhookPurpose.self)
        if let params = fields["params"] { matcher.parameters = try pairs(params, "params") }
        if let exact = fields["params_exact"] {
            let values = try pairs(exact, "params_exact")
            matcher.parameters.merge(values, uniquingKeysWith: { $1 })
            matcher.exactParameterNames = Array(values.keys)
        }
        if let patterns = fields["params_match"] {
            matcher.patterns = try pairs(patterns, "params_match")
            for (name, regex) in matcher.patterns where (try? Regex(regex)) == nil {
                throw patterns.fail("params_match for '\(name)' is not a valid regular expression: \(regex)")
            }
        }
        if let absent = fields["without_params"] {
            matcher.withoutParameters = try absent.list("a list of parameter names").map { (node) throws(ScenarioError) in try node.string() }
        }
        if let headers = fields["headers"] { matcher.headers = try headerRules(headers, "headers") }
        if let absent = fields["without_headers"] {
            matcher.withoutHeaders = try absent.list("a list of header names").map { (node) throws(ScenarioError) in try node.string() }
        }
        if let headers = fields["response_headers"] { matcher.responseHeaders = try headerRules(headers, "response_headers") }
        matcher.status = try fields["status"]?.integer("an HTTP status", in: 100...599)
        matcher.location = try fields["location"]?.string("a URL")
        matcher.within = try fields["within"]?.duration()
        return matcher
    }

    static let apiRequestKeys = ["method", "path", "operation", "params", "status", "error_code"]

    static func apiRequest(_ fields: Fields) throws(ScenarioError) -> APIRequestMatcher {
        var matcher = APIRequestMatcher()
        matcher.method = try fields["method"]?.choice(RESTMethod.self).rawValue
        matcher.path = try fields["path"]?.string("a part of the path")
        matcher.operation = try fields["operation"]?.string("an operation such as CreateMessage")
        matcher.parameters = try fields["params"]?.stringPairs("params") ?? []
        matcher.status = try fields["status"]?.integer("an HTTP status", in: 100...599)
        matcher.errorCode = try fields["error_code"]?.integer("an error code", in: 1...99_999)
        return matcher
    }

    static func count(_ fields: Fields) throws(ScenarioError) -> CountRule {
        if let never = fields["never"], try never.boolean() { return .exactly(0) }
        if let count = fields["count"] { return .exactly(try count.integer("a count", in: 0...1_000_000)) }
        return .atLeastOnce
    }

    private static func pattern(_ node: YAMLNode?) throws(ScenarioError) -> String? {
        guard let node else { return nil }
        let text = try node.string("a regular expression")
        guard (try? Regex(text)) != nil else { throw node.fail("not a valid regular expression: \(text)") }
        return text
    }

    /// `Name: value` (the exact value), or `Name: {contains: …}`, `{matches: regex}`, `{present: bool}`.
    private static func headerRules(_ node: YAMLNode, _ what: String) throws(ScenarioError) -> [String: HeaderRule] {
        guard case .mapping(let mapping) = node.node else { throw node.fail("expected \(what) (a mapping of name: value or rule)") }
        var rules: [String: HeaderRule] = [:]
        for (key, value) in mapping {
            let valueNode = YAMLNode(node: value, file: node.file, variables: node.variables)
            guard case .scalar(let name) = key else { throw valueNode.fail("expected a header name") }
            guard case .mapping = value else {
                rules[name.string] = .equals(try valueNode.string("a header value"))
                continue
            }
            let (kind, rule) = try valueNode.single("a header rule", allowed: ["contains", "matches", "present"])
            switch kind {
            case "contains": rules[name.string] = .contains(try rule.string("a part of the value"))
            case "matches": rules[name.string] = .matches(try pattern(rule)!)
            default: rules[name.string] = .present(try rule.boolean())
            }
        }
        return rules
    }

    private static func pairs(_ node: YAMLNode, _ what: String) throws(ScenarioError) -> [String: String] {
        Dictionary(try node.stringPairs(what), uniquingKeysWith: { _, last in last })
    }
}
