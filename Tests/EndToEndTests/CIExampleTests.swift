import Foundation
import TestSupport
import Testing

/// The CI examples of docs/ci.md, run: each example's `switchboard` commands in order (the
/// shard command once per shard, with the CI's variables filled in), through a shell as the CI
/// runs them, on a copy of the bundled scenarios. The examples cannot rot unnoticed.
@Suite struct CIExampleTests {
    static let document = RunCommandTests.repository.appendingPathComponent("docs/ci.md")

    /// The YAML blocks of docs/ci.md: GitHub's first, then GitLab's.
    static func examples() throws -> [String] {
        let text = try String(contentsOf: document, encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    }

    @Test func bothExamplesAreThere() throws {
        let examples = try Self.examples()
        #expect(examples.count == 2)
        #expect(examples.allSatisfy { $0.contains("switchboard run") && $0.contains("switchboard merge") })
    }

    @Test(arguments: [0, 1])
    func theExampleRunsTheShardsAndMergesThem(example: Int) async throws {
        let block = try Self.examples()[example]
        let shards = example == 0
            ? (block.firstMatch(of: /shard: \[([0-9, ]+)\]/).map { $0.1.split(separator: ",").count } ?? 0)
            : (block.firstMatch(of: /parallel: (\d+)/).flatMap { Int($0.1) } ?? 0)
        #expect(shards == 4)
        let commands = block.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "switchboard run ") ?? line.range(of: "switchboard merge ") else { return nil }
            return String(line[start.lowerBound...])
        }
        #expect(commands.count == 2, "\(commands)")
        let folder = Scratch.path("ci-example-\(example)")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RunCommandTests.scenarios, to: folder.appendingPathComponent("Scenarios"))
        let path = SwitchboardProcess.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
        for command in commands {
            let runs = command.contains("matrix.shard") || command.contains("CI_NODE_INDEX") ? Array(1...shards) : [0]
            for shard in runs {
                let filled = command.replacingOccurrences(of: "${{ matrix.shard }}", with: String(shard))
                    .replacingOccurrences(of: "$CI_NODE_INDEX", with: String(shard))
                    .replacingOccurrences(of: "$CI_NODE_TOTAL", with: String(shards))
                let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["PATH=\(path)", "sh", "-c", filled], directory: folder)
                #expect(result.status == 0, "\(filled): exit \(result.status)\n\(result.stdout)\(result.stderr)")
                if command.contains("merge") {
                    #expect(result.stdout.contains("merged \(shards) shard(s)") && result.stdout.contains("\(RunCommandTests.bundled) passed, 0 failed"),
                            "\(result.stdout)")
                }
            }
        }
        for report in ["report.html", "junit.xml", "summary.md", "results.json", "traffic.jsonl"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Reports/merged/\(report)").path), "\(report)")
        }
    }
}
