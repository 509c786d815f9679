import RESTAPI
import Webhooks

/// Reads one step: `sms`, `mms`, `send`, `wait`, `call`, `rest`, a Proxy API request, or a
/// Conversations action (`chat`, `conversation_update`).
enum StepReader {
    static let kinds = ["sms", "mms", "send", "wait", "call", "rest"] + ProxyReader.stepKinds + ConversationsReader.stepKinds

    static func read(_ node: YAMLNode) throws(ScenarioError) -> Step {
        let (kind, value) = try node.single("a step", allowed: kinds)
        switch kind {
        case "wait":
            return .wait(try value.duration())
        case "call":
            return try VoiceReader.call(value)
        case "rest":
            let fields = try value.fields("a rest step", allowed: ["method", "url", "params", "credentials", "headers", "body", "files", "save", "times"])
            return .rest(try rest(value, allowing: ["save", "times"]), times: try fields["times"]?.integer("a number of times", in: 1...10_000) ?? 1,
                         save: try fields["save"]?.stringPairs("save").map { ($0.name, $0.value) } ?? [])
        case _ where ConversationsReader.stepKinds.contains(kind):
            return try ConversationsReader.step(kind, value)
        case _ where ProxyReader.stepKinds.contains(kind):
            return .proxy(try ProxyReader.step(kind, value))
        case "send":
            let fields = try value.fields("a send step", allowed: ["from", "service", "to", "body", "media", "status_callback"])
            if fields["from"] == nil, fields["service"] == nil { throw value.fail("a send step needs 'from' or 'service'") }
            return .send(from: try fields["from"]?.phoneNumber(), service: try fields["service"]?.string(),
                         to: try fields.required("to").phoneNumber(), body: try fields["body"]?.string() ?? "",
                         media: try media(fields), statusCallback: try fields["status_callback"]?.string())
        default:
            let fields = try value.fields("an \(kind) step", allowed: ["from", "to", "body", "media", "params"])
            let media = try media(fields)
            if kind == "mms", media.isEmpty { throw value.fail("an mms step needs 'media' (one or more URLs)") }
            guard media.count <= 10 else { throw value.fail("a message carries at most 10 media") }
            let body = try fields["body"]?.string() ?? ""
            guard body.count <= 1_600 else { throw value.fail("a message body is at most 1600 characters") }
            return .inboundMessage(from: try fields.required("from").phoneNumber(), to: try fields.required("to").phoneNumber(),
                                   body: body, media: media, parameters: try parameters(fields["params"]))
        }
    }

    /// A REST request: `method`, `url` (a platform URL, or a 2010 path), `params` (a mapping;
    /// a list value repeats its key), optional `credentials` (`user`, `password`), `headers`
    /// (`X-Twilio-Webhook-Enabled: "true"`), a raw form `body`, and `files` (sent as
    /// `multipart/form-data`: `{Content: {body, content_type, filename}}`).
    static func rest(_ node: YAMLNode, allowing extra: [String] = []) throws(ScenarioError) -> RESTCall {
        let fields = try node.fields("a rest request", allowed: ["method", "url", "params", "credentials", "headers", "body", "files"] + extra)
        let url = try fields.required("url").string("a URL of the platform's API")
        var call = RESTCall(method: try fields["method"]?.choice(RESTMethod.self).rawValue ?? "POST", url: url)
        guard url.contains("{{") || call.target != nil else {
            throw try fields.required("url").fail("expected a URL of the platform's API (https://api.twilio.com/…, https://proxy.twilio.com/v1/…) "
                                              + "or a path of the 2010 API (/2010-04-01/Accounts/{{account_sid}}/…)")
        }
        if let params = fields["params"] {
            guard case .mapping(let mapping) = params.node else { throw params.fail("expected params (a mapping of name: value)") }
            for (key, value) in mapping {
                let valueNode = params.child(value)
                guard case .scalar(let name) = key, !name.string.isEmpty else { throw valueNode.fail("expected a parameter name") }
                if case .sequence = value {
                    for item in try valueNode.sequence("a list of values") { call.parameters.append((name.string, try item.string("a value"))) }
                } else {
                    call.parameters.append((name.string, try valueNode.string("a value")))
                }
            }
        }
        if let headers = fields["headers"] { call.headers = try headers.stringPairs("headers").map { ($0.name, $0.value) } }
        call.body = try fields["body"]?.string()
        if let files = fields["files"] {
            guard case .mapping(let mapping) = files.node else { throw files.fail("expected files (a mapping of part name: {body, content_type, filename})") }
            for (key, value) in mapping {
                guard case .scalar(let name) = key else { throw files.fail("expected a part name") }
                let values = try files.child(value).fields("a file part", allowed: ["body", "content_type", "filename"])
                call.files.append((name.string, UploadedFile(content: Array(try values.required("body").string().utf8),
                                                            contentType: try values["content_type"]?.string() ?? "application/octet-stream",
                                                            filename: try values["filename"]?.string() ?? name.string)))
            }
        }
        if let credentials = fields["credentials"] {
            let values = try credentials.fields("credentials", allowed: ["user", "password"])
            call.credentials = (try values.required("user").string(), try values.required("password").string())
        }
        return call
    }

    /// `params:`, a mapping of webhook parameter names to the values sent in place of the
    /// platform's (`FromCity: OAKLAND`), or beside them when the platform sends no such name.
    static func parameters(_ node: YAMLNode?) throws(ScenarioError) -> [Parameter] {
        guard let node else { return [] }
        return try node.stringPairs("params").map { Parameter($0.name, $0.value) }
    }

    private static func media(_ fields: Fields) throws(ScenarioError) -> [String] {
        guard let media = fields["media"] else { return [] }
        return try media.list("a list of media URLs").map { (node) throws(ScenarioError) in try node.string("a media URL") }
    }
}

/// The methods the REST API takes.
enum RESTMethod: String, CaseIterable {
    case get = "GET"
    case post = "POST"
    case delete = "DELETE"
}
