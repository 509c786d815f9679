import Foundation

/// Plain POSIX file output, for files written often or in large amounts: one `open`, whole
/// `write`s, no temporary file and no `fsync` (which Foundation's writers add, and which cost
/// more than the writing for ten thousand small files).
public enum FileOutput {
    /// Opens (creating or truncating) a file for writing; `append`: every write goes to the end.
    public static func open(_ path: String, append: Bool = false) throws -> Int32 {
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (append ? O_APPEND : 0), 0o644)
        guard descriptor >= 0 else { throw error(path) }
        return descriptor
    }

    /// Writes all of `bytes`, resuming after a partial write or a signal.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var written = 0
        while written < bytes.count {
            let result = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return false }
            written += result
        }
        return true
    }

    /// A small file written in one go.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, toFile path: String) throws {
        let descriptor = try open(path)
        defer { close(descriptor) }
        guard write(bytes, to: descriptor) else { throw error(path) }
    }

    /// The error for a file that could not be opened or written, with the system's reason.
    public static func error(_ path: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
    }
}
