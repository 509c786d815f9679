import ArgumentParser
import Foundation
import Scenario
import Simulator
import Traffic

/// `switchboard serve [FILE]`: the emulated platform left running for an app started by hand.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the emulated platform (REST API, HTTPS proxy, built-in functions) for manual testing.",
        discussion: """
        FILE is a scenario file whose declarations (account, numbers, services, functions) make \
        the world; its steps and expectations are not run. Prints the variables to export in the \
        shell the app is started from, then every event as it happens, until Ctrl-C. The virtual \
        clock follows the wall clock. POST /sms and POST /call on the handsets URL play a handset. \
        Exit status: 0 when stopped by a signal, 1 usage, 2 the file is broken, 3 a port is taken.
        """
    )

    @Argument(help: "A scenario file (default: an empty world with a seeded account).") var file: String?
    @Option(help: "The URL of the app as you started it, for {{app}} in the file.") var appURL: String?
    @Option(help: "The port of the REST API on 127.0.0.1 (default: a free one).") var apiPort: Int?
    @Option(help: "The port of the HTTPS proxy on 127.0.0.1 (default: a free one).") var proxyPort: Int?
    @Option(help: "The port of the handsets (POST /sms, POST /call) on 127.0.0.1 (default: a free one).") var handsetPort: Int?
    @Option(help: "Also write the variables to this file, as export lines a shell can source.") var envFile: String?
    @Option(help: "Append every event to this traffic journal (JSON lines).") var journal: String?

    func run() async throws {
        var scenario: Scenario?
        if let file {
            do {
                let scenarios = try ScenarioLoader.load(file: file)
                scenario = scenarios.first
                if scenarios.count > 1 { Terminal.error("\(file) makes \(scenarios.count) scenarios (rows): serving the first, \(scenarios[0].name)") }
            } catch {
                printError(error.description)
                throw ExitStatus.inputError
            }
        }
        let trafficJournal: TrafficJournal?
        do {
            trafficJournal = try journal.map { try TrafficJournal(path: $0) }
        } catch {
            printError("cannot write the journal \(journal ?? ""): \(error)")
            throw ExitStatus.usage
        }
        let events = PrintedEvents(journal: trafficJournal.map { TimelineJournal(journal: $0, scenario: "serve", start: Date().timeIntervalSince1970) })
        let session: ServeSession
        do {
            session = try await ServeSession.start(scenario, appURL: appURL, ports: .init(api: apiPort ?? 0, proxy: proxyPort ?? 0, control: handsetPort ?? 0),
                                                   observer: events)
        } catch let unservable as ServeSession.Unservable {
            printError(unservable.description)
            throw ExitStatus.usage
        } catch {
            printError("switchboard serve could not start: \(error)")
            throw ExitStatus.runtimeError
        }
        let exports = session.environment.map { "export \($0.name)=\(Self.shellQuoted($0.value))" }
        if let envFile {
            do {
                try (exports.joined(separator: "\n") + "\n").write(toFile: envFile, atomically: true, encoding: .utf8)
            } catch {
                printError("cannot write \(envFile): \(error)")
            }
        }
        Terminal.out(introduction(session, exports: exports))
        let (signals, received) = AsyncStream.makeStream(of: Void.self)
        let interruption = Interruption { received.yield() }
        for await _ in signals { break }
        interruption.stop()
        await session.stop()
        events.flush()
        Terminal.out("stopped")
    }

    private func introduction(_ session: ServeSession, exports: [String]) -> String {
        let api = session.environment.first { $0.name == "SWITCHBOARD_API_URL" }?.value ?? ""
        let proxy = session.environment.first { $0.name == "SWITCHBOARD_PROXY_URL" }?.value ?? ""
        let authority = session.environment.first { $0.name == "SWITCHBOARD_CA_FILE" }?.value ?? ""
        let to = session.numbers.first ?? "+14155550100"
        return """
            Switchboard serves the emulated platform until Ctrl-C.
              REST API  \(api)/api.twilio.com/2010-04-01/… (plain HTTP; the platform's host is the first segment)
              proxy     \(proxy) (https://*.twilio.com through it; CA \(authority))
              handsets  curl --data-urlencode From=+15558675310 --data-urlencode To=\(to) -d Body=hello \(session.controlURL)/sms
                        curl --data-urlencode From=+15558675310 --data-urlencode To=\(to) -d Digits=1 \(session.controlURL)/call
              numbers   \(session.numbers.isEmpty ? "none declared" : session.numbers.joined(separator: " "))

            In the shell you start your app from:
            \(exports.joined(separator: "\n"))

            Events:
            """
    }

    /// `value` as one shell word.
    static func shellQuoted(_ value: String) -> String {
        if value.allSatisfy({ $0.isLetter || $0.isNumber || "+-./:_,=@".contains($0) }) { return value }
        return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Prints each event of the served world as one line, as it happens, and journals it if asked.
private final class PrintedEvents: TimelineObserver, @unchecked Sendable {
    private let journal: TimelineJournal?
    private let start = Date().timeIntervalSince1970

    init(journal: TimelineJournal?) {
        self.journal = journal
    }

    func appended(_ entry: TimelineEntry) {
        Terminal.out(entry.summary(since: start))
        journal?.appended(entry)
        journal?.flush()
    }

    func flush() {
        journal?.flush()
    }
}
