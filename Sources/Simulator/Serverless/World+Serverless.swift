/// The Serverless resources over the world's state, as the REST API reaches them: a service by
/// its SID or unique name, the rest by SID within it.
extension World {
    public var serverlessServices: [ServerlessService] { serverless.services }

    public func serverlessService(_ sidOrName: String) -> ServerlessService? {
        serverless.service(sidOrName).map { serverless.services[$0] }
    }

    public func createServerlessService(uniqueName: String, friendlyName: String, includeCredentials: Bool,
                                        uiEditable: Bool) throws(PlatformError) -> ServerlessService {
        try serverless.createService(uniqueName: uniqueName, friendlyName: friendlyName, includeCredentials: includeCredentials,
                                     uiEditable: uiEditable)
    }

    public func updateServerlessService(_ sid: String, friendlyName: String?, includeCredentials: Bool?,
                                        uiEditable: Bool?) throws(PlatformError) -> ServerlessService {
        guard let index = serverless.service(sid) else { throw PlatformError(20404, "no Service \(sid)") }
        if let friendlyName {
            guard friendlyName.count <= 255 else { throw PlatformError(20001, "FriendlyName is limited to 255 characters") }
            serverless.services[index].friendlyName = friendlyName
        }
        if let includeCredentials { serverless.services[index].includeCredentials = includeCredentials }
        if let uiEditable { serverless.services[index].uiEditable = uiEditable }
        serverless.services[index].dateUpdated = now
        return serverless.services[index]
    }

    /// Deletes a service with its environments, functions, assets, builds and variables.
    public func deleteServerlessService(_ sid: String) -> Bool {
        guard let index = serverless.service(sid) else { return false }
        serverless.deleteService(index)
        return true
    }

    public func serverlessEnvironments(of service: ServerlessService) -> [ServerlessEnvironment] {
        serverless.environments.filter { $0.serviceSid == service.sid }
    }

    public func createServerlessEnvironment(in service: ServerlessService, uniqueName: String,
                                            domainSuffix: String?) throws(PlatformError) -> ServerlessEnvironment {
        try serverless.createEnvironment(in: service, uniqueName: uniqueName, domainSuffix: domainSuffix)
    }

    public func deleteServerlessEnvironment(_ sid: String) -> Bool {
        guard let index = serverless.environments.firstIndex(where: { $0.sid == sid }) else { return false }
        serverless.environments.remove(at: index)
        serverless.variables.removeAll { $0.environmentSid == sid }
        serverless.domainsChanged?(serverless.domains)
        return true
    }

    public func serverlessResources(_ kind: ServerlessResource.Kind, of service: ServerlessService) -> [ServerlessResource] {
        serverless.resources.filter { $0.serviceSid == service.sid && $0.kind == kind }
    }

    public func createServerlessResource(_ kind: ServerlessResource.Kind, in service: ServerlessService,
                                         friendlyName: String) throws(PlatformError) -> ServerlessResource {
        try serverless.createResource(kind, in: service, friendlyName: friendlyName)
    }

    public func renameServerlessResource(_ sid: String, friendlyName: String) throws(PlatformError) -> ServerlessResource {
        guard let index = serverless.resources.firstIndex(where: { $0.sid == sid }) else { throw PlatformError(20404, "no resource \(sid)") }
        guard !friendlyName.isEmpty, friendlyName.count <= 255 else { throw PlatformError(20001, "FriendlyName must be 1 to 255 characters long") }
        serverless.resources[index].friendlyName = friendlyName
        serverless.resources[index].dateUpdated = now
        return serverless.resources[index]
    }

    /// Deletes a function or an asset with its versions.
    public func deleteServerlessResource(_ sid: String) -> Bool {
        guard let index = serverless.resources.firstIndex(where: { $0.sid == sid }) else { return false }
        serverless.resources.remove(at: index)
        serverless.versions.removeAll { $0.resourceSid == sid }
        return true
    }

    public func serverlessVersions(of resource: ServerlessResource) -> [ServerlessVersion] {
        serverless.versions.filter { $0.resourceSid == resource.sid }
    }

    public func createServerlessVersion(of resource: ServerlessResource, path: String, visibility: ServerlessVisibility, content: [UInt8],
                                        contentType: String) throws(PlatformError) -> ServerlessVersion {
        try serverless.createVersion(of: resource, path: path, visibility: visibility, content: content, contentType: contentType)
    }

    public func serverlessBuilds(of service: ServerlessService) -> [ServerlessBuild] {
        serverless.builds.filter { $0.serviceSid == service.sid }
    }

    public func serverlessVersion(_ sid: String) -> ServerlessVersion? {
        serverless.versions.first { $0.sid == sid }
    }

    public func createServerlessBuild(in service: ServerlessService, functionVersions: [String], assetVersions: [String],
                                      dependencies: [(name: String, version: String)], runtime: String) throws(PlatformError) -> ServerlessBuild {
        try serverless.createBuild(in: service, functionVersions: functionVersions, assetVersions: assetVersions, dependencies: dependencies,
                                   runtime: runtime)
    }

    /// Deletes a build no environment serves.
    public func deleteServerlessBuild(_ sid: String) throws(PlatformError) {
        guard let index = serverless.builds.firstIndex(where: { $0.sid == sid }) else { throw PlatformError(20404, "no build \(sid)") }
        if let environment = serverless.environments.first(where: { $0.buildSid == sid }) {
            throw PlatformError(20001, "build \(sid) is deployed to environment '\(environment.uniqueName)': it cannot be deleted")
        }
        serverless.builds.remove(at: index)
    }

    public func serverlessDeployments(of environment: ServerlessEnvironment) -> [ServerlessDeployment] {
        serverless.deployments.filter { $0.environmentSid == environment.sid }
    }

    public func deployServerlessBuild(_ buildSid: String, to environment: ServerlessEnvironment) throws(PlatformError) -> ServerlessDeployment {
        guard let index = serverless.environments.firstIndex(where: { $0.sid == environment.sid }) else {
            throw PlatformError(20404, "no environment \(environment.sid)")
        }
        return try serverless.deploy(buildSid, to: index)
    }

    public func serverlessVariables(of environment: ServerlessEnvironment) -> [ServerlessVariable] {
        serverless.variables.filter { $0.environmentSid == environment.sid }
    }

    /// Creates a variable (`sid` nil) or changes one.
    public func setServerlessVariable(_ sid: String?, in environment: ServerlessEnvironment, key: String?,
                                      value: String?) throws(PlatformError) -> ServerlessVariable {
        let existing = try sid.map { (sid) throws(PlatformError) in
            guard let index = serverless.variables.firstIndex(where: { $0.sid == sid && $0.environmentSid == environment.sid }) else {
                throw PlatformError(20404, "no variable \(sid)")
            }
            return index
        }
        return try serverless.setVariable(existing, in: environment, key: key, value: value)
    }

    public func serverlessLogs(of environment: ServerlessEnvironment) -> [ServerlessLog] {
        serverless.logs.filter { $0.environmentSid == environment.sid }
    }

    /// Keeps the console lines of one execution of a function version in an environment as its
    /// Logs (one request SID for them all).
    public func recordServerlessLogs(_ lines: [(level: String, message: String)], of version: ServerlessVersion,
                                     in environment: ServerlessEnvironment) {
        guard !lines.isEmpty, let build = environment.buildSid else { return }
        let deployment = serverless.deployments.last { $0.environmentSid == environment.sid }?.sid
        let request = serverless.sids.next(.serverlessRequest).description
        for line in lines {
            serverless.logs.append(ServerlessLog(sid: serverless.sids.next(.serverlessLog).description, serviceSid: environment.serviceSid,
                                                 environmentSid: environment.sid, buildSid: build, deploymentSid: deployment,
                                                 functionSid: version.resourceSid, requestSid: request, level: line.level, message: line.message,
                                                 dateCreated: now))
        }
    }

    public func deleteServerlessVariable(_ sid: String) -> Bool {
        guard let index = serverless.variables.firstIndex(where: { $0.sid == sid }) else { return false }
        serverless.variables.remove(at: index)
        return true
    }
}

/// What a domain and path of the platform's own hosts lead to.
public enum ServerlessTarget: Sendable {
    /// No environment has the domain.
    case unknownDomain
    /// The environment has no deployment yet.
    case notDeployed(ServerlessEnvironment)
    /// The deployed build has nothing at the path.
    case notFound
    /// A version of the deployed build, in its environment and service.
    case version(ServerlessVersion, ServerlessEnvironment, ServerlessService)
}

extension World {
    /// The versions the build deployed to an environment holds.
    public func serverlessDeployedVersions(of environment: ServerlessEnvironment) -> [ServerlessVersion] {
        guard let build = serverless.builds.first(where: { $0.sid == environment.buildSid }) else { return [] }
        let deployed = Set(build.functionVersions + build.assetVersions)
        return serverless.versions.filter { deployed.contains($0.sid) }
    }

    /// What the environment with this domain serves at this path.
    public func serverlessTarget(domain: String, path: String) -> ServerlessTarget {
        guard let environment = serverless.environments.first(where: { $0.domainName == domain.lowercased() }),
              let service = serverless.services.first(where: { $0.sid == environment.serviceSid }) else { return .unknownDomain }
        guard serverless.builds.contains(where: { $0.sid == environment.buildSid }) else { return .notDeployed(environment) }
        guard let version = serverlessDeployedVersions(of: environment).last(where: { $0.path == path }) else { return .notFound }
        return .version(version, environment, service)
    }
}
