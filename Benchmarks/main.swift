// switchboard-bench: the performance figures of Switchboard, printed, never asserted.
// Run in release: swift run -c release switchboard-bench [twiml] [webhooks] [scenarios] [reports] [proxy] [conversations] [voice] [rest] [pytest]
import NIOCore
import NIOPosix

// Run Swift Concurrency on NIO's event loops: no hop between two thread pools per request.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

let suites: [String: () async throws -> Void] = [
    "twiml": TwiMLBenchmark.run,
    "webhooks": WebhookBenchmark.run,
    "scenarios": ScenarioBenchmark.run,
    "reports": ReportBenchmark.run,
    "proxy": ProxyBenchmark.run,
    "conversations": ConversationsBenchmark.run,
    "voice": VoiceBenchmark.run,
    "rest": RESTBenchmark.run,
    "pytest": PytestBenchmark.run,
]
let requested = CommandLine.arguments.dropFirst()
let names = requested.isEmpty ? suites.keys.sorted() : Array(requested)
for name in names {
    guard let suite = suites[name] else {
        print("unknown benchmark '\(name)'; available: \(suites.keys.sorted().joined(separator: ", "))")
        continue
    }
    try await suite()
}
