import Foundation

/// Reads a command-line file argument; `-` reads standard input.
enum InputFile {
    /// Why a file could not be read, in words a person expects.
    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ path: String) throws(ReadError) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError(description: "no such file")
        }
        if isDirectory.boolValue { throw ReadError(description: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(description: "permission denied")
        }
        return Array(data)
    }

    /// How a path is shown in diagnostics.
    static func displayName(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }
}
