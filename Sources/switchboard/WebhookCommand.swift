import ArgumentParser
import Foundation
import Platform
import Traffic
import TwiML
import Webhooks

/// `switchboard webhook KIND URL`: send one realistic, signed webhook and show what came back.
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Send one webhook as the platform would and show the exchange, the TwiML and its diagnostics.",
        discussion: """
        KIND is sms, mms, voice, status or fallback. The parameters are a complete set of that \
        kind (fresh SIDs, From +14155550100, To +14155550199); --param replaces or adds one. \
        Exit status: 0 on a 2xx with usable TwiML, 3 when the delivery failed (HTTP error, \
        timeout, refused connection …), 4 when the answer is not usable TwiML (12100, 11750, 12300 …).
        """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case sms, mms, voice, status, fallback
    }

    @Argument(help: "sms, mms, voice, status or fallback.") var kind: Kind
    @Argument(help: "The webhook URL (a #ct=… fragment sets connection overrides).") var url: String
    @Option(name: .customLong("param"), help: "A parameter NAME=VALUE (repeatable).") var parameters: [NameValue] = []
    @Option(help: "The auth token to sign with (default: $TWILIO_AUTH_TOKEN, else a test token).") var token: String?
    @Option(help: "GET or POST (default POST; status callbacks are always POST).") var method: HTTPMethodArgument = .post
    @Option(name: .customLong("cookie-jar"), help: "A file to keep SMS cookies in between runs.") var cookieJar: String?
    @Option(help: "Append the exchanges to this traffic journal (JSON lines).") var journal: String?
    @Option(help: "A seed for the SIDs (default: random).") var seed: UInt64?

    func run() async throws {
        let authToken = token ?? ProcessInfo.processInfo.environment["TWILIO_AUTH_TOKEN"] ?? "switchboard-test-token"
        let jar = CookieJar()
        if let cookieJar, let data = FileManager.default.contents(atPath: cookieJar) {
            jar.restore((try? JSONDecoder().decode([String: CookieJar.Cookie].self, from: data)) ?? [:])
        }
        let trafficJournal: TrafficJournal?
        do {
            trafficJournal = try journal.map { try TrafficJournal(path: $0) }
        } catch {
            printError("\(journal ?? ""): error: cannot write journal: \(error.localizedDescription)")
            throw ExitStatus.inputError
        }
        let request = makeRequest()
        let client = WebhookClient(configuration: .init(authToken: authToken), journal: trafficJournal, cookies: jar)
        let outcome = await client.deliver(request)
        await client.shutdown()
        if let cookieJar {
            try JSONEncoder().encode(jar.snapshot).write(to: URL(fileURLWithPath: cookieJar))
        }
        ExchangePrinter.print(outcome)
        switch outcome.result {
        case .success:
            return
        case .failure(let failure):
            let documentProblem = failure.code.code == 11750 || (12000..<15000).contains(failure.code.code)
            throw documentProblem ? ExitStatus.checkFailed : ExitStatus.runtimeError
        }
    }

    private func makeRequest() -> WebhookRequest {
        var sids = SIDGenerator(seed: seed ?? UInt64.random(in: 0...UInt64.max))
        let account = sids.next(.account)
        let from = "+14155550100"
        let to = "+14155550199"
        var base: [Parameter]
        let webhookKind: WebhookKind
        switch kind {
        case .sms, .fallback:
            base = WebhookParameters.incomingMessage(accountSid: account, messageSid: sids.next(.message), from: from, to: to,
                                                     body: "Hello from Switchboard")
            if kind == .fallback { base += [Parameter("ErrorCode", "11200"), Parameter("ErrorUrl", url)] }
            webhookKind = .incomingMessage
        case .mms:
            base = WebhookParameters.incomingMessage(
                accountSid: account, messageSid: sids.next(.mediaMessage), from: from, to: to, body: "Look at this",
                media: [("https://api.twilio.com/2010-04-01/Accounts/\(account)/Messages/MM/Media/ME0", "image/jpeg")])
            webhookKind = .incomingMessage
        case .voice:
            base = WebhookParameters.call(accountSid: account, callSid: sids.next(.call), from: from, to: to, status: "ringing")
            webhookKind = .voice
        case .status:
            base = WebhookParameters.messageStatus(accountSid: account, messageSid: sids.next(.message), from: to, to: from,
                                                   status: "delivered", rawDlrDoneDate: "2611220810")
            webhookKind = .status
        }
        for override in parameters {
            if let index = base.firstIndex(where: { $0.name == override.name }) {
                base[index] = Parameter(override.name, override.value)
            } else {
                base.append(Parameter(override.name, override.value))
            }
        }
        let value = { (name: String) in base.first { $0.name == name }?.value ?? "" }
        return WebhookRequest(
            url: url, method: kind == .status ? .post : method.method, parameters: base, kind: webhookKind,
            event: value("MessageSid").isEmpty ? value("CallSid") : value("MessageSid"),
            idempotencyToken: String(sids.nextWord(), radix: 16), cookiePair: (value("From"), value("To")),
            time: Date().timeIntervalSince1970)
    }
}

/// `GET` or `POST` on the command line.
enum HTTPMethodArgument: String, ExpressibleByArgument {
    case get = "GET", post = "POST"

    init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    var method: HTTPMethod { self == .get ? .get : .post }
}
