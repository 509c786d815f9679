import Webhooks

/// Reads one step: `sms`, `mms`, `send`, `wait`, `call`, or a Proxy API request.
enum StepReader {
    static let kinds = ["sms", "mms", "send", "wait", "call"] + ProxyReader.stepKinds

    static func read(_ node: YAMLNode) throws(ScenarioError) -> Step {
        let (kind, value) = try node.single("a step", allowed: kinds)
        switch kind {
        case "wait":
            return .wait(try value.duration())
        case "call":
            return try VoiceReader.call(value)
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
