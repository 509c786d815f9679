import Platform
import Simulator

/// An error answer of the REST API: the platform's body (`code`, `message`, `more_info`,
/// `status`), which the helper libraries turn into their exception with its code.
public struct APIError: Error, Sendable {
    public let status: Int
    public let code: Int
    public let message: String

    public init(status: Int, code: Int, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// An error of the simulated platform, with the HTTP status its code is answered with.
    init(_ error: PlatformError) {
        let status = switch error.code.code {
        case 20003: 401
        case 20008: 403
        case 20404: 404
        case 20009, 30409, 50201, 50353, 50416: 409
        default: 400
        }
        self.init(status: status, code: error.code.code, message: error.message)
    }

    /// 20003: the credentials are missing, unknown or wrong.
    static func authenticate(_ message: String = "Authenticate") -> APIError {
        APIError(status: 401, code: 20003, message: message)
    }

    /// 20404 for a path or a resource that does not exist.
    static func notFound(_ path: String) -> APIError {
        APIError(status: 404, code: 20404, message: "The requested resource \(path) was not found")
    }

    /// 21200-style invalid parameter errors: 400 with the code the resource uses.
    static func invalid(_ code: Int, _ message: String) -> APIError {
        APIError(status: 400, code: code, message: message)
    }

    var body: JSON {
        .object([("code", .int(code)), ("message", .string(message)),
                 ("more_info", .string("https://www.twilio.com/docs/errors/\(code)")), ("status", .int(status))])
    }
}
