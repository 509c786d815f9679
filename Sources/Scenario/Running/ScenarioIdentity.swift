/// What names one scenario (or table row) across runs, shards and machines: its file as given,
/// its place there and its name. A broken file is named by its file alone.
public struct ScenarioIdentity: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let name: String

    public init(file: String, line: Int, column: Int, name: String) {
        self.file = file
        self.line = line
        self.column = column
        self.name = name
    }

    public init(_ scenario: Scenario) {
        self.init(file: scenario.file, line: scenario.location.line, column: scenario.location.column, name: scenario.name)
    }

    public init(_ result: ScenarioResult) {
        self.init(file: result.file, line: result.location.line, column: result.location.column, name: result.name)
    }

    /// `Scenarios/messaging/auto-reply.yaml:3:1 Auto-reply to an inbound SMS`.
    public var description: String { "\(file):\(line):\(column) \(name)" }

    /// A hash that is the same in every process (Swift's `Hasher` is seeded per process):
    /// FNV-1a over the description's UTF-8.
    var stableHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in description.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}

extension ScenarioRunner {
    /// The scenarios (and broken files) `files` hold, with `filter` applied, as a run would
    /// take them: the set a merge of shards must cover.
    public static func identities(of files: [String], filter: String?) async -> [ScenarioIdentity] {
        let source = ScenarioSource.reading(files, filter: filter)
        defer { source.done() }
        var identities: [ScenarioIdentity] = []
        for await item in source.items {
            source.taken()
            switch item {
            case .scenario(let scenario): identities.append(ScenarioIdentity(scenario))
            case .fileError(let result): identities.append(ScenarioIdentity(result))
            }
        }
        return identities
    }
}
