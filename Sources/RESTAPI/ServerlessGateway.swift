import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Simulator
import Traffic
import Webhooks

/// The front of the Serverless domains (`*.twil.io`): a request is answered from the build its
/// environment's latest deployment serves, as the platform answers it (shared/reference §8):
/// only GET, POST and OPTIONS; a GET with a body is refused with 403; a `private` version is
/// not reachable by URL; a `protected` one needs a valid `X-Twilio-Signature` (400 without);
/// an asset is its content; a function is run by the built-in function behind it, or, for
/// Node.js code, by the run's Node.js runtime, whose console lines become the environment's Logs.
enum ServerlessGateway {
    /// The domain and the path of a request to a platform domain, by `Host` or as the path's
    /// first segment; nil for any other request.
    static func address(host: String?, path: String) -> (domain: String, path: String)? {
        if let name = host?.split(separator: ":").first.map({ $0.lowercased() }), PlatformDomainRoute.isPlatformDomain(name) {
            return (name, path)
        }
        let segments = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = segments.first, PlatformDomainRoute.isPlatformDomain(String(first)) else { return nil }
        return (first.lowercased(), segments.count > 1 ? "/" + segments[1] : "/")
    }

    /// What serving a request comes to, decided holding the world's gate.
    private enum Decision {
        case answer(HTTPResponse.Status, String)
        case content(ServerlessVersion)
        case run(origin: String)
        /// A Node.js function: its file, its context as the runtime takes it (JSON), and what
        /// its console lines are kept as Logs of.
        case runNode(file: String, context: String, version: ServerlessVersion, environment: ServerlessEnvironment)
        case preflight
    }

    private static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                           configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    static func respond(to request: Request, domain: String, path: String, body: ByteBuffer, directory: WorldDirectory) async -> Response {
        let method = request.method
        guard let world = directory.world(domain: domain) else { return answer(.notFound, "no Serverless environment has the domain \(domain)") }
        let query = request.uri.query
        let isForm = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        let form = isForm ? FormEncoding.decode(String(buffer: body)) : []
        let signature = request.headers[HTTPField.Name("X-Twilio-Signature")!]
        let (decision, cause) = await world.withWorld { world -> (Decision, Int) in
            // On the timeline as a request the platform answered: the journal, the reports and
            // `api_request` (operation `ServerlessRequest`) see it.
            let cause = world.timeline.append(
                .apiRequest(APIRequestEvent(operation: "ServerlessRequest", method: method.rawValue, host: domain, path: path,
                                            parameters: form.map { Parameter($0.0, $0.1) }, user: nil)), at: world.now, cause: nil)
            guard [.get, .post, .options].contains(method) else {
                return (.answer(.methodNotAllowed, "\(method.rawValue) is not supported: functions and assets answer GET, POST and OPTIONS"), cause)
            }
            if method == .get, body.readableBytes > 0 { return (.answer(.forbidden, "a GET request with a body is refused"), cause) }
            return (decide(world, domain: domain, path: path, method: method, query: query, form: form, signature: signature), cause)
        }
        var nodePort: Int?
        if case .runNode = decision { nodePort = await directory.nodeFunctionsPort() }
        var response = await serve(decision, request: request, query: query, body: body, nodePort: nodePort)
        let console = consoleLines(of: &response)
        await world.withWorld { world in
            for line in console { world.recordProblem("function \(path) console.\(line.level) (+\(line.milliseconds) ms): \(line.message)") }
            if case .runNode(_, _, let version, let environment) = decision {
                world.recordServerlessLogs(console.map { ($0.level, $0.message) }, of: version, in: environment)
            }
            let refused = response.status.code >= 400 ? decisionText(decision) : nil
            world.timeline.append(.apiResponse(APIResponseEvent(request: cause, status: response.status.code, errorMessage: refused)),
                                  at: world.now, cause: cause)
        }
        return response
    }

    /// The console output the Node.js runtime sent with its answer (taken off the answer).
    private static func consoleLines(of response: inout Response) -> [(level: String, milliseconds: Int, message: String)] {
        let name = HTTPField.Name("X-Switchboard-Log")!
        guard let encoded = response.headers[name] else { return [] }
        response.headers[name] = nil
        guard let data = Data(base64Encoded: encoded),
              let lines = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return lines.map { ($0["level"] as? String ?? "info", $0["ms"] as? Int ?? 0, $0["message"] as? String ?? "") }
    }

    private static func decisionText(_ decision: Decision) -> String? {
        if case .answer(_, let text) = decision { return text }
        return nil
    }

    /// What the deployed build at this domain does with the request.
    private static func decide(_ world: World, domain: String, path: String, method: HTTPRequest.Method, query: String?,
                               form: [(String, String)], signature: String?) -> Decision {
        switch world.serverlessTarget(domain: domain, path: path) {
        case .unknownDomain:
            return .answer(.notFound, "no Serverless environment has the domain \(domain)")
        case .notDeployed(let environment):
            return .answer(.notFound, "environment '\(environment.uniqueName)' has no deployment: nothing is served at \(domain)")
        case .notFound:
            return .answer(.notFound, "nothing is deployed at \(path)")
        case .version(let version, let environment, let service):
            if version.visibility == .private { return .answer(.notFound, "nothing is deployed at \(path)") }
            if method == .options { return .preflight }
            if version.visibility == .protected {
                let url = "https://\(domain)\(path)" + (query.map { "?" + $0 } ?? "")
                guard let signature, SignatureVerifier.isValid(signature: signature, token: world.configuration.authToken, url: url,
                                                               parameters: form) else {
                    return .answer(.badRequest, "\(path) is protected: the request needs a valid X-Twilio-Signature")
                }
            }
            guard version.kind == .function else { return .content(version) }
            let file: String
            if let origin = version.origin {
                guard origin.hasPrefix(nodePrefix) else { return .run(origin: origin) }
                file = String(origin.dropFirst(nodePrefix.count))
            } else {
                // Code uploaded through the API: run from a file of its own, as a Toolkit project's.
                guard let written = UploadedCode.file(for: version) else {
                    return .answer(.internalServerError, "the function's code could not be written to a temporary file")
                }
                file = written
            }
            let context = nodeContext(world, version: version, environment: environment, service: service, domain: domain)
            return .runNode(file: file, context: context, version: version, environment: environment)
        }
    }

    /// The origin of a Node.js function: `node:` and its file; an asset read from a file: `file:` and its path.
    static let nodePrefix = "node:"
    static let filePrefix = "file:"

    /// A Node.js function's context: its environment's variables, the domain and path, the
    /// SIDs, the account's credentials when the service includes them, and the files of the
    /// build's functions and assets (`Runtime.getFunctions()`, `Runtime.getAssets()`).
    private static func nodeContext(_ world: World, version: ServerlessVersion, environment: ServerlessEnvironment, service: ServerlessService,
                                    domain: String) -> String {
        var context: [String: Any] = [
            "variables": Dictionary(world.serverlessVariables(of: environment).map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }),
            "DOMAIN_NAME": domain, "PATH": version.path, "SERVICE_SID": service.sid, "ENVIRONMENT_SID": environment.sid,
        ]
        if service.includeCredentials {
            context["ACCOUNT_SID"] = world.accountSid.description
            context["AUTH_TOKEN"] = world.configuration.authToken
        }
        let deployed = world.serverlessDeployedVersions(of: environment)
        func files(_ prefix: String) -> [String: String] {
            Dictionary(deployed.compactMap { version in
                version.origin.flatMap { $0.hasPrefix(prefix) ? (version.path, String($0.dropFirst(prefix.count))) : nil }
            }, uniquingKeysWith: { $1 })
        }
        context["functions"] = files(nodePrefix)
        context["assets"] = files(filePrefix)
        if let file = version.origin?.dropFirst(nodePrefix.count), let range = file.range(of: "/functions/", options: .backwards) {
            context["projectRoot"] = String(file[..<range.lowerBound])
        }
        let data = (try? JSONSerialization.data(withJSONObject: context, options: [.sortedKeys])) ?? Data("{}".utf8)
        return data.base64EncodedString()
    }

    private static func serve(_ decision: Decision, request: Request, query: String?, body: ByteBuffer, nodePort: Int?) async -> Response {
        switch decision {
        case .answer(let status, let text):
            return answer(status, text)
        case .preflight:
            var headers = HTTPFields()
            headers[.accessControlAllowOrigin] = "*"
            headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            headers[.accessControlAllowHeaders] = "Content-Type, X-Twilio-Signature"
            return Response(status: .noContent, headers: headers)
        case .content(let version):
            return Response(status: .ok, headers: [.contentType: version.contentType], body: .init(byteBuffer: ByteBuffer(bytes: version.content)))
        case .run(let origin):
            return await forward(request, to: origin + (query.map { "?" + $0 } ?? ""), body: body)
        case .runNode(let file, let context, _, _):
            guard let nodePort else {
                return answer(.notImplemented, "this is a Node.js function, and the run has no Node.js runtime (no node on the PATH)")
            }
            return await forward(request, to: "http://127.0.0.1:\(nodePort)/run" + (query.map { "?" + $0 } ?? ""), body: body,
                                 extra: [("X-Switchboard-Function", file), ("X-Switchboard-Context", context)])
        }
    }

    /// The request sent on to the built-in function, and its answer relayed as it came.
    private static func forward(_ request: Request, to url: String, body: ByteBuffer, extra: [(String, String)] = []) async -> Response {
        var outgoing = HTTPClientRequest(url: url)
        outgoing.method = .RAW(value: request.method.rawValue)
        for field in request.headers where field.name != .contentLength {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        for (name, value) in extra { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if body.readableBytes > 0 { outgoing.body = .bytes(body) }
        do {
            let response = try await client.execute(outgoing, timeout: .seconds(10))
            let content = try await response.body.collect(upTo: 16 << 20)
            var headers = HTTPFields()
            for (name, value) in response.headers {
                if let field = HTTPField.Name(name), field != .contentLength, field != .transferEncoding, field != .connection {
                    headers.append(HTTPField(name: field, value: value))
                }
            }
            return Response(status: .init(code: Int(response.status.code)), headers: headers, body: .init(byteBuffer: content))
        } catch {
            return answer(.internalServerError, "the function did not answer: runtime application timed out or failed (\(error))")
        }
    }

    private static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
