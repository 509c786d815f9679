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

/// Writes a run's reports as it goes: each scenario's HTML (and its traffic files, as
/// `trafficFiles` selects) the moment it finishes, from the exchanges in memory, which are then
/// dropped; at the end the page around those fragments plus the summary reports, which need
/// only the small results. Memory stays bounded by one scenario's traffic, however long the run.
public final class ReportStream {
    private let folder: String
    private let reporters: Set<Reporter>
    private let trafficFiles: TrafficFiles
    private let version: String
    private let htmlBody: ReportFile?
    private var source: (file: String, text: String?)?
    /// Created with the first scenario that has traffic files.
    private var trafficFolderCreated = false

    public init(folder: String, reporters: Set<Reporter>, version: String, trafficFiles: TrafficFiles = .failed) throws {
        self.folder = folder
        self.reporters = reporters
        self.trafficFiles = trafficFiles
        self.version = version
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The traffic files of an earlier run would pass for this run's.
        try? FileManager.default.removeItem(atPath: Self.trafficFolder(in: folder))
        htmlBody = reporters.contains(.html) ? try ReportFile(path: (folder as NSString).appendingPathComponent(".report.html.body")) : nil
    }

    /// Takes one finished scenario, with its exchanges.
    public func add(_ result: ScenarioResult) throws {
        if let htmlBody {
            if source?.file != result.file { source = (result.file, try? String(contentsOfFile: result.file, encoding: .utf8)) }
            try htmlBody.write(HTMLReport.scenario(result, source: source?.text, exchanges: result.exchanges))
        }
        if let name = result.journal, trafficFiles == .all || (trafficFiles == .failed && result.status != .passed) {
            let traffic = Self.trafficFolder(in: folder)
            if !trafficFolderCreated {
                try FileManager.default.createDirectory(atPath: traffic, withIntermediateDirectories: true)
                trafficFolderCreated = true
            }
            let base = (traffic as NSString).appendingPathComponent(name)
            try Self.write(TrafficJournal.lines(result.exchanges), to: base + ".jsonl")
            if reporters.contains(.har) {
                try Self.write(Array(try HARExport.export(result.exchanges, creatorVersion: version, pretty: false)), to: base + ".har")
            }
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
