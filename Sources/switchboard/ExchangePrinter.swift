import TwiML
import Webhooks

/// Prints a delivery for a person: each exchange, the TwiML, its diagnostics, the result.
enum ExchangePrinter {
    static func print(_ outcome: DeliveryOutcome) {
        for exchange in outcome.exchanges {
            Swift.print("→ \(exchange.request.method) \(exchange.request.url)  [\(exchange.role), attempt \(exchange.attempt)"
                + (exchange.hop > 0 ? ", redirect \(exchange.hop)" : "") + "]")
            for header in exchange.request.headers { Swift.print("  \(header.name): \(header.value)") }
            if !exchange.request.body.isEmpty {
                for (name, value) in FormEncoding.decode(exchange.request.body) where exchange.request.headers.contains(where: {
                    $0.value.hasPrefix("application/x-www-form-urlencoded")
                }) {
                    Swift.print("    \(name)=\(value)")
                }
            }
            if let response = exchange.response {
                Swift.print("← \(response.status)  (\(format(exchange.durationMilliseconds)) ms)")
                for header in response.headers { Swift.print("  \(header.name): \(header.value)") }
                if !response.body.isEmpty {
                    let shown = response.body.count > 2_000 ? String(response.body.prefix(2_000)) + "… (\(response.bodySize) bytes)" : response.body
                    Swift.print(shown.split(separator: "\n", omittingEmptySubsequences: false).map { "  | " + $0 }.joined(separator: "\n"))
                }
            } else {
                Swift.print("← no response  (\(format(exchange.durationMilliseconds)) ms)")
            }
            if let code = exchange.errorCode { Swift.print("  ✗ \(code): \(exchange.errorMessage ?? "")") }
            Swift.print("")
        }
        for diagnostic in outcome.diagnostics {
            Swift.print("twiml:\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue) \(diagnostic.code.code): \(diagnostic.message)")
        }
        switch outcome.result {
        case .success(.twiml(let document, _)):
            Swift.print("result: TwiML with \(document.root.children.count) verb(s): "
                + document.root.children.map(\.name).joined(separator: ", "))
        case .success(.text(let text)):
            Swift.print("result: plain-text reply: \(text)")
        case .success(.json(let body)):
            Swift.print("result: JSON answer (\(body.count) bytes)")
        case .success(.empty):
            Swift.print("result: accepted (nothing to execute)")
        case .failure(let failure):
            Swift.print("result: failed with \(failure.code.code) \(failure.code.message): \(failure.message)")
        }
    }

    private static func format(_ milliseconds: Double) -> String {
        String(Double(Int(milliseconds * 10)) / 10)
    }
}
