import Foundation
import Simulator
import Stubs

/// Reads a scenario's `serverless:` Services (docs/serverless.md): environments with their
/// variables, functions (a built-in function's keys plus `visibility`) and assets (`body`,
/// `content_type`, `visibility`), and a Serverless Toolkit project `folder` (`functions/*.js`,
/// `assets/`, `.env`), deployed to every environment before the first step; and the names of
/// the `{{domain:SERVICE}}` and `{{domain:SERVICE/ENVIRONMENT}}` placeholders.
enum ServerlessReader {
    static let serviceKeys = ["unique_name", "friendly_name", "include_credentials", "environments", "functions", "assets", "folder"]

    /// The declarations, and the built-in functions behind their functions by `/{service}{path}`.
    static func read(_ node: YAMLNode) throws(ScenarioError) -> [(ServerlessServiceDeclaration, functions: [String: FunctionDefinition])] {
        var names: Set<String> = []
        return try node.sequence("a list of Serverless Services").map { (entry) throws(ScenarioError) in
            let fields = try entry.fields("a Serverless Service", allowed: serviceKeys)
            let nameNode = try fields.required("unique_name")
            let name = try nameNode.string()
            guard !name.isEmpty, name.count < 50, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw nameNode.fail("a Service's unique_name is fewer than 50 characters of letters, digits and dashes, found '\(name)'")
            }
            guard names.insert(name).inserted else { throw nameNode.fail("a Serverless Service named '\(name)' is declared already") }
            var service = ServerlessServiceDeclaration(uniqueName: name, friendlyName: try fields["friendly_name"]?.string() ?? name)
            if let credentials = fields["include_credentials"] { service.includeCredentials = try credentials.boolean() }
            if let environments = fields["environments"] {
                service.environments = try environments.sequence("a list of environments").map { (node) throws(ScenarioError) in
                    let values = try node.fields("an environment", allowed: ["unique_name", "domain_suffix", "variables"])
                    var environment = ServerlessServiceDeclaration.Environment(uniqueName: try values.required("unique_name").string(),
                                                                               domainSuffix: try values["domain_suffix"]?.string())
                    environment.variables = try values["variables"]?.stringPairs("variables").map { ($0.name, $0.value) } ?? []
                    return environment
                }
            }
            var functions: [String: FunctionDefinition] = [:]
            for (path, value) in try items(fields["functions"], "functions") {
                var item = ServerlessServiceDeclaration.Item(path: path, visibility: try visibility(value))
                functions["/\(name)\(path)"] = try ScenarioLoader.readFunction(value.without("visibility"))
                item.origin = "/\(name)\(path)"
                service.functions.append(item)
            }
            for (path, value) in try items(fields["assets"], "assets") {
                let values = try value.fields("an asset", allowed: ["visibility", "body", "content_type"])
                var item = ServerlessServiceDeclaration.Item(path: path, visibility: try visibility(value))
                item.content = Array((try values["body"]?.string() ?? "").utf8)
                item.contentType = try values["content_type"]?.string() ?? "text/plain"
                service.assets.append(item)
            }
            if let folder = fields["folder"] {
                let relative = try folder.string("a folder")
                let root = URL(fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: folder.file).deletingLastPathComponent()).standardized.path
                guard FileManager.default.fileExists(atPath: root + "/functions") || FileManager.default.fileExists(atPath: root + "/assets") else {
                    throw folder.fail("'\(relative)' is not a Serverless Toolkit project: it has neither functions/ nor assets/")
                }
                ToolkitProject.read(root, into: &service)
            }
            return (service, functions)
        }
    }

    /// The names the domain placeholders of these services take.
    static func placeholderNames(_ services: [ServerlessServiceDeclaration]) -> [String] {
        services.flatMap { service in ["domain:\(service.uniqueName)"] + service.environments.map { "domain:\(service.uniqueName)/\($0.uniqueName)" } }
    }

    private static func items(_ node: YAMLNode?, _ what: String) throws(ScenarioError) -> [(String, YAMLNode)] {
        guard let node else { return [] }
        guard case .mapping(let mapping) = node.node else { throw node.fail("expected \(what) (a mapping of path: definition)") }
        return try mapping.map { (key, value) throws(ScenarioError) in
            guard case .scalar(let path) = key, path.string.hasPrefix("/") else { throw node.child(key).fail("expected a path starting with /") }
            return (path.string, node.child(value))
        }
    }

    private static func visibility(_ node: YAMLNode) throws(ScenarioError) -> ServerlessVisibility {
        guard case .mapping(let mapping) = node.node, let value = mapping.first(where: { $0.key.string == "visibility" })?.value else {
            return .public
        }
        return try node.child(value).choice(ServerlessVisibility.self)
    }
}
