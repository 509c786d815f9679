import Foundation
import Scenario

/// `results.json`: every result as data (its schema is in docs/results.md).
public enum ResultsJSON {
    struct Document: Codable {
        var version = 1
        let tool: String
        let startedAt: String
        let duration: Double
        /// True when the run was interrupted; `notRun` scenarios did not run.
        var incomplete: Bool?
        var notRun: Int?
        let summary: Summary
        let scenarios: [ScenarioEntry]
    }

    struct Summary: Codable {
        let total: Int
        let passed: Int
        let failed: Int
        let fileErrors: Int
        let runtimeErrors: Int
    }

    struct ScenarioEntry: Codable {
        let name: String
        let file: String
        let line: Int
        let column: Int
        let status: String
        let duration: Double
        let webhooks: Int
        let virtualSeconds: Double
        let error: String?
        let failures: [FailureEntry]
        let traffic: [TrafficLine]
        let journal: String?
        let notices: [String]?
        let calls: [String]?
        let sessions: [String]?
    }

    struct FailureEntry: Codable {
        let file: String
        let line: Int
        let column: Int
        let summary: String
        let expected: String
        let actual: String
        let exchange: String?
    }

    /// A run read back from its results.json (to merge shards, or to balance the next run).
    public struct Run: Sendable {
        public let results: [ScenarioResult]
        public let duration: Double
        public let startedAt: Date
    }

    public static func read(_ data: Data) throws -> Run {
        let document = try JSONDecoder().decode(Document.self, from: data)
        let results = document.scenarios.map { entry in
            var result = ScenarioResult(
                name: entry.name, file: entry.file, location: SourceLocation(file: entry.file, line: entry.line, column: entry.column),
                status: ScenarioResult.Status(rawValue: entry.status) ?? .failed,
                failures: entry.failures.map {
                    ExpectationFailure(location: SourceLocation(file: $0.file, line: $0.line, column: $0.column), summary: $0.summary,
                                       expected: $0.expected, actual: $0.actual, exchange: $0.exchange)
                },
                error: entry.error, duration: entry.duration, webhooks: entry.webhooks, virtualSeconds: entry.virtualSeconds,
                traffic: entry.traffic, journal: entry.journal)
            result.notices = entry.notices ?? []
            result.calls = entry.calls ?? []
            result.sessions = entry.sessions ?? []
            return result
        }
        return Run(results: results, duration: document.duration,
                   startedAt: ISO8601DateFormatter().date(from: document.startedAt) ?? Date(timeIntervalSince1970: 0))
    }

    public static func render(_ results: [ScenarioResult], duration: Double, startedAt: Date, version: String,
                              notRun: Int? = nil) throws -> Data {
        let count = { (status: ScenarioResult.Status) in results.filter { $0.status == status }.count }
        let document = Document(
            tool: "switchboard \(version)", startedAt: ISO8601DateFormatter().string(from: startedAt), duration: duration,
            incomplete: notRun == nil ? nil : true, notRun: notRun,
            summary: Summary(total: results.count, passed: count(.passed), failed: count(.failed), fileErrors: count(.fileError),
                             runtimeErrors: count(.runtimeError)),
            scenarios: results.map { result in
                ScenarioEntry(name: result.name, file: result.file, line: result.location.line, column: result.location.column,
                              status: result.status.rawValue, duration: result.duration, webhooks: result.webhooks,
                              virtualSeconds: result.virtualSeconds, error: result.error,
                              failures: result.failures.map {
                                  FailureEntry(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                                               summary: $0.summary, expected: $0.expected, actual: $0.actual, exchange: $0.exchange)
                              },
                              traffic: result.traffic, journal: result.journal, notices: result.notices.isEmpty ? nil : result.notices,
                              calls: result.calls.isEmpty ? nil : result.calls,
                              sessions: result.sessions.isEmpty ? nil : result.sessions)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
