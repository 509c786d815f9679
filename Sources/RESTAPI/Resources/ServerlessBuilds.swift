import Foundation
import Platform
import Simulator

/// Serverless builds (`FunctionVersions`, `AssetVersions`, `Dependencies` as a JSON string,
/// `Runtime`), their status, deployments of completed builds, environment variables, and the
/// Logs the executions of Node.js functions wrote.
enum ServerlessBuilds {
    private typealias API = ServerlessAPI
    static let runtimes = ["node8", "node10", "node12", "node14", "node16", "node18", "node20", "node22"]

    @Sendable static func create(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try API.service(context)
        let request = context.request
        var dependencies: [(name: String, version: String)] = []
        if let text = request.value("Dependencies") {
            guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]],
                  let parsed = Optional(list.compactMap({ item -> (String, String)? in
                      guard let name = item["name"] as? String, let version = item["version"] as? String else { return nil }
                      return (name, version)
                  })), parsed.count == list.count else {
                throw APIError.invalid(20001, "Dependencies must be a JSON array of {\"name\", \"version\"} objects")
            }
            dependencies = parsed.map { (name: $0.0, version: $0.1) }
        }
        let runtime = request.value("Runtime") ?? "node22"
        guard runtimes.contains(runtime) else { throw APIError.invalid(20001, "Runtime must be one of \(runtimes.joined(separator: ", ")), not '\(runtime)'") }
        let build = try API.checked(context) { () throws(PlatformError) in
            try context.world.createServerlessBuild(in: service, functionVersions: request.values("FunctionVersions"),
                                                    assetVersions: request.values("AssetVersions"), dependencies: dependencies, runtime: runtime)
        }
        return .created(API.render(build, context))
    }

    private static func build(_ context: APIContext) throws(APIError) -> ServerlessBuild {
        guard let build = context.world.serverlessBuilds(of: try API.service(context)).first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return build
    }

    @Sendable static func list(_ context: APIContext) async throws(APIError) -> APIResponse {
        let builds = context.world.serverlessBuilds(of: try API.service(context))
        return .ok(try Pagination(context.request).v1(context.request, key: "builds", items: builds, sid: \.sid) { API.render($0, context) })
    }

    @Sendable static func fetch(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(API.render(try build(context), context))
    }

    @Sendable static func delete(_ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try build(context).sid
        try API.checked(context) { () throws(PlatformError) in try context.world.deleteServerlessBuild(sid) }
        return .deleted
    }

    @Sendable static func status(_ context: APIContext) async throws(APIError) -> APIResponse {
        let build = try build(context)
        return .ok(.object([
            ("sid", .string(build.sid)), ("account_sid", .string(context.world.accountSid.description)), ("service_sid", .string(build.serviceSid)),
            ("status", .string(build.status.rawValue)), ("url", .string(API.serviceURL(build.serviceSid, context) + "/Builds/\(build.sid)/Status")),
        ]))
    }

    // MARK: Deployments

    @Sendable static func deploy(_ context: APIContext) async throws(APIError) -> APIResponse {
        let environment = try API.environment(context, "EnvironmentSid")
        guard let build = context.request.value("BuildSid") else { throw APIError.invalid(20001, "Missing required parameter BuildSid in the post body") }
        let deployment = try API.checked(context) { () throws(PlatformError) in try context.world.deployServerlessBuild(build, to: environment) }
        return .created(API.render(deployment, context))
    }

    @Sendable static func listDeployments(_ context: APIContext) async throws(APIError) -> APIResponse {
        let deployments = context.world.serverlessDeployments(of: try API.environment(context, "EnvironmentSid"))
        return .ok(try Pagination(context.request).v1(context.request, key: "deployments", items: deployments, sid: \.sid) { API.render($0, context) })
    }

    @Sendable static func fetchDeployment(_ context: APIContext) async throws(APIError) -> APIResponse {
        let environment = try API.environment(context, "EnvironmentSid")
        guard let deployment = context.world.serverlessDeployments(of: environment).first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(API.render(deployment, context))
    }

    // MARK: Variables

    /// Creates a variable (`Key` and `Value` required), or changes one (`{Sid}` in the path).
    @Sendable static func setVariable(_ context: APIContext) async throws(APIError) -> APIResponse {
        let environment = try API.environment(context, "EnvironmentSid")
        let sid = context.path["Sid"]
        let (key, value) = (context.request.value("Key"), context.request.value("Value"))
        if sid == nil, key == nil || value == nil { throw APIError.invalid(20001, "Missing required parameters Key and Value in the post body") }
        let variable = try API.checked(context) { () throws(PlatformError) in
            try context.world.setServerlessVariable(sid, in: environment, key: key, value: value)
        }
        return sid == nil ? .created(API.render(variable, context)) : .ok(API.render(variable, context))
    }

    private static func variable(_ context: APIContext) throws(APIError) -> ServerlessVariable {
        let environment = try API.environment(context, "EnvironmentSid")
        guard let variable = context.world.serverlessVariables(of: environment).first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return variable
    }

    @Sendable static func listVariables(_ context: APIContext) async throws(APIError) -> APIResponse {
        let variables = context.world.serverlessVariables(of: try API.environment(context, "EnvironmentSid"))
        return .ok(try Pagination(context.request).v1(context.request, key: "variables", items: variables, sid: \.sid) { API.render($0, context) })
    }

    @Sendable static func fetchVariable(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(API.render(try variable(context), context))
    }

    @Sendable static func deleteVariable(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard context.world.deleteServerlessVariable(try variable(context).sid) else { throw APIError.notFound(context.request.path) }
        return .deleted
    }

    // MARK: Logs

    /// Newest first, as the platform lists them; `FunctionSid`, `StartDate` and `EndDate` filter.
    @Sendable static func listLogs(_ context: APIContext) async throws(APIError) -> APIResponse {
        var logs = Array(context.world.serverlessLogs(of: try API.environment(context, "EnvironmentSid")).reversed())
        if let function = context.request.value("FunctionSid") { logs = logs.filter { $0.functionSid == function } }
        for (name, keep) in [("StartDate", { (date: Double, bound: Double) in date >= bound }), ("EndDate", { $0 <= $1 })] {
            guard let text = context.request.value(name) else { continue }
            guard let bound = CivilTime.parse(text) else { throw APIError.invalid(20001, "\(name) must be an ISO 8601 date, not '\(text)'") }
            logs = logs.filter { keep($0.dateCreated, bound) }
        }
        return .ok(try Pagination(context.request).v1(context.request, key: "logs", items: logs, sid: \.sid) { API.render($0, context) })
    }

    @Sendable static func fetchLog(_ context: APIContext) async throws(APIError) -> APIResponse {
        let environment = try API.environment(context, "EnvironmentSid")
        guard let log = context.world.serverlessLogs(of: environment).first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(API.render(log, context))
    }
}
