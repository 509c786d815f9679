// switchboard-bench: the performance figures of Switchboard, printed, never asserted.
// Run in release: swift run -c release switchboard-bench [twiml]
let suites: [String: () async throws -> Void] = [
    "twiml": TwiMLBenchmark.run,
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
