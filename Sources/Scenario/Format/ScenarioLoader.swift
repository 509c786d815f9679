import Foundation
import Platform
import Simulator
import Stubs
import TwiML
import Webhooks

/// Reads scenario files (docs/scenarios.md): a file is one scenario, or one per row of its
/// `rows` table. Every error names `file:line:col` and what was expected there.
public enum ScenarioLoader {
    static let topLevelKeys = ["name", "description", "seed", "account", "api_keys", "app", "timeouts", "functions", "numbers",
                               "messaging_services", "proxy_services", "carrier", "parties", "transcription", "conferences", "queues",
                               "variables", "include", "rows", "steps", "expect", "serverless"] + ConversationsReader.topLevelKeys
    static let includeKeys = ["app", "account", "api_keys", "functions", "numbers", "messaging_services", "proxy_services", "carrier", "parties", "transcription",
                              "conferences", "queues", "variables", "timeouts", "steps", "serverless"] + ConversationsReader.topLevelKeys

    /// Loads the scenarios of one file.
    public static func load(file path: String) throws(ScenarioError) -> [Scenario] {
        let root = try parse(path)
        let fields = try root.fields("a scenario", allowed: topLevelKeys)
        var variables: [String: String] = [:]
        var included: [YAMLNode] = []
        if let includes = fields["include"] {
            for entry in try includes.list("a list of files to include") {
                let relative = try entry.string("a file path")
                let includedPath = URL(fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: path).deletingLastPathComponent()).path
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: includedPath, isDirectory: &isFolder) else {
                    throw entry.fail("cannot include '\(relative)': no such file")
                }
                guard !isFolder.boolValue else { throw entry.fail("cannot include '\(relative)': it is a folder; include a file of definitions") }
                let node = try parse(includedPath)
                let includedFields = try node.fields("an included file", allowed: includeKeys)
                if let values = includedFields["variables"] { variables.merge(try readVariables(values), uniquingKeysWith: { $1 }) }
                included.append(node)
            }
        }
        if let values = fields["variables"] { variables.merge(try readVariables(values), uniquingKeysWith: { $1 }) }
        func name(_ variables: [String: String]) throws(ScenarioError) -> String {
            guard let given = fields["name"] else { return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }
            return try given.with(variables: variables).string()
        }
        guard let rows = fields["rows"] else {
            return [try build(root, included: included, variables: variables, name: try name(variables), file: path)]
        }
        return try rows.sequence("a list of rows").enumerated().map { (index, row) throws(ScenarioError) in
            var rowVariables = variables
            let values = try readVariables(row)
            rowVariables.merge(values, uniquingKeysWith: { $1 })
            let label = values["name"] ?? "row \(index + 1)"
            var scenario = try build(root, included: included, variables: rowVariables, name: "\(try name(rowVariables)) [\(label)]",
                                     file: path)
            scenario.location = row.location
            return scenario
        }
    }

    private static func parse(_ path: String) throws(ScenarioError) -> YAMLNode {
        guard let bytes = readBytes(path) else {
            throw ScenarioError(SourceLocation(file: path, line: 0, column: 0), "cannot read the file")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ScenarioError(SourceLocation(file: path, line: 1, column: 1), "the file is not UTF-8 text")
        }
        return try YAMLNode.parse(bytes, file: path)
    }

    /// A file's bytes with one open and read (a scenario is small; Foundation's reading asks
    /// more of the file system per file).
    private static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func readVariables(_ node: YAMLNode) throws(ScenarioError) -> [String: String] {
        guard case .mapping(let mapping) = node.node else { throw node.fail("expected variables (a mapping of name: value)") }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard case .scalar(let name) = key, case .scalar(let text) = value else {
                throw YAMLNode(node: value, file: node.file, variables: [:]).fail("expected a plain value")
            }
            result[name.string] = text.string
        }
        return result
    }

    /// One scenario from the file's root (and its includes) with a set of variables.
    private static func build(_ root: YAMLNode, included: [YAMLNode], variables: [String: String], name: String,
                              file: String) throws(ScenarioError) -> Scenario {
        var scenario = Scenario(name: name, file: file, location: root.location)
        scenario.world.stream = name
        let errors = ErrorList()
        for (index, node) in (included + [root]).enumerated() {
            let isRoot = index == included.count
            errors.collect { () throws(ScenarioError) in
                let fields = try node.with(variables: variables).fields(isRoot ? "a scenario" : "an included file",
                                                                        allowed: isRoot ? topLevelKeys : includeKeys)
                try apply(fields, to: &scenario, isRoot: isRoot)
            }
        }
        errors.collect { () throws(ScenarioError) in 
            let saved = scenario.steps.flatMap { step -> [String] in
                if case .rest(_, _, let save) = step.value { return save.map(\.variable) }
                return []
            }
            try PlaceholderCheck.check(included + [root], hasApp: scenario.appBaseURL != nil || scenario.app != nil,
                                       saved: saved + ServerlessReader.placeholderNames(scenario.world.serverless))
        }
        try errors.throwIfAny()
        return scenario
    }

    private static func apply(_ fields: Fields, to scenario: inout Scenario, isRoot: Bool) throws(ScenarioError) {
        // Each section, and each step and expectation, is read even when another is broken: a file
        // shows every mistake at once.
        let errors = ErrorList()
        errors.collect { () throws(ScenarioError) in if let seed = fields["seed"] { scenario.seed = UInt64(try seed.integer("a seed", in: 0...Int.max)) } }
        errors.collect { () throws(ScenarioError) in
            if let account = fields["account"] {
                let values = try account.fields("account", allowed: ["sid", "auth_token", "start_time", "test_credentials"])
                if let sid = values["sid"] {
                    let text = try sid.string("an account SID")
                    guard text.hasPrefix("AC"), SID(text) != nil else { throw sid.fail("expected an account SID: AC and 32 hex digits") }
                    scenario.world.accountSid = text
                }
                if let token = values["auth_token"] { scenario.world.authToken = try token.string() }
                if let test = values["test_credentials"] {
                    let credentials = try test.fields("test credentials", allowed: ["sid", "auth_token"])
                    let sid = try credentials.required("sid").string("a test account SID")
                    guard sid.hasPrefix("AC"), SID(sid) != nil else {
                        throw try credentials.required("sid").fail("expected a test account SID: AC and 32 hex digits")
                    }
                    scenario.world.testCredentials = TestCredentials(accountSid: sid, authToken: try credentials.required("auth_token").string())
                }
                if let start = values["start_time"] { scenario.world.startTime = try start.time() }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let keys = fields["api_keys"] {
                for entry in try keys.sequence("a list of API keys") {
                    errors.collect { () throws(ScenarioError) in
                        let values = try entry.fields("an API key", allowed: ["sid", "secret", "friendly_name"])
                        let sid = try values.required("sid").string("an API key SID")
                        guard sid.hasPrefix("SK"), SID(sid) != nil else { throw try values.required("sid").fail("expected an API key SID: SK and 32 hex digits") }
                        scenario.world.apiKeys.append(APIKey(sid: sid, secret: try values.required("secret").string(),
                                                             friendlyName: try values["friendly_name"]?.string()))
                    }
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let app = fields["app"] {
                (scenario.appBaseURL, scenario.app) = try AppReader.read(app)
            }
        }
        errors.collect { () throws(ScenarioError) in if let timeouts = fields["timeouts"] { scenario.timeouts = try readTimeouts(timeouts) } }
        errors.collect { () throws(ScenarioError) in
            if let functions = fields["functions"] {
                guard case .mapping(let mapping) = functions.node else { throw functions.fail("expected functions (a mapping of path: definition)") }
                for (key, value) in mapping {
                    guard case .scalar(let path) = key, path.string.hasPrefix("/") else {
                        throw YAMLNode(node: key, file: functions.file, variables: functions.variables).fail("expected a function path starting with /")
                    }
                    scenario.functions[path.string] = try readFunction(YAMLNode(node: value, file: functions.file, variables: functions.variables))
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let numbers = fields["numbers"] {
                for entry in try numbers.sequence("a list of numbers") {
                    errors.collect { () throws(ScenarioError) in scenario.world.numbers.append(try readNumber(entry)) }
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let services = fields["messaging_services"] {
                for entry in try services.sequence("a list of Messaging Services") {
                    errors.collect { () throws(ScenarioError) in scenario.world.messagingServices.append(try readService(entry)) }
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let services = fields["proxy_services"] {
                for entry in try services.sequence("a list of Proxy Services") {
                    let service = try ProxyReader.service(entry)
                    guard !scenario.world.proxyServices.contains(where: { $0.uniqueName == service.uniqueName }) else {
                        throw entry.fail("UniqueName '\(service.uniqueName)' is already used by another Proxy Service")
                    }
                    scenario.world.proxyServices.append(service)
                }
            }
        }
        errors.collect { () throws(ScenarioError) in try ConversationsReader.read(fields, into: &scenario.world.conversations) }
        errors.collect { () throws(ScenarioError) in
            if let serverless = fields["serverless"] {
                for (service, functions) in try ServerlessReader.read(serverless) {
                    scenario.world.serverless.append(service)
                    scenario.serverlessFunctions.merge(functions) { $1 }
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let carrier = fields["carrier"] {
                scenario.world.carrier = try carrier.list("carrier rules").map { (node) throws(ScenarioError) in try readCarrier(node) }
                    + [CarrierRule()]
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let parties = fields["parties"] {
                scenario.world.parties = try parties.list("party rules").map { (node) throws(ScenarioError) in try VoiceReader.party(node) }
                    + [PartyRule()]
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let conferences = fields["conferences"] {
                scenario.world.conferences += try conferences.sequence("a list of conferences").map { (node) throws(ScenarioError) in
                    try VoiceReader.conference(node)
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let queues = fields["queues"] {
                scenario.world.queues += try queues.sequence("a list of queues").map { (node) throws(ScenarioError) in try VoiceReader.queue(node) }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let transcription = fields["transcription"] {
                scenario.world.transcription = try VoiceReader.transcription(transcription)
            }
        }
        errors.collect { () throws(ScenarioError) in
            if let steps = fields["steps"] {
                for node in try steps.sequence("a list of steps") {
                    errors.collect { () throws(ScenarioError) in scenario.steps.append(Located(value: try StepReader.read(node), location: node.location)) }
                }
            }
        }
        errors.collect { () throws(ScenarioError) in
            if isRoot, let expectations = fields["expect"] {
                for node in try expectations.sequence("a list of expectations") {
                    errors.collect { () throws(ScenarioError) in scenario.expectations.append(Located(value: try ExpectationReader.read(node), location: node.location)) }
                }
            }
        }
        try errors.throwIfAny()
    }

    private static func readTimeouts(_ node: YAMLNode) throws(ScenarioError) -> ConnectionOverrides {
        let fields = try node.fields("timeouts", allowed: ["connect", "read", "total", "retries"])
        var overrides = ConnectionOverrides()
        // The connection overrides' own bounds (`#ct`, `#rt`, `#tt`), in milliseconds.
        func milliseconds(_ node: YAMLNode, _ range: ClosedRange<Int>) throws(ScenarioError) -> Int {
            let value = Int((try node.duration(atMost: Double(range.upperBound) / 1000) * 1000).rounded())
            guard range.contains(value) else { throw node.fail("expected a duration from \(range.lowerBound)ms to \(range.upperBound)ms") }
            return value
        }
        if let connect = fields["connect"] { overrides.connectTimeout = try milliseconds(connect, ConnectionOverrides.connectTimeoutRange) }
        if let read = fields["read"] { overrides.readTimeout = try milliseconds(read, ConnectionOverrides.readTimeoutRange) }
        if let total = fields["total"] { overrides.totalTime = try milliseconds(total, ConnectionOverrides.totalTimeRange) }
        if let retries = fields["retries"] { overrides.retryCount = try retries.integer("a retry count", in: 0...5) }
        return overrides
    }

    private static let functionKeys = ["twiml", "body", "status", "content_type", "headers", "set_cookie", "delay", "rest"]

    /// A function, or (with `base`) one of its `when` cases, which starts from the function's answer.
    static func readFunction(_ node: YAMLNode, base: FunctionDefinition? = nil) throws(ScenarioError) -> FunctionDefinition {
        let fields = try node.fields(base == nil ? "a function" : "a function case",
                                     allowed: functionKeys + (base == nil ? ["when"] : ["match"]))
        var function = base ?? FunctionDefinition()
        if let twiml = fields["twiml"] {
            function.body = try twiml.string()
            function.contentType = "text/xml"
        } else if let body = fields["body"] {
            function.body = try body.string()
            function.contentType = "text/plain"
        }
        if let status = fields["status"] { function.status = try status.integer("an HTTP status", in: 100...599) }
        if let type = fields["content_type"] { function.contentType = try type.string() }
        if let cookie = fields["set_cookie"] { function.setCookie = try cookie.string() }
        if let delay = fields["delay"] { function.delay = try delay.duration(atMost: FunctionDefinition.longestDelay) }
        if let rest = fields["rest"] {
            function.rest = try rest.list("a list of REST requests").map { (entry) throws(ScenarioError) in try StepReader.rest(entry) }
        }
        if let headers = fields["headers"] {
            guard case .mapping(let mapping) = headers.node else { throw headers.fail("expected headers (a mapping of name: value)") }
            for (key, value) in mapping {
                guard case .scalar(let name) = key, case .scalar(let text) = value else { throw headers.fail("expected header name: value") }
                function.headers.append((name.string, text.string))
            }
        }
        if let cases = fields["when"] {
            function.cases = try cases.sequence("a list of cases").map { (entry) throws(ScenarioError) in
                let match = try entry.fields("a function case", allowed: functionKeys + ["match"]).required("match")
                guard case .mapping(let mapping) = match.node, !mapping.isEmpty else {
                    throw match.fail("expected match (a mapping of parameter: regular expression)")
                }
                var patterns: [(name: String, pattern: String)] = []
                for (key, value) in mapping {
                    let pattern = try YAMLNode(node: value, file: match.file, variables: match.variables).string("a regular expression")
                    guard (try? Regex(pattern)) != nil else { throw match.fail("not a valid regular expression: \(pattern)") }
                    patterns.append((key.string ?? "", pattern))
                }
                return FunctionCase(patterns: patterns, answer: try readFunction(entry, base: function))
            }
        }
        return function
    }

    private static func readNumber(_ node: YAMLNode) throws(ScenarioError) -> NumberConfiguration {
        let fields = try node.fields("a number", allowed: ["number", "sms_url", "sms_method", "sms_fallback_url",
                                                            "sms_fallback_method", "status_callback"] + VoiceReader.numberKeys)
        var number = NumberConfiguration(number: try fields.required("number").phoneNumber())
        number.smsURL = try fields["sms_url"]?.string()
        if let method = fields["sms_method"] { number.smsMethod = try readMethod(method) }
        number.smsFallbackURL = try fields["sms_fallback_url"]?.string()
        if let method = fields["sms_fallback_method"] { number.smsFallbackMethod = try readMethod(method) }
        number.statusCallback = try fields["status_callback"]?.string()
        number.voice = try VoiceReader.settings(fields)
        return number
    }

    private static func readService(_ node: YAMLNode) throws(ScenarioError) -> MessagingServiceConfiguration {
        let fields = try node.fields("a Messaging Service", allowed: [
            "name", "friendly_name", "inbound_request_url", "inbound_method", "fallback_url", "fallback_method", "status_callback",
            "sticky_sender", "mms_converter", "smart_encoding", "area_code_geomatch", "fallback_to_long_code",
            "scan_message_content", "synchronous_validation", "validity_period", "usecase", "us_app_to_person_registered",
            "use_inbound_webhook_on_number", "senders",
        ])
        let name = try fields.required("name").string()
        var generator = SIDGenerator(seed: 0, stream: "messaging-service:" + name)
        var service = MessagingServiceConfiguration(name: name, sid: generator.next(.messagingService).description)
        if let friendly = fields["friendly_name"] {
            service.friendlyName = try friendly.string()
            guard service.friendlyName.count <= 64 else { throw friendly.fail("friendly_name may be at most 64 characters") }
        }
        service.inboundRequestURL = try fields["inbound_request_url"]?.string()
        if let method = fields["inbound_method"] { service.inboundMethod = try readMethod(method) }
        service.fallbackURL = try fields["fallback_url"]?.string()
        if let method = fields["fallback_method"] { service.fallbackMethod = try readMethod(method) }
        service.statusCallback = try fields["status_callback"]?.string()
        if let value = fields["sticky_sender"] { service.stickySender = try value.boolean() }
        if let value = fields["mms_converter"] { service.mmsConverter = try value.boolean() }
        if let value = fields["smart_encoding"] { service.smartEncoding = try value.boolean() }
        if let value = fields["area_code_geomatch"] { service.areaCodeGeomatch = try value.boolean() }
        if let value = fields["fallback_to_long_code"] { service.fallbackToLongCode = try value.boolean() }
        if let value = fields["synchronous_validation"] { service.synchronousValidation = try value.boolean() }
        if let value = fields["us_app_to_person_registered"] { service.usAppToPersonRegistered = try value.boolean() }
        if let value = fields["use_inbound_webhook_on_number"] { service.useInboundWebhookOnNumber = try value.boolean() }
        if let value = fields["scan_message_content"] {
            service.scanMessageContent = try value.string()
            guard ["inherit", "enable", "disable"].contains(service.scanMessageContent) else {
                throw value.fail("expected one of inherit, enable, disable")
            }
        }
        if let value = fields["usecase"] {
            service.usecase = try value.string()
            let usecases = ["notifications", "marketing", "verification", "discussion", "poll", "undeclared"]
            guard usecases.contains(service.usecase) else { throw value.fail("expected one of " + usecases.joined(separator: ", ")) }
        }
        if let value = fields["validity_period"] {
            service.validityPeriod = Double(try value.integer("a number of seconds", in: 1...36_000))
        }
        if let senders = fields["senders"] {
            service.senders = try senders.list("a list of sender numbers").map { (node) throws(ScenarioError) in try node.phoneNumber() }
        }
        return service
    }

    private static func readCarrier(_ node: YAMLNode) throws(ScenarioError) -> CarrierRule {
        let fields = try node.fields("a carrier rule", allowed: ["to", "outcome", "error_code", "delay", "queue_time", "mms"])
        var rule = CarrierRule()
        rule.to = try fields["to"]?.phoneNumber()
        if let outcome = fields["outcome"] { rule.outcome = try outcome.choice(CarrierOutcome.self) }
        rule.errorCode = try fields["error_code"].map { node throws(ScenarioError) in TwilioErrorCode(try node.integer("an error code", in: 1...99_999)) }
        if let delay = fields["delay"] { rule.delay = try delay.duration() }
        if let queue = fields["queue_time"] { rule.queueTime = try queue.duration() }
        if let mms = fields["mms"] { rule.acceptsMMS = try mms.boolean() }
        return rule
    }

    static func readMethod(_ node: YAMLNode) throws(ScenarioError) -> HTTPMethod {
        guard let method = HTTPMethod(rawValue: try node.string().uppercased()) else { throw node.fail("expected GET or POST") }
        return method
    }
}
