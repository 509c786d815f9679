import Foundation

/// A report written piece by piece through a 64 kB buffer, so a report of ten thousand
/// scenarios never has to exist as one string. Written to a temporary name and moved into
/// place when complete, so a reader never sees half a report.
final class ReportFile {
    private let handle: FileHandle
    private let temporary: String
    private let destination: String
    private var buffer: [UInt8] = []

    init(path: String) throws {
        destination = path
        temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes what is left and moves the file into place.
    func close() throws {
        try flush()
        try handle.close()
        if FileManager.default.fileExists(atPath: destination) { try FileManager.default.removeItem(atPath: destination) }
        try FileManager.default.moveItem(atPath: temporary, toPath: destination)
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
