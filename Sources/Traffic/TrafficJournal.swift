import Foundation
import Platform
import Synchronization

/// Every exchange, appended to a file as JSON lines, each `write` a whole number of lines: a
/// run killed at any point leaves a file of complete lines. A run's journal gets each
/// scenario's timeline as it happens (`TimelineJournal`): its exchanges as exchange lines and
/// its other entries as lines with a `"type"`, every line labelled with the scenario's name
/// (`"scenario"`), then a `"result"` line when the scenario has finished.
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

    /// Exchanges as journal lines at the end of `json`, each labelled `scenario` when given,
    /// and with the index of its timeline entry (`"entry"`) when given.
    public static func appendLines(_ exchanges: [Exchange], scenario: String?, entry: Int? = nil, to json: inout JSONWriter) {
        // By index: the elements are read in place, where `for in` would copy each (a retain
        // and a release of each of its strings, written by another thread).
        for index in exchanges.indices {
            encode(exchanges[index], scenario: scenario, entry: entry, into: &json)
            json.endLine()
        }
    }

    /// A run's journal lines with `prefix` put before each line's scenario label (to merge the
    /// journals of shards, whose labels repeat); lines without a label are kept as they are.
    public static func relabel(_ lines: Data, prefix: String) -> Data {
        let label = Array(#"{"scenario":""#.utf8)
        var out = Data(capacity: lines.count + lines.count / 20)
        for line in lines.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            if line.starts(with: label) {
                out.append(contentsOf: label)
                out.append(contentsOf: Array(prefix.utf8))
                out.append(line.dropFirst(label.count))
            } else {
                out.append(line)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
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

    /// One exchange as a JSON object in UTF-8 (the keys of `Exchange`'s `Codable` form). Its
    /// fields are always the same, so each key is written with its punctuation in one piece
    /// (`","role":"`), not key, quotes and comma apart: a third of the appends of a line.
    private static func encode(_ exchange: Exchange, scenario: String?, entry: Int?, into json: inout JSONWriter) {
        if let scenario {
            json.fragment(#"{"scenario":""#)
            json.escaped(scenario)
            json.fragment(#"","#)
        } else {
            json.fragment("{")
        }
        if let entry {
            json.fragment(#""entry":"#)
            json.number(entry)
            json.fragment(",")
        }
        json.fragment(#""event":""#)
        json.escaped(exchange.event)
        json.fragment(#"","kind":""#)
        json.escaped(exchange.kind.rawValue)
        json.fragment(#"","role":""#)
        json.escaped(exchange.role)
        json.fragment(#"","attempt":"#)
        json.number(exchange.attempt)
        json.fragment(#","hop":"#)
        json.number(exchange.hop)
        json.fragment(#","time":"#)
        json.number(exchange.time)
        json.fragment(#","request":{"method":""#)
        json.escaped(exchange.request.method)
        json.fragment(#"","url":""#)
        json.escaped(exchange.request.url)
        json.fragment(#"","headers":["#)
        encode(exchange.request.headers, into: &json)
        json.fragment(#"],"body":""#)
        json.escaped(exchange.request.body)
        json.fragment(#""}"#)
        if let response = exchange.response {
            json.fragment(#","response":{"status":"#)
            json.number(response.status)
            json.fragment(#","headers":["#)
            encode(response.headers, into: &json)
            json.fragment(#"],"body":""#)
            json.escaped(response.body)
            json.fragment(#"","bodySize":"#)
            json.number(response.bodySize)
            json.fragment(response.truncated ? #","truncated":true}"# : #","truncated":false}"#)
        }
        json.fragment(#","durationMilliseconds":"#)
        json.number(exchange.durationMilliseconds)
        json.fragment(#","outcome":""#)
        json.escaped(exchange.outcome)
        json.fragment(#"""#)
        if let code = exchange.errorCode {
            json.fragment(#","errorCode":"#)
            json.number(code)
        }
        if let message = exchange.errorMessage {
            json.fragment(#","errorMessage":""#)
            json.escaped(message)
            json.fragment(#"""#)
        }
        json.fragment("}")
    }

    /// Headers as `{"name":…,"value":…}` objects, between the brackets of their array.
    private static func encode(_ headers: [Exchange.Header], into json: inout JSONWriter) {
        for index in headers.indices {
            json.fragment(index == 0 ? #"{"name":""# : #",{"name":""#)
            json.escaped(headers[index].name)
            json.fragment(#"","value":""#)
            json.escaped(headers[index].value)
            json.fragment(#""}"#)
        }
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
