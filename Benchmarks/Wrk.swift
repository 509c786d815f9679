import Foundation

/// wrk (Debian's package), the reference load generator the benchmarks compare with.
enum Wrk {
    /// Runs wrk POSTing `body` (form-encoded, with `headers`) to `url`; returns its requests/s.
    static func post(_ url: String, body: String, headers: [String: String] = [:], connections: Int, threads: Int,
                     seconds: Double) async throws -> Double {
        try await offLoop { try run(url, body: body, headers: headers, connections: connections, threads: threads, seconds: seconds) }
    }

    private static func run(_ url: String, body: String, headers: [String: String], connections: Int, threads: Int,
                            seconds: Double) throws -> Double {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("bench-post-\(UUID().uuidString).lua")
        defer { try? FileManager.default.removeItem(at: script) }
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let lines = ["wrk.method = \"POST\"", "wrk.body = \(quoted(body))",
                     "wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\""]
            + headers.sorted { $0.key < $1.key }.map { "wrk.headers[\(quoted($0.key))] = \(quoted($0.value))" }
        try lines.joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["wrk", "-t\(threads)", "-c\(connections)", "-d\(Int(seconds))s", "-s", script.path, url]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let value = Double(line.split(separator: " ").last ?? "") else {
            print("wrk did not report a rate (is it installed? apt-get install wrk):\n\(text)")
            return .nan
        }
        return value
    }
}
