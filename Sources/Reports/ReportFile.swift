import Foundation
import Platform

/// A report written piece by piece (the page a batch of scenarios at a time), to a temporary
/// name moved into place when complete, so a reader never sees half a report.
final class ReportFile: Sendable {
    private let descriptor: Int32
    private let temporary: String
    private let destination: String

    init(path: String) throws {
        destination = path
        temporary = path + ".partial"
        descriptor = try FileOutput.open(temporary)
    }

    deinit {
        Foundation.close(descriptor)
    }

    func write(_ text: String) throws {
        try text.withUTF8Bytes { try write($0) }
    }

    func write(_ bytes: borrowing ByteWriter) throws {
        try bytes.withBytes { try write($0) }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard FileOutput.write(bytes, to: descriptor) else { throw FileOutput.error(temporary) }
    }

    /// Moves the file into place.
    func close() throws {
        guard rename(temporary, destination) == 0 else { throw FileOutput.error(destination) }
    }
}
