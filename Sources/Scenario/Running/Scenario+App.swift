import FrontDoor
import Simulator
import Traffic

extension Scenario {
    /// Runs in the account of the app it shares (its declared one, if it declares one).
    mutating func use(_ account: AppEnvironment.Account) {
        world.accountSid = account.sid
        world.authToken = account.authToken
        if let key = account.apiKey, !world.apiKeys.contains(where: { $0.sid == key.sid }) {
            world.apiKeys.append(APIKey(sid: key.sid, secret: key.secret, friendlyName: nil))
        }
    }
}

extension ScenarioResult {
    /// A scenario that did not run because its app could not serve it (exit code 3), or
    /// skipped (`status`) because the machine lacks what it needs.
    init(appFailure message: String, scenario: Scenario, index: Int, journal: TrafficJournal?, status: Status = .runtimeError) {
        let label = Self.journalName(index: index, scenario: scenario.name)
        self.init(name: scenario.name, file: scenario.file, location: scenario.location, status: status, failures: [],
                  error: message, duration: 0, webhooks: 0, virtualSeconds: 0, traffic: [], journal: label)
        if let journal { appendLine(to: journal) }
    }
}

/// The app's output in the run's journal: one `app-output` line per line it wrote, with the
/// scenario's name, the wall-clock time and the stream.
enum AppOutputJournal {
    static func append(_ lines: [AppLog.Line], scenario: String, to journal: TrafficJournal) {
        for line in lines {
            var json = JSONWriter()
            json.beginObject()
            json.field("scenario", scenario)
            json.field("type", "app-output")
            json.field("wall_time", line.time)
            json.field("stream", line.stream.rawValue)
            json.field("text", line.text)
            json.endObject()
            json.endLine()
            json.withBytes { journal.append(encoded: $0) }
        }
    }
}
