import Foundation
import HTTPTypes
import Hummingbird
import LoopbackHTTP
import NIOCore
import RESTAPI
import Simulator
import Traffic

/// The handsets of a served world, played by a person or a script: `POST /sms` (`From`, `To`,
/// `Body`, `MediaUrl` repeated) is an SMS or MMS arriving at one of the account's numbers, as a
/// scenario's `sms` step; `POST /call` (`From`, `To`, and `Digits`: keys pressed at the call's
/// input verbs, one comma-separated group per verb) is a call, as a `call` step. Both answer 202
/// once the world has taken it (the number's webhook has answered); what follows runs on the clock.
final class HandsetControl: Sendable {
    private let server: LoopbackServer

    var port: Int { server.port }

    private init(server: LoopbackServer) {
        self.server = server
    }

    static func start(port: Int, world: WorldHandle) async throws -> HandsetControl {
        let server = try await LoopbackServer.start(port: port, label: "switchboard-handsets") { request in
            guard request.method == .post else { return answer(.methodNotAllowed, "POST /sms or POST /call\n") }
            var body = try await request.body.collect(upTo: 1 << 20)
            let form = body.readString(length: body.readableBytes).map { FormEncoding.decode($0) } ?? []
            func value(_ name: String) -> String? { form.last { $0.0 == name }?.1 }
            guard let from = value("From").map(number), let to = value("To").map(number) else {
                return answer(.badRequest, "From and To are required\n")
            }
            switch request.uri.path {
            case "/sms":
                let media = form.filter { $0.0 == "MediaUrl" }.map(\.1)
                await world.withWorld { await $0.receiveMessage(from: from, to: to, body: value("Body") ?? "", mediaURLs: media) }
                return answer(.accepted, "SMS \(from) → \(to) received\n")
            case "/call":
                let presses = (value("Digits") ?? "").split(separator: ",", omittingEmptySubsequences: false)
                    .filter { !$0.isEmpty }.map { CallerAction.press(digits: String($0), after: nil, prompt: nil) }
                await world.withWorld { await $0.receiveCall(from: from, to: to, script: CallerScript(actions: presses)) }
                return answer(.accepted, "call \(from) → \(to) placed\n")
            default:
                return answer(.notFound, "POST /sms or POST /call\n")
            }
        }
        return HandsetControl(server: server)
    }

    /// A number as typed: `curl -d From=+1555…` sends the `+` unencoded, which a form decodes as
    /// a space; a space before digits is taken for the `+` it was.
    private static func number(_ text: String) -> String {
        guard text.hasPrefix(" "), text.dropFirst().allSatisfy(\.isNumber) else { return text }
        return "+" + text.dropFirst()
    }

    func stop() async {
        await server.stop()
    }

    private static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
