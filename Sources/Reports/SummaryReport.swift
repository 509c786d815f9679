import Foundation
import Platform
import Scenario

/// A report file written as the run goes: a part for each scenario as it finishes, kept as
/// bytes (`ReportParts`), and the whole document once the run is over, the parts in file
/// order. JUnit XML, results.json, the text report, TAP and the Markdown summary are each one
/// type of this protocol; the HTML page and the HAR files, written scenario by scenario, are
/// `ReportStream`'s. A new format is a type of its own file and its case in `Reporter`.
protocol SummaryReport {
    /// Writes a finished scenario's part (nothing, for a report made of totals only).
    static func part(_ result: ScenarioResult, into part: inout ByteWriter)
    /// The whole report from the run and the parts.
    static func document(_ run: FinishedRun, parts: ReportParts) -> ByteWriter
}

/// What a summary report's document is made of once the run is over.
struct FinishedRun {
    /// The results in file order (rows in table order), without their traffic.
    let results: [ScenarioResult]
    /// `results[i]`'s part is part `order[i]` (parts are in the order scenarios finished).
    let order: [Int]
    /// Wall-clock seconds the run took.
    let duration: Double
    let startedAt: Date
    let version: String
    /// Set when the run was interrupted: the scenarios that did not run.
    let notRun: Int?
    /// The shard the run was, if it was one.
    var shard: Shard?
}

extension SummaryReport {
    /// The report of results already complete, in one go (the parts in the results' order).
    static func render(_ results: [ScenarioResult], duration: Double, startedAt: Date = Date(timeIntervalSince1970: 0),
                       version: String = "", notRun: Int? = nil) -> ByteWriter {
        let parts = ReportParts(results, part)
        return document(FinishedRun(results: results, order: Array(results.indices), duration: duration, startedAt: startedAt,
                                    version: version, notRun: notRun), parts: parts)
    }
}
