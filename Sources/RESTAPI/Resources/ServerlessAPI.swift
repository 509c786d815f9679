import Foundation
import Platform
import Simulator

/// Serverless v1: Services (by SID or unique name), Environments with their domains, Functions
/// and Assets with their Versions (uploaded as `multipart/form-data` to
/// `serverless-upload.twilio.com`, as the Serverless Toolkit uploads them; no content endpoint
/// for assets), Builds completing on the virtual clock, Deployments, Variables and Logs.
enum ServerlessAPI {
    static let routes: [Route] = [
        Route(.serverless, "POST", "/v1/Services", "CreateService", createService),
        Route(.serverless, "GET", "/v1/Services", "ListService", listServices),
        Route(.serverless, "GET", "/v1/Services/{Sid}", "FetchService", fetchService),
        Route(.serverless, "POST", "/v1/Services/{Sid}", "UpdateService", updateService),
        Route(.serverless, "DELETE", "/v1/Services/{Sid}", "DeleteService", deleteService),
        Route(.serverless, "POST", "/v1/Services/{ServiceSid}/Environments", "CreateEnvironment", createEnvironment),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments", "ListEnvironment", listEnvironments),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{Sid}", "FetchEnvironment", fetchEnvironment),
        Route(.serverless, "DELETE", "/v1/Services/{ServiceSid}/Environments/{Sid}", "DeleteEnvironment", deleteEnvironment),
    ] + resourceRoutes(.function, "Functions", "Function") + resourceRoutes(.asset, "Assets", "Asset") + [
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions/{Sid}/Content", "FetchFunctionVersionContent",
              fetchContent),
        Route(.serverless, "POST", "/v1/Services/{ServiceSid}/Builds", "CreateBuild", ServerlessBuilds.create),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Builds", "ListBuild", ServerlessBuilds.list),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Builds/{Sid}", "FetchBuild", ServerlessBuilds.fetch),
        Route(.serverless, "DELETE", "/v1/Services/{ServiceSid}/Builds/{Sid}", "DeleteBuild", ServerlessBuilds.delete),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Builds/{Sid}/Status", "FetchBuildStatus", ServerlessBuilds.status),
        Route(.serverless, "POST", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments", "CreateDeployment", ServerlessBuilds.deploy),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments", "ListDeployment",
              ServerlessBuilds.listDeployments),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments/{Sid}", "FetchDeployment",
              ServerlessBuilds.fetchDeployment),
        Route(.serverless, "POST", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables", "CreateVariable", ServerlessBuilds.setVariable),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables", "ListVariable", ServerlessBuilds.listVariables),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}", "FetchVariable",
              ServerlessBuilds.fetchVariable),
        Route(.serverless, "POST", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}", "UpdateVariable",
              ServerlessBuilds.setVariable),
        Route(.serverless, "DELETE", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Variables/{Sid}", "DeleteVariable",
              ServerlessBuilds.deleteVariable),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Logs", "ListLog", ServerlessBuilds.listLogs),
        Route(.serverless, "GET", "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Logs/{Sid}", "FetchLog", ServerlessBuilds.fetchLog),
    ]

    /// A function's or an asset's routes: the resource, its versions' list and fetch, and the upload.
    private static func resourceRoutes(_ kind: ServerlessResource.Kind, _ plural: String, _ name: String) -> [Route] {
        let base = "/v1/Services/{ServiceSid}/\(plural)"
        func of(_ handler: @escaping @Sendable (ServerlessResource.Kind, APIContext) async throws(APIError) -> APIResponse) -> Route.Handler {
            { context throws(APIError) in try await handler(kind, context) }
        }
        return [
            Route(.serverless, "POST", base, "Create\(name)", of(createResource)),
            Route(.serverless, "GET", base, "List\(name)", of(listResources)),
            Route(.serverless, "GET", base + "/{Sid}", "Fetch\(name)", of(fetchResource)),
            Route(.serverless, "POST", base + "/{Sid}", "Update\(name)", of(updateResource)),
            Route(.serverless, "DELETE", base + "/{Sid}", "Delete\(name)", of(deleteResource)),
            Route(.serverless, "GET", base + "/{\(name)Sid}/Versions", "List\(name)Version", of(listVersions)),
            Route(.serverless, "GET", base + "/{\(name)Sid}/Versions/{Sid}", "Fetch\(name)Version", of(fetchVersion)),
            Route(.serverlessUpload, "POST", base + "/{\(name)Sid}/Versions", "Create\(name)Version", of(uploadVersion)),
        ]
    }

    // MARK: Reading

    static func checked<Value>(_ context: APIContext, _ body: () throws(PlatformError) -> Value) throws(APIError) -> Value {
        do {
            return try body()
        } catch {
            throw error.code == 20404 ? APIError.notFound(context.request.path) : context.fail(error)
        }
    }

    static func service(_ context: APIContext, _ name: String = "ServiceSid") throws(APIError) -> ServerlessService {
        guard let service = context.world.serverlessService(context.parameter(name)) else { throw APIError.notFound(context.request.path) }
        return service
    }

    static func environment(_ context: APIContext, _ name: String) throws(APIError) -> ServerlessEnvironment {
        let service = try service(context)
        guard let environment = context.world.serverlessEnvironments(of: service).first(where: { $0.sid == context.parameter(name) }) else {
            throw APIError.notFound(context.request.path)
        }
        return environment
    }

    static func resource(_ kind: ServerlessResource.Kind, _ context: APIContext, _ name: String) throws(APIError) -> ServerlessResource {
        let service = try service(context)
        guard let resource = context.world.serverlessResources(kind, of: service).first(where: { $0.sid == context.parameter(name) }) else {
            throw APIError.notFound(context.request.path)
        }
        return resource
    }

    /// A service's URL on the request's own host, the upload host's answers included.
    static func serviceURL(_ serviceSid: String, _ context: APIContext) -> String {
        context.request.baseURL.replacingOccurrences(of: "serverless-upload.", with: "serverless.") + "/v1/Services/" + serviceSid
    }

    // MARK: Services

    @Sendable static func createService(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        guard let name = request.value("UniqueName") else { throw APIError.invalid(20001, "Missing required parameter UniqueName in the post body") }
        guard let friendly = request.value("FriendlyName") else {
            throw APIError.invalid(20001, "Missing required parameter FriendlyName in the post body")
        }
        let credentials = try APIFormat.bool(request, "IncludeCredentials") ?? true
        let editable = try APIFormat.bool(request, "UiEditable") ?? false
        let service = try checked(context) { () throws(PlatformError) in
            try context.world.createServerlessService(uniqueName: name, friendlyName: friendly, includeCredentials: credentials, uiEditable: editable)
        }
        return .created(render(service, context))
    }

    @Sendable static func listServices(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(try Pagination(context.request).v1(context.request, key: "services", items: context.world.serverlessServices, sid: \.sid) {
            render($0, context)
        })
    }

    @Sendable static func fetchService(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try service(context, "Sid"), context))
    }

    @Sendable static func updateService(_ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try service(context, "Sid").sid
        if context.request.has("UniqueName") { throw APIError.invalid(20001, "a Service's UniqueName is permanent") }
        let credentials = try APIFormat.bool(context.request, "IncludeCredentials")
        let editable = try APIFormat.bool(context.request, "UiEditable")
        let service = try checked(context) { () throws(PlatformError) in
            try context.world.updateServerlessService(sid, friendlyName: context.request.value("FriendlyName"), includeCredentials: credentials,
                                                      uiEditable: editable)
        }
        return .ok(render(service, context))
    }

    /// Deletes the service and everything in it: its domains stop answering.
    @Sendable static func deleteService(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard context.world.deleteServerlessService(try service(context, "Sid").sid) else { throw APIError.notFound(context.request.path) }
        return .deleted
    }

    // MARK: Environments

    @Sendable static func createEnvironment(_ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context)
        guard let name = context.request.value("UniqueName") else { throw APIError.invalid(20001, "Missing required parameter UniqueName in the post body") }
        let environment = try checked(context) { () throws(PlatformError) in
            try context.world.createServerlessEnvironment(in: service, uniqueName: name, domainSuffix: context.request.value("DomainSuffix"))
        }
        return .created(render(environment, context))
    }

    @Sendable static func listEnvironments(_ context: APIContext) async throws(APIError) -> APIResponse {
        let environments = context.world.serverlessEnvironments(of: try service(context))
        return .ok(try Pagination(context.request).v1(context.request, key: "environments", items: environments, sid: \.sid) { render($0, context) })
    }

    @Sendable static func fetchEnvironment(_ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try environment(context, "Sid"), context))
    }

    @Sendable static func deleteEnvironment(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard context.world.deleteServerlessEnvironment(try environment(context, "Sid").sid) else { throw APIError.notFound(context.request.path) }
        return .deleted
    }

    // MARK: Functions and assets

    @Sendable static func createResource(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        let service = try service(context)
        guard let name = context.request.value("FriendlyName") else {
            throw APIError.invalid(20001, "Missing required parameter FriendlyName in the post body")
        }
        let resource = try checked(context) { () throws(PlatformError) in try context.world.createServerlessResource(kind, in: service, friendlyName: name) }
        return .created(render(resource, context))
    }

    @Sendable static func listResources(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        let resources = context.world.serverlessResources(kind, of: try service(context))
        return .ok(try Pagination(context.request).v1(context.request, key: kind == .function ? "functions" : "assets", items: resources, sid: \.sid) {
            render($0, context)
        })
    }

    @Sendable static func fetchResource(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try resource(kind, context, "Sid"), context))
    }

    @Sendable static func updateResource(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        let sid = try resource(kind, context, "Sid").sid
        guard let name = context.request.value("FriendlyName") else {
            throw APIError.invalid(20001, "Missing required parameter FriendlyName in the post body")
        }
        return .ok(render(try checked(context) { () throws(PlatformError) in try context.world.renameServerlessResource(sid, friendlyName: name) },
                          context))
    }

    @Sendable static func deleteResource(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        guard context.world.deleteServerlessResource(try resource(kind, context, "Sid").sid) else { throw APIError.notFound(context.request.path) }
        return .deleted
    }

    @Sendable static func listVersions(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        let resource = try resource(kind, context, kind == .function ? "FunctionSid" : "AssetSid")
        return .ok(try Pagination(context.request).v1(context.request, key: kind == .function ? "function_versions" : "asset_versions",
                                                      items: context.world.serverlessVersions(of: resource), sid: \.sid) { render($0, context) })
    }

    static func version(_ kind: ServerlessResource.Kind, _ context: APIContext) throws(APIError) -> ServerlessVersion {
        let resource = try resource(kind, context, kind == .function ? "FunctionSid" : "AssetSid")
        guard let version = context.world.serverlessVersions(of: resource).first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return version
    }

    @Sendable static func fetchVersion(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        .ok(render(try version(kind, context), context))
    }

    /// A version as the upload API takes it: `Path`, `Visibility` and the `Content` file part.
    @Sendable static func uploadVersion(_ kind: ServerlessResource.Kind, _ context: APIContext) async throws(APIError) -> APIResponse {
        let resource = try resource(kind, context, kind == .function ? "FunctionSid" : "AssetSid")
        let request = context.request
        guard let path = request.value("Path"), !path.isEmpty else { throw APIError.invalid(20001, "Missing required parameter Path") }
        guard let text = request.value("Visibility"), let visibility = ServerlessVisibility(rawValue: text.lowercased()) else {
            throw APIError.invalid(20001, "Visibility must be public, protected or private, not '\(request.value("Visibility") ?? "")'")
        }
        guard let file = request.files["Content"] else {
            throw APIError.invalid(20001, "Missing required part Content (a file part of the multipart/form-data body)")
        }
        let version = try checked(context) { () throws(PlatformError) in
            try context.world.createServerlessVersion(of: resource, path: path, visibility: visibility, content: file.content,
                                                      contentType: file.contentType)
        }
        return .created(render(version, context))
    }

    @Sendable static func fetchContent(_ context: APIContext) async throws(APIError) -> APIResponse {
        let version = try version(.function, context)
        return .ok(.object([
            ("sid", .string(version.sid)), ("account_sid", .string(context.world.accountSid.description)), ("service_sid", .string(version.serviceSid)),
            ("function_sid", .string(version.resourceSid)), ("content", .string(String(decoding: version.content, as: UTF8.self))),
            ("url", .string(serviceURL(version.serviceSid, context) + "/Functions/\(version.resourceSid)/Versions/\(version.sid)/Content")),
        ]))
    }
}
