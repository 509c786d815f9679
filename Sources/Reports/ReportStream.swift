import Foundation
import Scenario
import Webhooks

/// Which scenarios get traffic files of their own (`traffic/NNNN-name.jsonl` and `.har`)
/// beside the run's journal, which holds every scenario's traffic.
public enum TrafficFiles: String, CaseIterable, Sendable {
    /// Scenarios that did not pass: the ones someone opens in developer tools.
    case failed
    case all
    case none
}

/// Writes a run's reports as it goes: each scenario's part of the HTML page (and its traffic
/// files, as `trafficFiles` selects) the moment it finishes, from the exchanges in memory, which
/// are then dropped, and its part of each summary report (a test case, a text block, a JSON
/// line), kept; at the end the page's header and the summary reports, their parts in file order.
/// Memory stays bounded by one scenario's traffic plus the small parts, however long the run.
public final class ReportStream {
    private let folder: String
    private let reporters: Set<Reporter>
    private let trafficFiles: TrafficFiles
    private let version: String
    /// The run's journal, `traffic.jsonl`.
    private let journal: TrafficJournal?
    /// report.html, written front to back; its script's nonce.
    private let html: (file: ReportFile, nonce: String)?
    private var source: (file: String, text: String?)?
    /// Created with the first scenario that has traffic files.
    private var trafficFolderCreated = false
    /// Each scenario added, without its exchanges, and its part of each summary report.
    private var scenarios: [(result: ScenarioResult, parts: SummaryParts)] = []

    /// One scenario's part of each summary report that is written (empty for the others).
    private struct SummaryParts {
        var testcase = ""
        var text = ""
        var testPoint: TAPReport.TestPoint = (true, "")
        var entry: [UInt8] = []
    }

    /// `journal`: write the run's journal (not for merged shards, whose journal names repeat).
    public init(folder: String, reporters: Set<Reporter>, version: String, trafficFiles: TrafficFiles = .failed, journal: Bool = true) throws {
        self.folder = folder
        self.reporters = reporters
        self.trafficFiles = trafficFiles
        self.version = version
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.journal = journal ? try TrafficJournal(path: Self.journalPath(in: folder)) : nil
        // The traffic files of an earlier run would pass for this run's.
        try? FileManager.default.removeItem(atPath: Self.trafficFolder(in: folder))
        if reporters.contains(.html) {
            let file = try ReportFile(path: (folder as NSString).appendingPathComponent("report.html"))
            let nonce = HTMLReport.nonce()
            try file.write(HTMLReport.head(nonce: nonce))
            html = (file, nonce)
        } else {
            html = nil
        }
    }

    /// Takes finished scenarios, with their exchanges: the journal gets their lines in one
    /// write, the page their parts in another.
    public func add(_ results: [ScenarioResult]) throws {
        var journalLines: [UInt8] = []
        var page: [UInt8] = []
        for result in results {
            let lines = TrafficJournal.lines(result.exchanges, scenario: result.journal)
            if journal != nil { journalLines += lines }
            if html != nil {
                if source?.file != result.file { source = (result.file, try? String(contentsOfFile: result.file, encoding: .utf8)) }
                HTMLReport.scenario(result, source: source?.text, journalLines: lines, into: &page)
            }
            try writeTrafficFiles(result, lines: lines)
            var parts = SummaryParts()
            if reporters.contains(.junit) { parts.testcase = JUnitReport.testcase(result) }
            if reporters.contains(.text) { parts.text = TextReport.scenario(result) }
            if reporters.contains(.tap) { parts.testPoint = TAPReport.testPoint(result) }
            if reporters.contains(.json) { parts.entry = ResultsJSON.entry(result) }
            scenarios.append((result.withoutExchanges, parts))
        }
        journal?.append(encoded: journalLines)
        try html?.file.write(page)
    }

    /// A scenario's own journal and HAR, when `trafficFiles` selects it.
    private func writeTrafficFiles(_ result: ScenarioResult, lines: [UInt8]) throws {
        guard let name = result.journal, trafficFiles == .all || (trafficFiles == .failed && result.status != .passed) else { return }
        let traffic = Self.trafficFolder(in: folder)
        if !trafficFolderCreated {
            try FileManager.default.createDirectory(atPath: traffic, withIntermediateDirectories: true)
            trafficFolderCreated = true
        }
        let base = (traffic as NSString).appendingPathComponent(name)
        try Self.write(lines, to: base + ".jsonl")
        if reporters.contains(.har) {
            try Self.write(Array(try HARExport.export(result.exchanges, creatorVersion: version, pretty: false)), to: base + ".har")
        }
    }

    /// The folder of the scenarios' own traffic files.
    public static func trafficFolder(in folder: String) -> String {
        (folder as NSString).appendingPathComponent("traffic")
    }

    /// The run's journal: every scenario's exchanges, labelled.
    public static func journalPath(in folder: String) -> String {
        (folder as NSString).appendingPathComponent("traffic.jsonl")
    }

    /// A small file written in one go: one `open`, no temporary file and no `fsync` (which
    /// Foundation's writers add, and which cost more than the writing for ten thousand files).
    private static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            written += result
        }
    }

    /// Writes the reports that sum the run up, the scenarios in file order (rows in table
    /// order). `notRun`: set when the run was interrupted.
    public func finish(duration: Double, startedAt: Date, notRun: Int? = nil) throws {
        func write(_ name: String, _ body: (ReportFile) throws -> Void) throws {
            let file = try ReportFile(path: (folder as NSString).appendingPathComponent(name))
            try body(file)
            try file.close()
        }
        let ordered = scenarios.sorted { ScenarioResult.inFileOrder($0.result, $1.result) }
        let results = ordered.map(\.result)
        if let html {
            try html.file.write(HTMLReport.tail(results, duration: duration, startedAt: startedAt, version: version, notRun: notRun,
                                                nonce: html.nonce))
            try html.file.close()
        }
        if reporters.contains(.junit) {
            try write("junit.xml") { file in
                try JUnitReport.write(ordered.map { ($0.result, $0.parts.testcase) }, duration: duration, timestamp: startedAt,
                                      notRun: notRun, to: file.write)
            }
        }
        if reporters.contains(.json) {
            try write("results.json") { file in
                try file.write(ResultsJSON.document(ordered.map { ($0.result, $0.parts.entry) }, duration: duration, startedAt: startedAt,
                                                    version: version, notRun: notRun))
            }
        }
        if reporters.contains(.text) {
            try write("report.txt") { try $0.write(TextReport.document(ordered.map { ($0.result, $0.parts.text) }, duration: duration, notRun: notRun)) }
        }
        if reporters.contains(.tap) {
            try write("report.tap") { try $0.write(TAPReport.document(ordered.map(\.parts.testPoint), notRun: notRun)) }
        }
        if reporters.contains(.markdown) {
            try write("summary.md") { try $0.write(MarkdownSummary.render(results, duration: duration, notRun: notRun)) }
        }
    }
}
