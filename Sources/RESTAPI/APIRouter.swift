import Platform
import Simulator
import Webhooks

/// The REST API's front: authenticates a request, finds its world and its operation, runs the
/// operation holding the world's gate, and records the request and its answer on the world's
/// timeline (so the journal, the reports and the expectations see the API traffic beside the
/// webhooks).
public struct APIRouter: Sendable {
    let directory: WorldDirectory
    let routes: [Route]

    public init(directory: WorldDirectory) {
        self.directory = directory
        routes = MessagesResource.routes + CallsResource.routes + RecordingsResource.routes + PhoneNumbersResource.routes
            + MessagingServicesResource.routes + ProxyResource.routes + ConversationsResource.routes + ServerlessAPI.routes
    }

    public func respond(to request: APIRequest) async -> APIResponse {
        let credentials = request.header("Authorization").flatMap(Credentials.init(authorization:))
        let named = request.header(WorldDirectory.worldHeader).flatMap(Int.init)
        var matched: (Route, [String: String])?
        var pathExists = false
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for route in routes where route.product == request.product {
            guard let parameters = route.match(parts) else { continue }
            pathExists = true
            if route.method == request.method {
                matched = (route, parameters)
                break
            }
        }
        let operation = matched?.0.operation ?? "Unknown"
        guard let credentials, let (handle, test) = directory.world(for: credentials, named: named) else {
            // A request that names its world with wrong credentials is refused on that world's timeline.
            if let named, let handle = directory.world(number: named) {
                return await handle.withWorld { world in
                    await record(request, operation: operation, user: credentials?.user, in: world) { _ in APIResponse(.authenticate()) }
                }
            }
            return APIResponse(.authenticate())
        }
        return await handle.withWorld { world in
            await record(request, operation: operation, user: credentials.user, in: world) { cause in
                guard let (route, parameters) = matched else {
                    return APIResponse(pathExists ? APIError(status: 405, code: 20004, message: "Method \(request.method) is not allowed on \(request.path)")
                                                  : .notFound(request.path))
                }
                let account = test ? credentials.user : world.accountSid.description
                if let named = parameters["AccountSid"], named != account {
                    return APIResponse(.authenticate("The credentials are not those of account \(named)"))
                }
                var authenticated = request
                authenticated.user = credentials.user
                let context = APIContext(request: authenticated, world: world, path: parameters, cause: cause)
                do throws(APIError) {
                    return try await test ? TestCredentialsResource.answer(route.operation, context) : route.handler(context)
                } catch {
                    return APIResponse(error)
                }
            }
        }
    }

    /// Records the request on the world's timeline, answers it, and records the answer.
    private func record(_ request: APIRequest, operation: String, user: String?, in world: World,
                        answer: (Int) async -> APIResponse) async -> APIResponse {
        let cause = world.timeline.append(
            .apiRequest(APIRequestEvent(operation: operation, method: request.method, host: request.host, path: request.path,
                                        parameters: request.parameters, user: user)), at: world.now, cause: nil)
        let response = await answer(cause)
        world.timeline.append(.apiResponse(APIResponseEvent(request: cause, status: response.status, errorCode: response.errorCode,
                                                            errorMessage: response.errorMessage)), at: world.now, cause: cause)
        return response
    }
}
