import Foundation
import Testing

/// The failure corpus (Tests/FailureCorpus): scenarios that fail or are broken on purpose, each
/// with the console output it must print (`NAME.out`), the exit status it must give
/// (`# exit: N` in its header) and lines its reports must hold (`# report.txt: …`,
/// `# results.json: …`). It keeps error messages honest through refactors. After a deliberate
/// change of wording, `SWITCHBOARD_UPDATE_CORPUS=1 swift test --filter FailureCorpus` rewrites
/// the `.out` files; review their diff.
@Suite struct FailureCorpusTests {
    static let folder = RunCommandTests.repository.appendingPathComponent("Tests/FailureCorpus")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 10, "\(Self.cases)")
    }

    @Test(arguments: cases)
    func givesItsOutputExitStatusAndReportLines(name: String) async throws {
        let file = Self.folder.appendingPathComponent(name + ".yaml")
        let header = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").prefix { $0.hasPrefix("#") }
        let exit = try #require(header.lazy.compactMap { $0.hasPrefix("# exit: ") ? Int32($0.dropFirst(8)) : nil }.first,
                                "\(name).yaml names no '# exit: N'")
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-corpus-\(name)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: reports) }
        let result = try await SwitchboardProcess.run(
            ["run", "Tests/FailureCorpus/\(name).yaml", "--no-color", "--reports", reports.path, "--reporter", "text",
             "--reporter", "json", "--reporter", "list"],
            directory: RunCommandTests.repository)
        #expect(result.status == exit, "\(name): exit \(result.status)\n\(result.stdout)\(result.stderr)")
        let console = Self.normalised(result.stdout + result.stderr)
        let expectedFile = Self.folder.appendingPathComponent(name + ".out")
        if ProcessInfo.processInfo.environment["SWITCHBOARD_UPDATE_CORPUS"] == "1" {
            try Data(console.utf8).write(to: expectedFile)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(console == expected, "\(name): the console output changed:\n\(console)")
        for line in header {
            guard let colon = line.firstIndex(of: ":"), line.hasPrefix("# "), line.dropFirst(2).prefix(while: { $0 != ":" }).contains(".")
            else { continue }
            let report = String(line[line.index(line.startIndex, offsetBy: 2)..<colon])
            let wanted = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let written = try String(contentsOf: reports.appendingPathComponent(report), encoding: .utf8)
            #expect(Self.normalised(written).contains(wanted), "\(name): \(report) does not hold '\(wanted)':\n\(written)")
        }
    }

    /// The output with what changes from run to run replaced: the functions server's and
    /// other loopback ports, signatures (they cover the URL, port included), and wall-clock
    /// durations.
    static func normalised(_ text: String) -> String {
        text.replacing(/http:\/\/127\.0\.0\.1:\d+\/scenario-\d+/, with: "{{functions}}")
            .replacing(/--signature '[^']*'/, with: "--signature '<signature>'")
            .replacing(/127\.0\.0\.1:\d{4,5}/, with: "127.0.0.1:PORT")
            .replacing(/\b\d+(\.\d+)? (ms|s)\b/, with: "<time>")
    }
}
