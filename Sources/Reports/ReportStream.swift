import Foundation
import Scenario
import Webhooks

/// Writes a run's reports as it goes: each scenario's HTML and HAR the moment it finishes
/// (from the exchanges in memory, which are then dropped), and at the end the page around
/// those fragments plus the summary reports, which need only the small results. Memory stays
/// bounded by one scenario's traffic, however long the run.
public final class ReportStream {
    private let folder: String
    private let reporters: Set<Reporter>
    private let version: String
    private let htmlBody: ReportFile?
    private var source: (file: String, text: String?)?

    public init(folder: String, reporters: Set<Reporter>, version: String) throws {
        self.folder = folder
        self.reporters = reporters
        self.version = version
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        htmlBody = reporters.contains(.html) ? try ReportFile(path: (folder as NSString).appendingPathComponent(".report.html.body")) : nil
    }

    /// Takes one finished scenario, with its exchanges.
    public func add(_ result: ScenarioResult) throws {
        if let htmlBody {
            if source?.file != result.file { source = (result.file, try? String(contentsOfFile: result.file, encoding: .utf8)) }
            try htmlBody.write(HTMLReport.scenario(result, source: source?.text, exchanges: result.exchanges))
        }
        if reporters.contains(.har), let journal = result.journal {
            let har = try HARExport.export(result.exchanges, creatorVersion: version, pretty: false)
            try har.write(to: URL(fileURLWithPath: (journal as NSString).deletingPathExtension + ".har"))
        }
    }

    /// Writes the reports that sum the run up. `notRun`: set when the run was interrupted.
    public func finish(_ results: [ScenarioResult], duration: Double, startedAt: Date, notRun: Int? = nil) throws {
        func stream(_ name: String, _ body: ((String) throws -> Void) throws -> Void) throws {
            let file = try ReportFile(path: (folder as NSString).appendingPathComponent(name))
            try body(file.write)
            try file.close()
        }
        if let htmlBody {
            try htmlBody.close()
            let bodyPath = (folder as NSString).appendingPathComponent(".report.html.body")
            defer { try? FileManager.default.removeItem(atPath: bodyPath) }
            try stream("report.html") { output in
                let page = HTMLReport.page(results, duration: duration, startedAt: startedAt, version: version, notRun: notRun)
                try output(page.head)
                guard let body = FileHandle(forReadingAtPath: bodyPath) else { return }
                defer { try? body.close() }
                while let chunk = try body.read(upToCount: 1 << 16), !chunk.isEmpty { try output(String(decoding: chunk, as: UTF8.self)) }
                try output(page.tail)
            }
        }
        if reporters.contains(.junit) {
            try stream("junit.xml") { try JUnitReport.write(results, duration: duration, timestamp: startedAt, notRun: notRun, to: $0) }
        }
        if reporters.contains(.json) {
            let data = try ResultsJSON.render(results, duration: duration, startedAt: startedAt, version: version, notRun: notRun)
            try data.write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("results.json")), options: .atomic)
        }
        if reporters.contains(.text) {
            try stream("report.txt") { try $0(TextReport.render(results, duration: duration, notRun: notRun)) }
        }
        if reporters.contains(.tap) {
            try stream("report.tap") { try $0(TAPReport.render(results, notRun: notRun)) }
        }
        if reporters.contains(.markdown) {
            try stream("summary.md") { try $0(MarkdownSummary.render(results, duration: duration, notRun: notRun)) }
        }
    }
}
