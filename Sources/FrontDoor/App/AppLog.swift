import Foundation
import Platform
import Synchronization

/// What the app under test wrote, line by line, with the wall-clock time each line was read:
/// the newest lines only (`capacity`), so that a chatty app costs bounded memory.
public final class AppLog: Sendable {
    /// One line of the app's output.
    public struct Line: Sendable, Hashable, Codable {
        public enum Stream: String, Sendable, Codable { case stdout, stderr }
        /// Seconds since 1970, on the wall clock.
        public let time: Double
        public let stream: Stream
        public let text: String

        public init(time: Double, stream: Stream, text: String) {
            self.time = time
            self.stream = stream
            self.text = text
        }
    }

    private struct Buffer {
        var lines: [Line] = []
        /// The index in `lines` of the oldest line, once the buffer is full.
        var start = 0
    }

    public let capacity: Int
    private let buffer = Mutex(Buffer())

    public init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// Adds a line read now.
    public func append(_ text: String, stream: Line.Stream) {
        let line = Line(time: Date().timeIntervalSince1970, stream: stream, text: text)
        buffer.withLock { buffer in
            if buffer.lines.count < capacity {
                buffer.lines.append(line)
            } else {
                buffer.lines[buffer.start] = line
                buffer.start = (buffer.start + 1) % capacity
            }
        }
    }

    /// Every line kept, oldest first.
    public var lines: [Line] {
        buffer.withLock { Array($0.lines[$0.start...] + $0.lines[..<$0.start]) }
    }

    /// The lines read from `start` to `end` (wall seconds since 1970).
    public func lines(from start: Double, to end: Double) -> [Line] {
        lines.filter { $0.time >= start && $0.time <= end }
    }

    /// Waits until nothing new has been read for `quiet`, but no longer than `limit`: what the app
    /// wrote as a scenario ended (a traceback logged beside its 500, a server's access-log line
    /// written after its answer) is still in its pipes for a moment, and belongs to that scenario.
    public func settle(quiet: Duration = .milliseconds(30), limit: Duration = .milliseconds(400)) async {
        let deadline = ContinuousClock.now + limit
        repeat {
            try? await Task.sleep(for: quiet)
            let newest = buffer.withLock { $0.lines.isEmpty ? 0 : $0.lines[($0.start + $0.lines.count - 1) % $0.lines.count].time }
            if Date().timeIntervalSince1970 - newest >= quiet.inSeconds { return }
        } while ContinuousClock.now < deadline
    }

    /// The last `count` lines.
    public func last(_ count: Int) -> [Line] {
        Array(lines.suffix(count))
    }
}
