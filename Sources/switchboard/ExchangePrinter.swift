import Platform
import Traffic
import TwiML
import Webhooks

/// Prints a delivery for a person: each exchange, the TwiML, its diagnostics, the result.
/// Everything in it came from the app or the command line, so control characters are
/// printed as visible escapes, never sent to the terminal raw.
enum ExchangePrinter {
    static func print(_ outcome: DeliveryOutcome) {
        for exchange in outcome.exchanges {
            line("→ \(exchange.request.method) \(exchange.request.url)  [\(exchange.role), attempt \(exchange.attempt)"
                + (exchange.hop > 0 ? ", redirect \(exchange.hop)" : "") + "]")
            for header in exchange.request.headers { line("  \(header.name): \(header.value)") }
            if !exchange.request.body.isEmpty {
                for (name, value) in FormEncoding.decode(exchange.request.body) where exchange.request.headers.contains(where: {
                    $0.value.hasPrefix("application/x-www-form-urlencoded")
                }) {
                    line("    \(name)=\(value)")
                }
            }
            if let response = exchange.response {
                line("← \(response.status)  (\(format(exchange.durationMilliseconds)) ms)")
                for header in response.headers { line("  \(header.name): \(header.value)") }
                if !response.body.isEmpty {
                    let shown = response.body.count > 2_000 ? String(response.body.prefix(2_000)) + "… (\(response.bodySize) bytes)" : response.body
                    line(shown.split(separator: "\n", omittingEmptySubsequences: false).map { "  | " + $0 }.joined(separator: "\n"))
                }
            } else {
                line("← no response  (\(format(exchange.durationMilliseconds)) ms)")
            }
            if let code = exchange.errorCode { line("  ✗ \(code): \(exchange.errorMessage ?? "")") }
            line("")
        }
        for diagnostic in outcome.diagnostics {
            line("twiml:\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue) \(diagnostic.code.code): \(diagnostic.message)")
        }
        switch outcome.result {
        case .success(.twiml(let document, _)):
            line("result: TwiML with \(document.root.children.count) verb(s): "
                + document.root.children.map(\.name).joined(separator: ", "))
        case .success(.recordedTwiML):
            line("result: TwiML")
        case .success(.text(let text)):
            line("result: plain-text reply: \(text)")
        case .success(.json(let body)):
            line("result: JSON answer (\(body.count) bytes)")
        case .success(.empty):
            line("result: accepted (nothing to execute)")
        case .success(.blocked):
            line("result: blocked (the intercept callback answered 403)")
        case .failure(let failure):
            line("result: failed with \(failure.code.code) \(failure.code.message): \(failure.message)")
        }
    }

    private static func line(_ text: String) {
        Swift.print(ControlCharacters.escape(text))
    }

    private static func format(_ milliseconds: Double) -> String {
        String(Double(Int(milliseconds * 10)) / 10)
    }
}
