import Simulator
import Traffic

/// What a 403 from the app to a signed webhook usually means, and the command that tells which
/// of its two usual causes it is: the app's auth token is not the scenario's, or the app
/// validates another URL than the one signed (a proxy or tunnel in front of it changes the
/// host, port or scheme it sees). `switchboard verify`, given the app's token, tries the URL
/// variants the official validators try.
enum ForbiddenHint {
    static func hint(for event: WebhookEvent, authToken: String) -> String? {
        guard event.purpose != .interceptCallback,
              let exchange = event.ownExchanges.first(where: { $0.response?.status == 403 }),
              let signature = exchange.request.headers.value(named: "X-Twilio-Signature") else { return nil }
        let token = authToken == WorldConfiguration.defaultAuthToken
            ? "the scenario signs with Switchboard's default test token: set account.auth_token to the app's"
            : "the scenario signs with its account.auth_token"
        var command = "TWILIO_AUTH_TOKEN=<the app's token> switchboard verify --signature \(quoted(signature)) \(quoted(exchange.request.url))"
        for (name, value) in exchange.request.formParameters ?? [] { command += " " + quoted(name + "=" + value) }
        return "the app answered 403 to a signed request: most often it rejected the signature. Either its auth token is not the "
            + "scenario's (\(token)), or it checks another URL than the one signed, \(exchange.request.url) (behind a proxy or "
            + "tunnel the host, port or scheme it sees differ). To tell which, run with the app's token: \(command)"
    }

    /// A word for a POSIX shell, in single quotes.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
