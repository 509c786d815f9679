import RESTAPI

/// The run's REST API: the embedded server the worlds are served by, and the client that the
/// `rest` steps and the built-in functions send their requests with.
public struct PlatformAPI: Sendable {
    public let server: RESTServer
    public let client: APIClient

    /// Starts the server (`port` 0: a free one).
    public static func start(port: Int = 0) async throws -> PlatformAPI {
        let server = try await RESTServer.start(port: port)
        return PlatformAPI(server: server, client: APIClient(port: server.port))
    }

    public func stop() async {
        await client.shutdown()
        await server.stop()
    }
}
