import Foundation
import FrontDoor
import Platform

/// Reads a scenario's `app:` section: the address of an app started by hand (`base_url`), or
/// how Switchboard starts it (`command`, `cwd`, `env`, `ready`, `restart`).
enum AppReader {
    static let keys = ["base_url", "command", "cwd", "env", "ready", "restart"]

    /// The base URL of an app started by hand, and the definition of one to start (nil then).
    static func read(_ node: YAMLNode) throws(ScenarioError) -> (baseURL: String?, definition: AppDefinition?) {
        let values = try node.fields("app", allowed: keys)
        guard let command = values["command"] else {
            for key in ["cwd", "env", "ready", "restart"] where values[key] != nil {
                throw values[key]!.fail("'\(key)' is for an app Switchboard starts: add app.command")
            }
            let baseURL = try values.required("base_url").string("the app's base URL")
            try checkPlaceholders(in: baseURL, at: values.required("base_url"), allowPort: false)
            return (baseURL, nil)
        }
        var definition = AppDefinition(command: try readCommand(command))
        if let folder = values["cwd"] {
            definition.directory = resolve(try folder.string("a folder"), against: node.file)
        } else {
            definition.directory = folder(of: node.file)
        }
        if let environment = values["env"] {
            for (name, value) in try environment.stringPairs("environment variables") { definition.environment[name] = value }
        }
        if let ready = values["ready"] { try readReadiness(ready, into: &definition) }
        if let restart = values["restart"] {
            let text = try restart.string()
            guard let value = AppDefinition.Restart(rawValue: text) else {
                throw restart.fail("expected per-run, per-file or per-scenario, found '\(text)'" + Spelling.didYouMean(text, among: AppDefinition.Restart.allCases.map(\.rawValue)))
            }
            definition.restart = value
        }
        if let baseURL = values["base_url"] {
            let text = try baseURL.string("the app's base URL")
            try checkPlaceholders(in: text, at: baseURL, allowPort: true)
            definition.baseURL = text
        }
        return (nil, definition)
    }

    private static func readCommand(_ node: YAMLNode) throws(ScenarioError) -> AppDefinition.Command {
        if case .sequence = node.node {
            let words = try node.sequence("the command's words").map { (word) throws(ScenarioError) in
                let text = try word.string("a word of the command")
                try checkPlaceholders(in: text, at: word, allowPort: true)
                return text
            }
            guard !words.isEmpty else { throw node.fail("expected a command: a shell line, or a list of the program and its arguments") }
            return .arguments(words)
        }
        let line = try node.string("a command (a shell line, or a list of the program and its arguments)")
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { throw node.fail("expected a command, found an empty line") }
        try checkPlaceholders(in: line, at: node, allowPort: true)
        return .shell(line)
    }

    private static func readReadiness(_ node: YAMLNode, into definition: inout AppDefinition) throws(ScenarioError) {
        let values = try node.fields("ready", allowed: ["path", "port", "timeout"])
        if values["path"] != nil, values["port"] != nil { throw node.fail("ready takes a path or a port, not both") }
        if let path = values["path"] {
            let text = try path.string("an HTTP path")
            guard text.hasPrefix("/") else { throw path.fail("expected an HTTP path starting with /, found '\(text)'") }
            definition.readiness = .path(text)
        }
        if let port = values["port"] {
            definition.readiness = .port(try port.integer("a port", in: 1...65535))
        }
        if let timeout = values["timeout"] {
            definition.readyTimeout = try timeout.duration(atMost: 600)
        }
    }

    /// Only `{{port}}` may appear in the app's own values (and not in a hand-started app's address).
    private static func checkPlaceholders(in text: String, at node: YAMLNode, allowPort: Bool) throws(ScenarioError) {
        guard text.utf8.contains(UInt8(ascii: "{")) else { return }
        for case .name(let written) in PlaceholderText.pieces(of: text) where !(allowPort && written == "port") {
            throw node.fail(allowPort
                ? "unknown placeholder '{{\(written)}}' in app: its command and base_url take only {{port}}, the port the app is given"
                : "'{{\(written)}}' in app.base_url: an app started by hand has a fixed address ({{port}} is for app.command)")
        }
    }

    /// A folder relative to the file that names it.
    private static func resolve(_ path: String, against file: String) -> String {
        (path as NSString).isAbsolutePath ? path : (folder(of: file) as NSString).appendingPathComponent(path)
    }

    private static func folder(of file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
