import Platform
import Simulator

/// `Recordings` the calls made, account-wide and per call: list, fetch, delete.
enum RecordingsResource {
    static let routes: [Route] = [
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Recordings.json", "ListRecording", list),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json", "FetchRecording", fetch),
        Route(.api, "DELETE", "/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json", "DeleteRecording", delete),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json", "ListCallRecording", list),
        Route(.api, "GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}.json", "FetchCallRecording", fetch),
        Route(.api, "DELETE", "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{Sid}.json", "DeleteCallRecording", delete),
    ]

    /// The recordings the path names: the account's, or one call's (404 for an unknown call).
    private static func recordings(_ context: APIContext) throws(APIError) -> [Recording] {
        guard let call = context.path["CallSid"] else { return context.world.listedRecordings }
        guard context.world.listedCall(call) != nil else { throw APIError.notFound(context.request.path) }
        return context.world.listedRecordings.filter { $0.callSid == call }
    }

    @Sendable static func list(_ context: APIContext) async throws(APIError) -> APIResponse {
        let request = context.request
        let pages = try Pagination(request)
        let recordings = try recordings(context).reversed().filter { recording in
            request.value("CallSid").map { recording.callSid == $0 } ?? true
        }
        return .ok(pages.v2010(request, key: "recordings", items: Array(recordings), sid: \.sid) {
            render($0, perCall: context.path["CallSid"] != nil, in: context.world)
        })
    }

    @Sendable static func fetch(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard let recording = try recordings(context).first(where: { $0.sid == context.parameter("Sid") }) else {
            throw APIError.notFound(context.request.path)
        }
        return .ok(render(recording, perCall: context.path["CallSid"] != nil, in: context.world))
    }

    @Sendable static func delete(_ context: APIContext) async throws(APIError) -> APIResponse {
        guard try recordings(context).contains(where: { $0.sid == context.parameter("Sid") }) else { throw APIError.notFound(context.request.path) }
        if let error = context.world.deleteRecording(context.parameter("Sid")) { throw context.fail(error) }
        return .deleted
    }

    /// A recording; the per-call resource has `track` and no `media_url` or `subresource_uris`.
    static func render(_ recording: Recording, perCall: Bool, in world: World) -> JSON {
        let path = perCall ? APIFormat.accountPath(world, "Calls/\(recording.callSid)/Recordings/\(recording.sid)")
                           : APIFormat.accountPath(world, "Recordings/\(recording.sid)")
        var fields: [(String, JSON)] = [
            ("account_sid", .string(world.accountSid.description)),
            ("api_version", .string("2010-04-01")),
            ("call_sid", .string(recording.callSid)),
            ("conference_sid", .null),
            ("date_created", APIFormat.date2010(recording.dateCreated)),
            ("date_updated", APIFormat.date2010(recording.dateCreated)),
            ("start_time", APIFormat.date2010(recording.startTime)),
            ("duration", .string(String(recording.duration))),
            ("sid", .string(recording.sid)),
            ("price", .null),
            ("price_unit", .string("USD")),
            ("status", .string("completed")),
            ("channels", .int(1)),
            ("source", .string(recording.source)),
            ("error_code", .null),
            ("uri", .string(path + ".json")),
            ("encryption_details", .null),
        ]
        if perCall {
            fields.append(("track", .string("inbound")))
        } else {
            let base = APIFormat.accountPath(world, "Recordings/\(recording.sid)")
            fields.append(("subresource_uris", .object([("add_on_results", .string(base + "/AddOnResults.json")),
                                                        ("transcriptions", .string(base + "/Transcriptions.json"))])))
            fields.append(("media_url", .string("https://api.twilio.com" + base)))
        }
        return .object(fields)
    }
}
