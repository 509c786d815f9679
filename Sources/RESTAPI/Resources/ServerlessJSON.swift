import Simulator

/// The JSON of the Serverless resources: ISO 8601 dates, lower-case visibilities, a build's
/// versions as objects and its dependencies as an array of objects (not the string it was sent).
extension ServerlessAPI {
    private static func account(_ context: APIContext) -> JSON { .string(context.world.accountSid.description) }

    static func render(_ service: ServerlessService, _ context: APIContext) -> JSON {
        let url = serviceURL(service.sid, context)
        return .object([
            ("sid", .string(service.sid)), ("account_sid", account(context)), ("friendly_name", .string(service.friendlyName)),
            ("unique_name", .string(service.uniqueName)), ("include_credentials", .bool(service.includeCredentials)),
            ("ui_editable", .bool(service.uiEditable)), ("domain_base", .string(service.domainBase)),
            ("date_created", APIFormat.dateV1(service.dateCreated)), ("date_updated", APIFormat.dateV1(service.dateUpdated)), ("url", .string(url)),
            ("links", .object([("functions", .string(url + "/Functions")), ("assets", .string(url + "/Assets")),
                               ("environments", .string(url + "/Environments")), ("builds", .string(url + "/Builds"))])),
        ])
    }

    static func render(_ environment: ServerlessEnvironment, _ context: APIContext) -> JSON {
        let url = serviceURL(environment.serviceSid, context) + "/Environments/" + environment.sid
        return .object([
            ("sid", .string(environment.sid)), ("account_sid", account(context)), ("service_sid", .string(environment.serviceSid)),
            ("build_sid", .optional(environment.buildSid)), ("unique_name", .string(environment.uniqueName)),
            ("domain_suffix", .optional(environment.domainSuffix)), ("domain_name", .string(environment.domainName)),
            ("date_created", APIFormat.dateV1(environment.dateCreated)), ("date_updated", APIFormat.dateV1(environment.dateUpdated)),
            ("url", .string(url)),
            ("links", .object([("variables", .string(url + "/Variables")), ("deployments", .string(url + "/Deployments")),
                               ("logs", .string(url + "/Logs"))])),
        ])
    }

    static func render(_ resource: ServerlessResource, _ context: APIContext) -> JSON {
        let url = serviceURL(resource.serviceSid, context) + (resource.kind == .function ? "/Functions/" : "/Assets/") + resource.sid
        return .object([
            ("sid", .string(resource.sid)), ("account_sid", account(context)), ("service_sid", .string(resource.serviceSid)),
            ("friendly_name", .string(resource.friendlyName)),
            ("date_created", APIFormat.dateV1(resource.dateCreated)), ("date_updated", APIFormat.dateV1(resource.dateUpdated)), ("url", .string(url)),
            ("links", .object([(resource.kind == .function ? "function_versions" : "asset_versions", .string(url + "/Versions"))])),
        ])
    }

    static func render(_ version: ServerlessVersion, _ context: APIContext) -> JSON {
        let isFunction = version.kind == .function
        let url = serviceURL(version.serviceSid, context) + (isFunction ? "/Functions/" : "/Assets/") + version.resourceSid + "/Versions/" + version.sid
        var fields: [(String, JSON)] = [
            ("sid", .string(version.sid)), ("account_sid", account(context)), ("service_sid", .string(version.serviceSid)),
            (isFunction ? "function_sid" : "asset_sid", .string(version.resourceSid)), ("path", .string(version.path)),
            ("visibility", .string(version.visibility.rawValue)), ("date_created", APIFormat.dateV1(version.dateCreated)), ("url", .string(url)),
        ]
        if isFunction { fields.append(("links", .object([("function_version_content", .string(url + "/Content"))]))) }
        return .object(fields)
    }

    static func render(_ build: ServerlessBuild, _ context: APIContext) -> JSON {
        let url = serviceURL(build.serviceSid, context) + "/Builds/" + build.sid
        func versions(_ sids: [String]) -> JSON {
            .array(sids.compactMap { context.world.serverlessVersion($0) }.map { render($0, context) })
        }
        return .object([
            ("sid", .string(build.sid)), ("account_sid", account(context)), ("service_sid", .string(build.serviceSid)),
            ("status", .string(build.status.rawValue)), ("asset_versions", versions(build.assetVersions)),
            ("function_versions", versions(build.functionVersions)),
            ("dependencies", .array(build.dependencies.map { .object([("name", .string($0.name)), ("version", .string($0.version))]) })),
            ("runtime", .string(build.runtime)),
            ("date_created", APIFormat.dateV1(build.dateCreated)), ("date_updated", APIFormat.dateV1(build.dateUpdated)), ("url", .string(url)),
            ("links", .object([("build_status", .string(url + "/Status"))])),
        ])
    }

    static func render(_ deployment: ServerlessDeployment, _ context: APIContext) -> JSON {
        .object([
            ("sid", .string(deployment.sid)), ("account_sid", account(context)), ("service_sid", .string(deployment.serviceSid)),
            ("environment_sid", .string(deployment.environmentSid)), ("build_sid", .string(deployment.buildSid)),
            ("date_created", APIFormat.dateV1(deployment.dateCreated)), ("date_updated", APIFormat.dateV1(deployment.dateCreated)),
            ("url", .string(serviceURL(deployment.serviceSid, context) + "/Environments/\(deployment.environmentSid)/Deployments/\(deployment.sid)")),
        ])
    }

    static func render(_ variable: ServerlessVariable, _ context: APIContext) -> JSON {
        .object([
            ("sid", .string(variable.sid)), ("account_sid", account(context)), ("service_sid", .string(variable.serviceSid)),
            ("environment_sid", .string(variable.environmentSid)), ("key", .string(variable.key)), ("value", .string(variable.value)),
            ("date_created", APIFormat.dateV1(variable.dateCreated)), ("date_updated", APIFormat.dateV1(variable.dateUpdated)),
            ("url", .string(serviceURL(variable.serviceSid, context) + "/Environments/\(variable.environmentSid)/Variables/\(variable.sid)")),
        ])
    }

    static func render(_ log: ServerlessLog, _ context: APIContext) -> JSON {
        .object([
            ("sid", .string(log.sid)), ("account_sid", account(context)), ("service_sid", .string(log.serviceSid)),
            ("environment_sid", .string(log.environmentSid)), ("build_sid", .string(log.buildSid)), ("deployment_sid", .optional(log.deploymentSid)),
            ("function_sid", .string(log.functionSid)), ("request_sid", .string(log.requestSid)), ("level", .string(log.level)),
            ("message", .string(log.message)), ("date_created", APIFormat.dateV1(log.dateCreated)),
            ("url", .string(serviceURL(log.serviceSid, context) + "/Environments/\(log.environmentSid)/Logs/\(log.sid)")),
        ])
    }
}
