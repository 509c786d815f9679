import Foundation
import Platform
import Scenario
import Traffic

/// `results.json`: every result as data (its schema is in docs/results.md). Written with the
/// byte-level `JSONWriter` (a scenario at a time, as it finishes); read back through the
/// `Decodable` types below, which name the same keys.
public enum ResultsJSON: SummaryReport {
    struct Document: Decodable {
        var version = 1
        let tool: String
        let startedAt: String
        let duration: Double
        /// True when the run was interrupted; `notRun` scenarios did not run.
        var incomplete: Bool?
        var notRun: Int?
        /// The shard the run was (`2/4`), if it was one.
        var shard: String?
        let summary: Summary
        let scenarios: [ScenarioEntry]
    }

    struct Summary: Decodable {
        let total: Int
        let passed: Int
        let failed: Int
        let fileErrors: Int
        let runtimeErrors: Int
    }

    struct ScenarioEntry: Decodable {
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

    struct FailureEntry: Decodable {
        let file: String
        let line: Int
        let column: Int
        let summary: String
        let expected: String
        let actual: String
        let exchange: String?
        let entries: [String]?
        let hint: String?
    }

    /// A run read back from its results.json (to merge shards, or to balance the next run).
    public struct Run: Sendable {
        public let results: [ScenarioResult]
        public let duration: Double
        public let startedAt: Date
        /// The shard the run was, if it was one.
        public let shard: Shard?
        /// Set when the run was interrupted.
        public let notRun: Int?
    }

    public static func read(_ data: Data) throws -> Run {
        let document = try JSONDecoder().decode(Document.self, from: data)
        let results = document.scenarios.map { entry in
            var result = ScenarioResult(
                name: entry.name, file: entry.file, location: SourceLocation(file: entry.file, line: entry.line, column: entry.column),
                status: ScenarioResult.Status(rawValue: entry.status) ?? .failed,
                failures: entry.failures.map {
                    ExpectationFailure(location: SourceLocation(file: $0.file, line: $0.line, column: $0.column), summary: $0.summary,
                                       expected: $0.expected, actual: $0.actual, exchange: $0.exchange,
                                       entries: $0.entries ?? [], hint: $0.hint)
                },
                error: entry.error, duration: entry.duration, webhooks: entry.webhooks, virtualSeconds: entry.virtualSeconds,
                traffic: entry.traffic, journal: entry.journal)
            result.notices = entry.notices ?? []
            result.calls = entry.calls ?? []
            result.sessions = entry.sessions ?? []
            return result
        }
        return Run(results: results, duration: document.duration,
                   startedAt: ISO8601DateFormatter().date(from: document.startedAt) ?? Date(timeIntervalSince1970: 0),
                   shard: document.shard.flatMap(Shard.init), notRun: document.notRun)
    }

    public static func render(_ results: [ScenarioResult], duration: Double, startedAt: Date, version: String,
                              notRun: Int? = nil) -> Data {
        let document: ByteWriter = render(results, duration: duration, startedAt: startedAt, version: version, notRun: notRun)
        return document.withBytes { Data($0) }
    }

    /// The document from each scenario's entry. One scenario a line, so a diff or `grep`
    /// shows one scenario at a time. Returned as written, without a copy.
    static func document(_ run: FinishedRun, parts: ReportParts) -> ByteWriter {
        let (results, order, duration, startedAt, version, notRun) = (run.results, run.order, run.duration, run.startedAt, run.version, run.notRun)
        let tally = ResultTally(results)
        var json = JSONWriter(capacity: parts.count + results.count + 1_024)
        json.beginObject()
        json.field("version", 1)
        json.field("tool", "switchboard \(version)")
        json.field("startedAt", ISO8601DateFormatter().string(from: startedAt))
        json.field("duration", duration)
        if let notRun {
            json.field("incomplete", true)
            json.field("notRun", notRun)
        }
        json.field("shard", run.shard?.description)
        json.beginObject("summary")
        json.field("total", tally.total)
        json.field("passed", tally.passed)
        json.field("failed", tally.failed)
        json.field("fileErrors", tally.fileErrors)
        json.field("runtimeErrors", tally.runtimeErrors)
        json.field("skipped", tally.skipped)
        json.endObject()
        json.beginArray("scenarios")
        parts.forEach(order) { json.element(encoded: $0) }
        json.endArray()
        json.endObject()
        json.newline()
        return json.finished()
    }

    /// A scenario's entry.
    static func part(_ result: ScenarioResult, into part: inout ByteWriter) {
        var json = JSONWriter()
        entry(result, into: &json)
        json.withBytes { part.append($0) }
    }

    /// One scenario's entry: a JSON object on a line of its own.
    private static func entry(_ result: ScenarioResult, into json: inout JSONWriter) {
        json.newline()
        json.beginObject()
        json.field("name", result.name)
        json.field("file", result.file)
        json.field("line", result.location.line)
        json.field("column", result.location.column)
        json.field("status", result.status.rawValue)
        json.field("duration", result.duration)
        json.field("webhooks", result.webhooks)
        json.field("virtualSeconds", result.virtualSeconds)
        json.field("error", result.error)
        json.beginArray("failures")
        for failure in result.failures {
            json.beginObject()
            json.field("file", failure.location.file)
            json.field("line", failure.location.line)
            json.field("column", failure.location.column)
            json.field("summary", failure.summary)
            json.field("expected", failure.expected)
            json.field("actual", failure.actual)
            json.field("exchange", failure.exchange)
            json.field("hint", failure.hint)
            if !failure.entries.isEmpty {
                json.beginArray("entries")
                for entry in failure.entries { json.element(entry) }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.beginArray("traffic")
        for line in result.traffic { json.trafficLine(line) }
        json.endArray()
        json.field("journal", result.journal)
        let lists: [(key: StaticString, lines: [String])] = [("notices", result.notices), ("calls", result.calls), ("sessions", result.sessions)]
        for (key, lines) in lists where !lines.isEmpty {
            json.beginArray(key)
            for line in lines { json.element(line) }
            json.endArray()
        }
        json.endObject()
    }
}

extension JSONWriter {
    /// A webhook of a scenario's traffic, as results.json and the HTML report's data hold it.
    mutating func trafficLine(_ line: TrafficLine) {
        beginObject()
        field("time", line.time)
        field("purpose", line.purpose)
        field("method", line.method)
        field("url", line.url)
        field("status", line.status)
        field("errorCode", line.errorCode)
        endObject()
    }
}
