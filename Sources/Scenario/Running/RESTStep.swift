import Foundation
import RESTAPI
import Simulator

/// A scenario's `rest` step: the request sent over HTTP as an app sends it (the world's gate
/// left open meanwhile, so the REST API can enter), and the fields it saves from the answer.
extension ScenarioRunner {
    /// Sends the request `times` times; returns the last answer's body.
    static func send(_ call: RESTCall, times: Int, in world: World, number: Int, account: (user: String, password: String),
                     platform: PlatformAPI) async -> String {
        let credentials = call.credentials ?? account
        var body = ""
        for _ in 0..<times {
            let answer = await world.outside {
                await platform.client.send(call, user: credentials.user, password: credentials.password, world: number)
            }
            body = answer.body
            if answer.status == 0 { world.recordProblem("the rest step \(call.method) \(call.url) could not be sent: \(body)") }
        }
        return body
    }

    /// The values `save` asks for from an answer, by variable; a field the answer lacks is a problem.
    static func save(_ body: String, _ save: [(variable: String, field: String)], world: World, call: RESTCall) -> [(String, String)] {
        save.compactMap { variable, field in
            guard let value = Self.field(field, of: body) else {
                world.recordProblem("the rest step \(call.method) \(call.url) answered no '\(field)' to save as {{\(variable)}}")
                return nil
            }
            return (variable, value)
        }
    }

    /// A field of a JSON answer, by its dotted path (`sid`, `links.participants`, `environments.0.sid`), as text.
    static func field(_ path: String, of body: String) -> String? {
        var value = try? JSONSerialization.jsonObject(with: Data(body.utf8))
        for key in path.split(separator: ".") {
            if let index = Int(key), let list = value as? [Any] {
                value = list.indices.contains(index) ? list[index] : nil
            } else {
                value = (value as? [String: Any])?[String(key)]
            }
        }
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
