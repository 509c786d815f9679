import Foundation
import TestSupport

/// Runs the built `switchboard` executable, as a user would from a shell.
struct SwitchboardProcess {
    typealias Output = ChildProcess.Output

    /// The products folder `swift build` wrote the test runner and the `switchboard` binary to.
    static let binary: URL = {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = runner.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("switchboard").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("switchboard")
    }()

    static func run(_ arguments: [String], stdin: String? = nil, directory: URL? = nil) async throws -> Output {
        try await ChildProcess.run(binary, arguments, input: stdin.map { Data($0.utf8) }, directory: directory)
    }

    /// Writes `contents` to a new temporary file and returns its path.
    static func temporaryFile(_ contents: String, name: String = "doc.xml") throws -> String {
        let folder = Scratch.path("switchboard-e2e")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: file)
        return file.path
    }
}
