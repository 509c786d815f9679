import Foundation
import Synchronization

/// Every exchange, appended to a file as one JSON line the moment it completes, with one
/// `write` per line: a run killed at any point leaves a file of complete lines.
public final class TrafficJournal: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    /// Creates (or truncates) the journal file.
    public init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    }

    deinit { close(descriptor) }

    public func append(_ exchange: Exchange) {
        var line = Self.encode(exchange)
        line.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            var written = 0
            while written < line.count {
                let result = line[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if result <= 0 { if errno == EINTR { continue } else { return } }
                written += result
            }
        }
    }

    /// Reads a journal back; a line that does not parse (a run killed mid-write) is skipped.
    public static func read(path: String) throws -> [Exchange] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Exchange.self, from: Data($0)) }
    }

    /// One exchange as a JSON object in UTF-8 (the keys of `Exchange`'s `Codable` form).
    static func encode(_ exchange: Exchange) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.field("event", exchange.event)
        json.field("kind", exchange.kind.rawValue)
        json.field("role", exchange.role)
        json.field("attempt", exchange.attempt)
        json.field("hop", exchange.hop)
        json.field("time", exchange.time)
        json.beginObject("request")
        json.field("method", exchange.request.method)
        json.field("url", exchange.request.url)
        json.namedValues("headers", exchange.request.headers.map { ($0.name, $0.value) })
        json.field("body", exchange.request.body)
        json.endObject()
        if let response = exchange.response {
            json.beginObject("response")
            json.field("status", response.status)
            json.namedValues("headers", response.headers.map { ($0.name, $0.value) })
            json.field("body", response.body)
            json.field("bodySize", response.bodySize)
            json.field("truncated", response.truncated)
            json.endObject()
        }
        json.field("durationMilliseconds", exchange.durationMilliseconds)
        json.field("outcome", exchange.outcome)
        json.field("errorCode", exchange.errorCode)
        json.field("errorMessage", exchange.errorMessage)
        json.endObject()
        return json.bytes
    }
}
