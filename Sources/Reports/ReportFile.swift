import Foundation
import Platform

/// A report written piece by piece through a 64 kB buffer, so a report of ten thousand
/// scenarios never has to exist as one string. Written to a temporary name and moved into
/// place when complete, so a reader never sees half a report.
final class ReportFile {
    private let descriptor: Int32
    private let temporary: String
    private let destination: String
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 16

    init(path: String) throws {
        destination = path
        temporary = path + ".partial"
        descriptor = try FileOutput.open(temporary)
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        Foundation.close(descriptor)
    }

    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Large pieces (a batch of scenarios) go straight to the file, small ones through the buffer.
    func write(_ bytes: [UInt8]) throws {
        if buffer.count + bytes.count < Self.bufferSize {
            buffer += bytes
            return
        }
        try flush()
        if bytes.count < Self.bufferSize {
            buffer += bytes
        } else if !FileOutput.write(bytes, to: descriptor) {
            throw FileOutput.error(temporary)
        }
    }

    /// Writes what is left and moves the file into place.
    func close() throws {
        try flush()
        guard rename(temporary, destination) == 0 else { throw FileOutput.error(destination) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        guard FileOutput.write(buffer, to: descriptor) else { throw FileOutput.error(temporary) }
        buffer.removeAll(keepingCapacity: true)
    }
}
