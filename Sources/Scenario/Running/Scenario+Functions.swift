import Stubs

extension Scenario {
    /// The name its Serverless functions' built-in functions are served under, beside `service`.
    private static func serverlessService(_ service: String) -> String { service + "-serverless" }

    /// The placeholders of a run whose built-in functions are served as `service`, with the
    /// domains its Serverless Services will have.
    func placeholders(server: FunctionServer, service: String, app: String?, seed: UInt64) -> Placeholders {
        var placeholders = Placeholders(functions: server.baseURL(of: service), app: app)
        placeholders.serverlessFunctions = server.baseURL(of: Self.serverlessService(service))
        placeholders.addDomains(of: world.serverless, seed: seed, stream: world.stream)
        return placeholders
    }

    /// Serves its built-in functions, and those behind its Serverless functions, as `service`.
    func registerFunctions(on server: FunctionServer, service: String, api: FunctionServer.APIAccess) {
        server.register(service: service, functions: functions, api: api)
        server.register(service: Self.serverlessService(service), functions: serverlessFunctions, api: api)
    }

    func unregisterFunctions(from server: FunctionServer, service: String) {
        server.unregister(service: service)
        server.unregister(service: Self.serverlessService(service))
    }
}
