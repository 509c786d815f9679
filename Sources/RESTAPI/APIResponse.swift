/// An answer of the REST API: its status and JSON body (empty for a 204), encoded once for
/// the wire and the timeline.
public struct APIResponse: Sendable {
    public let status: Int
    public let body: String
    /// The error's code and message when the answer is an error.
    public let errorCode: Int?
    public let errorMessage: String?

    init(status: Int, json: JSON?) {
        self.status = status
        body = json?.encoded ?? ""
        errorCode = nil
        errorMessage = nil
    }

    static func ok(_ json: JSON) -> APIResponse { APIResponse(status: 200, json: json) }
    static func created(_ json: JSON) -> APIResponse { APIResponse(status: 201, json: json) }
    static let deleted = APIResponse(status: 204, json: nil)

    init(_ error: APIError) {
        status = error.status
        body = error.body.encoded
        errorCode = error.code
        errorMessage = error.message
    }
}
