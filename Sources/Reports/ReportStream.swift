import Foundation
import Platform
import Scenario
import Synchronization
import Traffic

/// Which scenarios get traffic files of their own (`traffic/NNNN-name.jsonl` and `.har`)
/// beside the run's journal, which holds every scenario's traffic.
public enum TrafficFiles: String, CaseIterable, Sendable {
    /// Scenarios that did not pass: the ones someone opens in developer tools.
    case failed
    case all
    case none

    /// Whether a scenario that ended with `status` gets them.
    func include(_ status: ScenarioResult.Status) -> Bool {
        self == .all || (self == .failed && status.isFailure)
    }
}

/// Writes a run's reports as it goes: each scenario's part of the HTML page (and its traffic
/// files, as `trafficFiles` selects) the moment it finishes, from the exchanges in memory, which
/// are then dropped, and its part of each summary report (a test case, a text block, a JSON
/// line), kept; at the end the page's header and the summary reports, their parts in file order.
/// Memory stays bounded by a batch's traffic plus the small parts, however long the run.
public final class ReportStream {
    private let folder: String
    private let reporters: Set<Reporter>
    private let trafficFiles: TrafficFiles
    private let version: String
    /// The shard this run is (`--shard 2/4`), recorded in results.json for the merge.
    private let shard: Shard?
    /// The run's journal, `traffic.jsonl`, created (emptied) here for the runner, which
    /// streams each scenario's timeline into it as it happens (`RunOptions.journal`).
    public let journal: TrafficJournal?
    /// report.html, written front to back; its script's nonce.
    private let html: (file: ReportFile, nonce: String)?
    /// The file of the last failed scenario, for the page's source view.
    private var source: (file: String, text: String?)?
    /// Created with the first scenario that has traffic files.
    private var trafficFolderCreated = false
    /// Each scenario added, without its exchanges; its part of each summary report written is
    /// the part of the same index.
    private var results: [ScenarioResult] = []
    /// Each summary report asked for, with its scenarios' parts.
    private let summaries: [(reporter: Reporter, format: any SummaryReport.Type, parts: ReportParts)]
    /// The journal lines of the scenario at hand (for its part of the page and its traffic
    /// files), their memory kept from one scenario to the next; the page not yet written.
    private var lines = JSONWriter()
    private var page = ByteWriter(capacity: 256 * 1024)
    /// Pending bytes beyond which they are written before the batch ends (a batch of merged
    /// shards is every scenario of the run).
    private static let flushSize = 1 << 20

    /// `journal`: write the run's journal (not for merged shards, whose journal names repeat).
    public init(folder: String, reporters: Set<Reporter>, version: String, trafficFiles: TrafficFiles = .failed, journal: Bool = true,
                shard: Shard? = nil) throws {
        self.folder = folder
        self.shard = shard
        self.reporters = reporters
        self.trafficFiles = trafficFiles
        self.version = version
        summaries = Reporter.allCases.compactMap { reporter in
            guard reporters.contains(reporter), let format = reporter.summary else { return nil }
            return (reporter, format, ReportParts())
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        Self.removePreviousReports(in: folder, reporters: reporters, journal: journal)
        self.journal = journal ? try TrafficJournal(path: Self.journalPath(in: folder)) : nil
        // The traffic files of an earlier run would pass for this run's.
        try? FileManager.default.removeItem(atPath: Self.trafficFolder(in: folder))
        if reporters.contains(.html) {
            let file = try ReportFile(path: Self.path(of: .html, in: folder))
            let nonce = HTMLReport.nonce()
            try file.write(HTMLReport.head(nonce: nonce))
            html = (file, nonce)
        } else {
            html = nil
        }
    }

    /// Takes finished scenarios, with their exchanges: their parts of the page (and traffic
    /// files) are written once the batch is done (or 1 MB is pending).
    public func add(_ results: [ScenarioResult]) throws {
        for result in results {
            let trafficName = result.journal.flatMap { trafficFiles.include(result.status) ? $0 : nil }
            lines.removeAll()
            if html != nil || trafficName != nil {
                TrafficJournal.appendLines(result.exchanges, scenario: result.journal, to: &lines)
            }
            try lines.withBytes { lines in
                if html != nil {
                    // Only a failed scenario shows its source.
                    if result.status != .passed, source?.file != result.file {
                        source = (result.file, try? String(contentsOfFile: result.file, encoding: .utf8))
                    }
                    HTMLReport.scenario(result, source: result.status == .passed ? nil : source?.text, journalLines: lines,
                                        hidden: self.results.count >= HTMLReport.pageSize, into: &page)
                }
                if let trafficName { try writeTrafficFiles(result, named: trafficName, lines: lines) }
            }
            for summary in summaries { summary.parts.add { summary.format.part(result, into: &$0) } }
            self.results.append(result.kept)
            if page.count >= Self.flushSize { try flush() }
        }
        try flush()
    }

    /// Writes the pending page.
    private func flush() throws {
        if let html { try page.withBytes { try html.file.write($0) } }
        page.removeAll()
    }

    /// A scenario's own journal and HAR (for the scenarios `trafficFiles` selects).
    private func writeTrafficFiles(_ result: ScenarioResult, named name: String, lines: UnsafeBufferPointer<UInt8>) throws {
        let traffic = Self.trafficFolder(in: folder)
        if !trafficFolderCreated {
            try FileManager.default.createDirectory(atPath: traffic, withIntermediateDirectories: true)
            trafficFolderCreated = true
        }
        let base = (traffic as NSString).appendingPathComponent(name)
        try FileOutput.write(lines, toFile: base + ".jsonl")
        if reporters.contains(.har) {
            let har = try HARExport.export(Self.merged(result.exchanges, result.apiExchanges), creatorVersion: version, pretty: false)
            try har.withUnsafeBytes { try FileOutput.write($0.bindMemory(to: UInt8.self), toFile: base + ".har") }
        }
    }

    /// The webhooks' exchanges and the REST requests in the order of their times; at the same
    /// moment a webhook comes first (the app's request was made while it answered).
    static func merged(_ webhooks: [Exchange], _ requests: [Exchange]) -> [Exchange] {
        var merged: [Exchange] = []
        merged.reserveCapacity(webhooks.count + requests.count)
        var next = requests.makeIterator()
        var pending = next.next()
        for exchange in webhooks {
            while let request = pending, request.time < exchange.time {
                merged.append(request)
                pending = next.next()
            }
            merged.append(exchange)
        }
        while let request = pending {
            merged.append(request)
            pending = next.next()
        }
        return merged
    }

    /// Where `reporter`'s file goes in `folder` (not for `.har`, which has none of its own).
    public static func path(of reporter: Reporter, in folder: String) -> String {
        guard let name = reporter.fileName else { preconditionFailure("the \(reporter) reporter has no file of its own") }
        return (folder as NSString).appendingPathComponent(name)
    }

    /// Removes the files of an earlier run that this one writes, before writing any. Writing
    /// the new file under a temporary name and renaming it over the old one (`ReportFile`)
    /// makes ext4 write it out to disk at once (`auto_da_alloc`), in the run's time: 27–30 ms
    /// for the 44 MB page of 10,000 scenarios, against 11–13 ms to remove the old file.
    private static func removePreviousReports(in folder: String, reporters: Set<Reporter>, journal: Bool) {
        for reporter in reporters where reporter.fileName != nil {
            unlink(path(of: reporter, in: folder))
        }
        if journal { unlink(journalPath(in: folder)) }
    }

    /// The folder of the scenarios' own traffic files.
    public static func trafficFolder(in folder: String) -> String {
        (folder as NSString).appendingPathComponent("traffic")
    }

    /// The run's journal: every scenario's exchanges, labelled.
    public static func journalPath(in folder: String) -> String {
        (folder as NSString).appendingPathComponent("traffic.jsonl")
    }

    /// Writes the reports that sum the run up, the scenarios in file order (rows in table
    /// order), on every core: the run is over. `notRun`: set when the run was interrupted.
    public func finish(duration: Double, startedAt: Date, notRun: Int? = nil) throws {
        // Sorted by their places alone: comparing whole results would copy two for each comparison.
        let places = self.results.map(\.place)
        let order = places.indices.sorted { places[$0] < places[$1] }
        let results = order.map { self.results[$0] }
        let run = FinishedRun(results: results, order: order, duration: duration, startedAt: startedAt, version: version, notRun: notRun,
                              shard: shard)
        let (folder, jobs) = (self.folder, summaries)
        let failures = Mutex<[any Error]>([])
        let html = self.html
        // The page's tail is one more job, to its own file.
        DispatchQueue.concurrentPerform(iterations: jobs.count + (html == nil ? 0 : 1)) { index in
            do {
                if index == jobs.count, let html {
                    try html.file.write(HTMLReport.tail(results, duration: duration, startedAt: startedAt, version: run.version,
                                                        notRun: notRun, nonce: html.nonce))
                    try html.file.close()
                    return
                }
                let file = try ReportFile(path: Self.path(of: jobs[index].reporter, in: folder))
                try file.write(jobs[index].format.document(run, parts: jobs[index].parts))
                try file.close()
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw failure }
    }
}
