import Foundation
import Synchronization

/// Runs a program to completion with optional standard input, capturing its output. The
/// waiting happens on a thread of its own, never on Swift's cooperative pool (two threads on
/// this machine): blocking it would delay every other test's tasks, timing tests included.
enum ChildProcess {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `directory`: the working directory (the test's own when nil).
    static func run(_ executable: URL, _ arguments: [String], input: Data? = nil, directory: URL? = nil) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(executable, arguments, input: input, directory: directory) }) }.start()
        }
    }

    /// The same, blocking the calling thread (only for checks made before any test runs).
    static func runBlocking(_ executable: URL, _ arguments: [String], input: Data? = nil, directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        // Read standard error on its own thread so neither pipe can fill up and block the child.
        let errorText = Mutex<Data>(Data())
        let reader = Thread { errorText.withLock { $0 = errors.fileHandleForReading.readDataToEndOfFile() } }
        reader.start()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1_000) }
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: errorText.withLock { $0 }, as: UTF8.self))
    }
}

/// `python3` for cross-checks against official tools (Twilio's validator, jsonschema).
enum Python {
    static let executable = URL(fileURLWithPath: "/usr/bin/env")

    /// Whether `python3` can import these modules (comma-separated, as in an import line).
    static func canImport(_ modules: String) -> Bool {
        (try? ChildProcess.runBlocking(executable, ["python3", "-c", "import \(modules)"]).status) == 0
    }

    static func run(_ script: String, arguments: [String] = [], input: Data? = nil) async throws -> ChildProcess.Output {
        try await ChildProcess.run(executable, ["python3", "-c", script] + arguments, input: input)
    }
}
