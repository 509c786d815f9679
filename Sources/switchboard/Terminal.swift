import Foundation

/// Writes to standard output and standard error without ever trapping: a closed pipe
/// (`switchboard run | head`) loses the rest of the output, not the process.
enum Terminal {
    /// Called once at start-up: a closed pipe is an error to ignore, not a signal that kills.
    static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes without a line break (progress output).
    static func write(_ text: String) {
        write(STDOUT_FILENO, text)
    }

    static func out(_ text: String) {
        write(STDOUT_FILENO, text + "\n")
    }

    static func error(_ text: String) {
        write(STDERR_FILENO, text + "\n")
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
