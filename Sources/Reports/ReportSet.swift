import Foundation
import Scenario
import Webhooks

/// The reports a run leaves in its folder.
public enum Reporter: String, CaseIterable, Sendable {
    case html, junit, json, text, markdown, tap, har

    /// The report's file in the reports folder (HAR files go beside each scenario's journal).
    public var fileName: String? {
        switch self {
        case .html: "report.html"
        case .junit: "junit.xml"
        case .json: "results.json"
        case .text: "report.txt"
        case .markdown: "summary.md"
        case .tap: "report.tap"
        case .har: nil
        }
    }
}

/// Writes the reports of results that are already complete (merged shards), each with its
/// exchanges read back from its shard's journal.
public enum ReportSet {
    public static func write(_ results: [ScenarioResult], to folder: String, reporters: Set<Reporter>, duration: Double,
                             startedAt: Date, version: String, notRun: Int? = nil) throws {
        let stream = try ReportStream(folder: folder, reporters: reporters, version: version, journal: false)
        try stream.add(results)
        try stream.finish(duration: duration, startedAt: startedAt, notRun: notRun)
    }
}
