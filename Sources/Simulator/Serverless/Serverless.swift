import Platform

/// The Serverless service of a world (shared/reference §8): Services with their domains,
/// environments, functions and assets with their versions, builds that complete on the virtual
/// clock, deployments and variables, with the platform's naming rules and limits. SIDs come from
/// a stream of their own, and so do the digits of the domains: stable per scenario.
final class Serverless: WorldService {
    unowned(unsafe) let world: World
    var services: [ServerlessService] = []
    var environments: [ServerlessEnvironment] = []
    var resources: [ServerlessResource] = []
    var versions: [ServerlessVersion] = []
    var builds: [ServerlessBuild] = []
    var deployments: [ServerlessDeployment] = []
    var variables: [ServerlessVariable] = []
    var logs: [ServerlessLog] = []
    var sids: SIDGenerator
    /// Told the domains of the environments each time they change (the REST server serves them).
    var domainsChanged: (@Sendable ([String]) -> Void)?

    /// The domains the environments answer at.
    var domains: [String] { environments.map(\.domainName) }

    /// The platform's limits (the seeds and reference §8.1).
    static let servicesPerAccount = 50
    static let environmentsPerService = 25
    static let functionVersionsPerBuild = 50
    static let publicAssetVersionsPerBuild = 1_000
    static let privateAssetVersionsPerBuild = 50
    static let largestAsset: [ServerlessVisibility: Int] = [.public: 25 << 20, .protected: 25 << 20, .private: 10 << 20]
    /// How long a build takes on the virtual clock.
    static let buildTime = 10.0

    init(world: World) {
        self.world = world
        sids = SIDGenerator(seed: world.configuration.seed, stream: world.configuration.stream + "/serverless")
    }

    /// The declared services, each built and deployed to every one of its environments at once
    /// (a declaration that breaks a rule is a problem on the timeline).
    func setUp() {
        for declared in configuration.serverless {
            do throws(PlatformError) {
                let service = try createService(uniqueName: declared.uniqueName, friendlyName: declared.friendlyName,
                                                includeCredentials: declared.includeCredentials, uiEditable: false)
                var functionVersions: [String] = []
                var assetVersions: [String] = []
                for (kind, items) in [(ServerlessResource.Kind.function, declared.functions), (.asset, declared.assets)] {
                    for item in items {
                        let resource = try createResource(kind, in: service, friendlyName: item.path)
                        let version = try createVersion(of: resource, path: item.path, visibility: item.visibility, content: item.content,
                                                        contentType: item.contentType, origin: item.origin)
                        if kind == .function { functionVersions.append(version.sid) } else { assetVersions.append(version.sid) }
                    }
                }
                let build = ServerlessBuild(sid: sids.next(.serverlessBuild).description, serviceSid: service.sid,
                                            functionVersions: functionVersions, assetVersions: assetVersions, dependencies: [],
                                            runtime: "node22", status: .completed, dateCreated: now, dateUpdated: now)
                builds.append(build)
                for declaredEnvironment in declared.environments {
                    let environment = try createEnvironment(in: service, uniqueName: declaredEnvironment.uniqueName,
                                                            domainSuffix: declaredEnvironment.domainSuffix)
                    for (key, value) in declaredEnvironment.variables { _ = try setVariable(nil, in: environment, key: key, value: value) }
                    _ = try deploy(build.sid, to: environments.count - 1)
                }
            } catch {
                problem(error.code, "Serverless Service '\(declared.uniqueName)': \(error.message)", cause: nil)
            }
        }
    }

    // MARK: Services

    /// A unique name: fewer than 50 characters, letters, digits and dashes; unique; permanent.
    func createService(uniqueName: String, friendlyName: String, includeCredentials: Bool, uiEditable: Bool) throws(PlatformError)
        -> ServerlessService {
        guard !uniqueName.isEmpty, uniqueName.count < 50,
              uniqueName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw PlatformError(20001, "UniqueName '\(uniqueName)' must be fewer than 50 characters of letters, digits and dashes")
        }
        guard friendlyName.count <= 255 else { throw PlatformError(20001, "FriendlyName is limited to 255 characters") }
        guard !services.contains(where: { $0.uniqueName == uniqueName }) else {
            throw PlatformError(20001, "a Service named '\(uniqueName)' exists already: unique names are unique in the account")
        }
        guard services.count < Self.servicesPerAccount else {
            throw PlatformError(20001, "the account has \(Self.servicesPerAccount) Services, the most it may have: delete one first")
        }
        let base = ServerlessServiceDeclaration.domainBase(service: uniqueName, seed: configuration.seed, stream: configuration.stream)
        let service = ServerlessService(sid: sids.next(.serverlessService).description, uniqueName: uniqueName, friendlyName: friendlyName,
                                        includeCredentials: includeCredentials, uiEditable: uiEditable, domainBase: base,
                                        dateCreated: now, dateUpdated: now)
        services.append(service)
        return service
    }

    /// The live service with this SID or unique name.
    func service(_ sidOrName: String) -> Int? {
        services.firstIndex { $0.sid == sidOrName || $0.uniqueName == sidOrName }
    }

    /// Deletes a service with everything in it: its domains stop answering.
    func deleteService(_ index: Int) {
        let sid = services[index].sid
        services.remove(at: index)
        environments.removeAll { $0.serviceSid == sid }
        resources.removeAll { $0.serviceSid == sid }
        versions.removeAll { $0.serviceSid == sid }
        builds.removeAll { $0.serviceSid == sid }
        deployments.removeAll { $0.serviceSid == sid }
        variables.removeAll { $0.serviceSid == sid }
        logs.removeAll { $0.serviceSid == sid }
        domainsChanged?(domains)
    }

    // MARK: Environments

    func createEnvironment(in service: ServerlessService, uniqueName: String, domainSuffix: String?) throws(PlatformError) -> ServerlessEnvironment {
        guard !uniqueName.isEmpty, uniqueName.count <= 100 else { throw PlatformError(20001, "UniqueName must be 1 to 100 characters long") }
        if let suffix = domainSuffix {
            guard suffix.count <= 16, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                throw PlatformError(20001, "DomainSuffix '\(suffix)' must be at most 16 letters, digits and dashes")
            }
        }
        let siblings = environments.filter { $0.serviceSid == service.sid }
        guard siblings.count < Self.environmentsPerService else {
            throw PlatformError(20001, "the Service has \(Self.environmentsPerService) environments, the most it may have")
        }
        guard !siblings.contains(where: { $0.uniqueName == uniqueName }) else {
            throw PlatformError(20001, "an environment named '\(uniqueName)' exists already in this Service")
        }
        let suffix = domainSuffix.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        guard !siblings.contains(where: { $0.domainSuffix == suffix }) else {
            throw PlatformError(20001, "another environment of this Service has the domain suffix '\(suffix ?? "")'")
        }
        let environment = ServerlessEnvironment(sid: sids.next(.serverlessEnvironment).description, serviceSid: service.sid, uniqueName: uniqueName,
                                                domainSuffix: suffix, domainName: ServerlessServiceDeclaration.domain(base: service.domainBase, suffix: suffix),
                                                buildSid: nil, dateCreated: now, dateUpdated: now)
        environments.append(environment)
        domainsChanged?(domains)
        return environment
    }

    // MARK: Functions, assets and their versions

    func createResource(_ kind: ServerlessResource.Kind, in service: ServerlessService, friendlyName: String) throws(PlatformError) -> ServerlessResource {
        guard !friendlyName.isEmpty, friendlyName.count <= 255 else { throw PlatformError(20001, "FriendlyName must be 1 to 255 characters long") }
        let resource = ServerlessResource(sid: sids.next(.serverlessResource).description, serviceSid: service.sid, kind: kind,
                                          friendlyName: friendlyName, dateCreated: now, dateUpdated: now)
        resources.append(resource)
        return resource
    }

    /// A version as the upload API takes it: the path gets its leading `/`; an asset is at most
    /// 25 MB (10 MB private).
    func createVersion(of resource: ServerlessResource, path: String, visibility: ServerlessVisibility, content: [UInt8],
                       contentType: String, origin: String? = nil) throws(PlatformError) -> ServerlessVersion {
        let path = path.hasPrefix("/") ? path : "/" + path
        guard path.count <= 255 else { throw PlatformError(20001, "Path is limited to 255 characters") }
        if resource.kind == .asset, let largest = Self.largestAsset[visibility], content.count > largest {
            throw PlatformError(20001, "a \(visibility.rawValue) asset is at most \(largest >> 20) MB; this one is \(content.count) bytes")
        }
        let version = ServerlessVersion(sid: sids.next(.serverlessVersion).description, serviceSid: resource.serviceSid, resourceSid: resource.sid,
                                        kind: resource.kind, path: path, visibility: visibility, content: content, contentType: contentType,
                                        origin: origin, dateCreated: now)
        versions.append(version)
        return version
    }

    // MARK: Builds and deployments

    /// A build of these versions (each of the service, of the right kind), within the per-build
    /// limits; it completes on the clock, or fails when a function version has no code.
    func createBuild(in service: ServerlessService, functionVersions: [String], assetVersions: [String],
                     dependencies: [(name: String, version: String)], runtime: String) throws(PlatformError) -> ServerlessBuild {
        func versions(_ sids: [String], _ kind: ServerlessResource.Kind) throws(PlatformError) -> [ServerlessVersion] {
            try sids.map { (sid) throws(PlatformError) in
                guard let version = self.versions.first(where: { $0.sid == sid && $0.serviceSid == service.sid && $0.kind == kind }) else {
                    throw PlatformError(20001, "\(sid) is not a \(kind.rawValue) version of this Service")
                }
                return version
            }
        }
        let functions = try versions(functionVersions, .function)
        let assets = try versions(assetVersions, .asset)
        guard functions.count <= Self.functionVersionsPerBuild else {
            throw PlatformError(20001, "a build holds at most \(Self.functionVersionsPerBuild) function versions; this one has \(functions.count)")
        }
        let privateAssets = assets.filter { $0.visibility == .private }.count
        guard assets.count - privateAssets <= Self.publicAssetVersionsPerBuild, privateAssets <= Self.privateAssetVersionsPerBuild else {
            throw PlatformError(20001, "a build holds at most \(Self.publicAssetVersionsPerBuild) public and protected asset versions "
                                + "and \(Self.privateAssetVersionsPerBuild) private ones")
        }
        let build = ServerlessBuild(sid: sids.next(.serverlessBuild).description, serviceSid: service.sid, functionVersions: functionVersions,
                                    assetVersions: assetVersions, dependencies: dependencies, runtime: runtime, status: .building,
                                    dateCreated: now, dateUpdated: now)
        builds.append(build)
        schedule(.buildDone(sid: build.sid, failed: functions.contains { $0.content.isEmpty && $0.origin == nil }), at: now + Self.buildTime)
        return build
    }

    /// A build's time came: it is completed, or failed.
    func finishBuild(_ sid: String, failed: Bool) {
        guard let index = builds.firstIndex(where: { $0.sid == sid }) else { return }
        builds[index].status = failed ? .failed : .completed
        builds[index].dateUpdated = now
    }

    /// Deploys a completed build to an environment: its domain serves it from now on.
    func deploy(_ buildSid: String, to environmentIndex: Int) throws(PlatformError) -> ServerlessDeployment {
        let environment = environments[environmentIndex]
        guard let build = builds.first(where: { $0.sid == buildSid && $0.serviceSid == environment.serviceSid }) else {
            throw PlatformError(20001, "\(buildSid) is not a build of this Service")
        }
        guard build.status == .completed else {
            throw PlatformError(20001, "build \(buildSid) is \(build.status.rawValue): only a completed build can be deployed")
        }
        let deployment = ServerlessDeployment(sid: sids.next(.serverlessDeployment).description, serviceSid: environment.serviceSid,
                                              environmentSid: environment.sid, buildSid: buildSid, dateCreated: now)
        deployments.append(deployment)
        environments[environmentIndex].buildSid = buildSid
        environments[environmentIndex].dateUpdated = now
        return deployment
    }

    // MARK: Variables

    /// A variable: its key at most 128 characters, its value at most 450 bytes, keys unique.
    func setVariable(_ existing: Int?, in environment: ServerlessEnvironment, key: String?, value: String?) throws(PlatformError) -> ServerlessVariable {
        if let key {
            guard !key.isEmpty, key.count <= 128 else { throw PlatformError(20001, "Key must be 1 to 128 characters long") }
            if variables.contains(where: { $0.environmentSid == environment.sid && $0.key == key && $0.sid != existing.map { variables[$0].sid } }) {
                throw PlatformError(20001, "the environment has a variable '\(key)' already")
            }
        }
        if let value, value.utf8.count > 450 { throw PlatformError(20001, "Value is at most 450 bytes; this one is \(value.utf8.count)") }
        if let existing {
            if let key { variables[existing].key = key }
            if let value { variables[existing].value = value }
            variables[existing].dateUpdated = now
            return variables[existing]
        }
        let variable = ServerlessVariable(sid: sids.next(.serverlessVariable).description, serviceSid: environment.serviceSid,
                                          environmentSid: environment.sid, key: key ?? "", value: value ?? "", dateCreated: now, dateUpdated: now)
        variables.append(variable)
        return variable
    }
}
