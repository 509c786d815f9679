import Foundation
import Platform
import Synchronization

/// Every exchange, appended to a file as JSON lines, each `write` a whole number of lines: a
/// run killed at any point leaves a file of complete lines. A run's journal gets each
/// scenario's lines in one go as the scenario finishes, labelled with its name (`"scenario"`).
public final class TrafficJournal: Sendable {
    private let file: JournalFile

    /// Creates (or truncates) the journal file.
    public init(path: String) throws {
        file = try JournalFile(path: path)
    }

    public func append(_ exchange: Exchange) {
        var json = JSONWriter()
        Self.appendLines([exchange], scenario: nil, to: &json)
        json.withBytes { file.append($0) }
    }

    /// Lines already encoded (`appendLines(_:scenario:to:)`), in one write.
    public func append(encoded lines: UnsafeBufferPointer<UInt8>) {
        file.append(lines)
    }

    /// Exchanges as journal lines, each labelled `scenario` when given.
    public static func lines(_ exchanges: [Exchange], scenario: String? = nil) -> [UInt8] {
        var json = JSONWriter()
        appendLines(exchanges, scenario: scenario, to: &json)
        return json.bytes
    }

    /// Exchanges as journal lines at the end of `json`, each labelled `scenario` when given.
    public static func appendLines(_ exchanges: [Exchange], scenario: String?, to json: inout JSONWriter) {
        for exchange in exchanges {
            encode(exchange, scenario: scenario, into: &json)
            json.endLine()
        }
    }

    /// Reads a journal back; a line that does not parse (a run killed mid-write) is skipped.
    public static func read(path: String) throws -> [Exchange] {
        try readLabelled(path: path).map(\.exchange)
    }

    /// Reads a run's journal back, grouped by the scenario that labelled each line.
    public static func readByScenario(path: String) throws -> [String: [Exchange]] {
        var byScenario: [String: [Exchange]] = [:]
        for line in try readLabelled(path: path) {
            if let scenario = line.scenario { byScenario[scenario, default: []].append(line.exchange) }
        }
        return byScenario
    }

    /// A journal line: an exchange and, in a run's journal, its scenario's label.
    private struct Line: Decodable {
        let scenario: String?
        let exchange: Exchange

        private enum Keys: String, CodingKey { case scenario }

        init(from decoder: any Decoder) throws {
            scenario = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .scenario)
            exchange = try Exchange(from: decoder)
        }
    }

    private static func readLabelled(path: String) throws -> [Line] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(Line.self, from: Data($0)) }
    }

    /// One exchange as a JSON object in UTF-8 (the keys of `Exchange`'s `Codable` form).
    private static func encode(_ exchange: Exchange, scenario: String?, into json: inout JSONWriter) {
        json.beginObject()
        if let scenario { json.field("scenario", scenario) }
        json.field("event", exchange.event)
        json.field("kind", exchange.kind.rawValue)
        json.field("role", exchange.role)
        json.field("attempt", exchange.attempt)
        json.field("hop", exchange.hop)
        json.field("time", exchange.time)
        json.beginObject("request")
        json.field("method", exchange.request.method)
        json.field("url", exchange.request.url)
        json.namedValues("headers", headers: exchange.request.headers)
        json.field("body", exchange.request.body)
        json.endObject()
        if let response = exchange.response {
            json.beginObject("response")
            json.field("status", response.status)
            json.namedValues("headers", headers: response.headers)
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
    }
}

/// A journal's open file: lines from any thread, each written whole.
private final class JournalFile: Sendable {
    private let descriptor: Int32
    private let lock = Mutex(())

    init(path: String) throws {
        descriptor = try FileOutput.open(path, append: true)
    }

    deinit { close(descriptor) }

    func append(_ lines: UnsafeBufferPointer<UInt8>) {
        lock.withLock { _ in _ = FileOutput.write(lines, to: descriptor) }
    }
}
