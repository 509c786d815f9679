/// Who may reach a function or an asset version at its URL.
public enum ServerlessVisibility: String, Sendable, CaseIterable {
    /// Anyone.
    case `public`
    /// Only requests with a valid `X-Twilio-Signature`.
    case protected
    /// No one by URL: only other functions.
    case `private`
}

/// A Serverless Service (`ZS…`): a container of functions, assets and environments.
public struct ServerlessService: Sendable {
    public let sid: String
    public let uniqueName: String
    public internal(set) var friendlyName: String
    public internal(set) var includeCredentials: Bool
    public internal(set) var uiEditable: Bool
    /// `{unique_name}-{digits}`: the start of every environment's domain.
    public let domainBase: String
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}

/// An environment (`ZE…`) and the domain its deployed build is served at.
public struct ServerlessEnvironment: Sendable {
    public let sid: String
    public let serviceSid: String
    public let uniqueName: String
    public let domainSuffix: String?
    /// `{domain_base}[-{suffix}].twil.io`.
    public let domainName: String
    /// The build its latest deployment serves.
    public internal(set) var buildSid: String?
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}

/// A function or an asset (`ZH…`), whose content lives in its versions.
public struct ServerlessResource: Sendable {
    public enum Kind: String, Sendable { case function, asset }

    public let sid: String
    public let serviceSid: String
    public let kind: Kind
    public internal(set) var friendlyName: String
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}

/// A version of a function or an asset (`ZN…`): its path, visibility and content.
public struct ServerlessVersion: Sendable {
    public let sid: String
    public let serviceSid: String
    public let resourceSid: String
    public let kind: ServerlessResource.Kind
    /// Always starting with `/`.
    public let path: String
    public let visibility: ServerlessVisibility
    public let content: [UInt8]
    public let contentType: String
    /// The loopback URL of the built-in function that runs this function version (a scenario's
    /// declared one); nil for code uploaded through the API.
    public let origin: String?
    public let dateCreated: Double
}

/// A build (`ZB…`) of versions, `building` until it is `completed` (or `failed`) on the clock.
public struct ServerlessBuild: Sendable {
    public enum Status: String, Sendable { case building, completed, failed }

    public let sid: String
    public let serviceSid: String
    public let functionVersions: [String]
    public let assetVersions: [String]
    /// `name` and `version` of each npm dependency.
    public let dependencies: [(name: String, version: String)]
    public let runtime: String
    public internal(set) var status: Status
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}

/// A deployment (`ZD…`) of a build to an environment.
public struct ServerlessDeployment: Sendable {
    public let sid: String
    public let serviceSid: String
    public let environmentSid: String
    public let buildSid: String
    public let dateCreated: Double
}

/// A line a function execution wrote to its console (`NO…`), of one request (`RQ…`).
public struct ServerlessLog: Sendable {
    public let sid: String
    public let serviceSid: String
    public let environmentSid: String
    public let buildSid: String
    public let deploymentSid: String?
    public let functionSid: String
    public let requestSid: String
    /// `info`, `warn` or `error`.
    public let level: String
    public let message: String
    public let dateCreated: Double
}

/// An environment variable (`ZV…`), in the `context` of the functions it serves.
public struct ServerlessVariable: Sendable {
    public let sid: String
    public let serviceSid: String
    public let environmentSid: String
    public internal(set) var key: String
    public internal(set) var value: String
    public let dateCreated: Double
    public internal(set) var dateUpdated: Double
}
