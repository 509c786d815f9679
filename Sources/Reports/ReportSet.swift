import Foundation
import Scenario
import Webhooks

/// The reports a run leaves in its folder.
public enum Reporter: String, CaseIterable, Sendable {
    case html, junit, json, text, markdown, har
}

/// Writes the chosen reports of a finished run into a folder.
public enum ReportSet {
    /// `notRun`: set when the run was interrupted, the number of scenarios that did not run; every
    /// report then says the run is incomplete.
    public static func write(_ results: [ScenarioResult], to folder: String, reporters: Set<Reporter>, duration: Double,
                             startedAt: Date, version: String, notRun: Int? = nil) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func save(_ name: String, _ data: Data) throws {
            try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(name), options: .atomic)
        }
        if reporters.contains(.html) {
            var material = HTMLReport.Material()
            for file in Set(results.map(\.file)) {
                material.sources[file] = (try? String(contentsOfFile: file, encoding: .utf8))
            }
            for journal in results.compactMap(\.journal) { material.exchanges[journal] = try? TrafficJournal.read(path: journal) }
            try save("report.html", Data(HTMLReport.render(results, material: material, duration: duration, startedAt: startedAt,
                                                           version: version, notRun: notRun).utf8))
        }
        if reporters.contains(.junit) {
            try save("junit.xml", Data(JUnitReport.render(results, duration: duration, timestamp: startedAt, notRun: notRun).utf8))
        }
        if reporters.contains(.json) {
            try save("results.json", ResultsJSON.render(results, duration: duration, startedAt: startedAt, version: version, notRun: notRun))
        }
        if reporters.contains(.text) { try save("report.txt", Data(TextReport.render(results, duration: duration, notRun: notRun).utf8)) }
        if reporters.contains(.markdown) {
            try save("summary.md", Data(MarkdownSummary.render(results, duration: duration, notRun: notRun).utf8))
        }
        if reporters.contains(.har) {
            for journal in results.compactMap(\.journal) {
                let har = try HARExport.export(try TrafficJournal.read(path: journal), creatorVersion: version)
                try har.write(to: URL(fileURLWithPath: (journal as NSString).deletingPathExtension + ".har"), options: .atomic)
            }
        }
    }
}
