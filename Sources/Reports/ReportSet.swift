import Foundation
import Scenario
import Traffic

/// The reports a run leaves in its folder.
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
