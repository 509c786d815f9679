import Foundation
import Platform

/// A YAML node read with its position: every typed read that fails names `file:line:col` and
/// what was expected, and a mapping read against its allowed keys suggests the key a typo
/// meant. `${name}` in strings is replaced by the scenario's variables.
struct YAMLNode {
    let node: YAMLTree
    let file: String
    let variables: [String: String]
    /// False when the file's text holds no `{{`: its placeholders need no check.
    var mayHavePlaceholders = true

    init(node: YAMLTree, file: String, variables: [String: String], mayHavePlaceholders: Bool = true) {
        self.node = node
        self.file = file
        self.variables = variables
        self.mayHavePlaceholders = mayHavePlaceholders
    }

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    /// Parses a file's bytes; YAML syntax errors carry libyaml's position.
    static func parse(_ bytes: [UInt8], file: String) throws(ScenarioError) -> YAMLNode {
        do {
            guard let node = try YAMLTree.parse(bytes) else {
                throw ScenarioError(SourceLocation(file: file, line: 1, column: 1), "the file is empty; expected a scenario mapping")
            }
            let braces = bytes.indices.dropLast().contains { bytes[$0] == UInt8(ascii: "{") && bytes[$0 + 1] == UInt8(ascii: "{") }
            return YAMLNode(node: node, file: file, variables: [:], mayHavePlaceholders: braces)
        } catch let error as YAMLTree.SyntaxError {
            throw ScenarioError(SourceLocation(file: file, line: error.mark.line, column: error.mark.column), error.message)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(SourceLocation(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    func with(variables: [String: String]) -> YAMLNode {
        YAMLNode(node: node, file: file, variables: variables)
    }

    /// The same mapping without these keys: a step's own keys removed before a shared reader.
    func without(_ keys: String...) -> YAMLNode {
        guard case .mapping(let mapping) = node else { return self }
        let kept = mapping.filter { pair in !keys.contains { pair.key.string == $0 } }.map { ($0.key, $0.value) }
        return child(.mapping(YAMLTree.Mapping(pairs: kept, mark: mapping.mark)))
    }

    func child(_ node: YAMLTree) -> YAMLNode {
        YAMLNode(node: node, file: file, variables: variables)
    }

    func fail(_ message: String) -> ScenarioError {
        ScenarioError(location, message)
    }

    // MARK: - Shapes

    /// Where keys that are often written one level off belong.
    private static let homes = ["auth_token": "account", "start_time": "account", "base_url": "app"]

    /// The entries of a mapping whose keys must be among `allowed`.
    func mapping(_ what: String, allowed: [String]) throws(ScenarioError) -> [(key: String, value: YAMLNode, location: SourceLocation)] {
        guard case .mapping(let mapping) = node else { throw fail("expected \(what) (a mapping of key: value)") }
        var entries: [(key: String, value: YAMLNode, location: SourceLocation)] = []
        var seen: Set<String> = []
        for (keyNode, valueNode) in mapping {
            let key = child(keyNode)
            guard case .scalar(let scalar) = keyNode else { throw key.fail("expected a key name") }
            let name = scalar.string
            if !allowed.contains(name) {
                var hint = Spelling.didYouMean(name, among: allowed)
                if hint.isEmpty { hint = Self.homes[name].flatMap { $0 == what ? nil : "; '\(name)' belongs in \($0)." } ?? "." }
                throw key.fail("unknown key '\(name)' in \(what)\(hint) Expected one of: " + allowed.joined(separator: ", "))
            }
            if !seen.insert(name).inserted { throw key.fail("'\(name)' appears twice in \(what)") }
            entries.append((name, child(valueNode), key.location))
        }
        return entries
    }

    /// A mapping read into a dictionary (keys checked as in `mapping`).
    func fields(_ what: String, allowed: [String]) throws(ScenarioError) -> Fields {
        Fields(owner: self, what: what, entries: try mapping(what, allowed: allowed))
    }

    /// A mapping with exactly one key (a step or an expectation).
    func single(_ what: String, allowed: [String]) throws(ScenarioError) -> (key: String, value: YAMLNode) {
        let entries = try mapping(what, allowed: allowed)
        guard entries.count == 1 else {
            throw fail("expected \(what) with exactly one key (one of: \(allowed.joined(separator: ", "))), found \(entries.count)")
        }
        return (entries[0].key, entries[0].value)
    }

    /// A mapping of names to strings, in the file's order.
    func stringPairs(_ what: String) throws(ScenarioError) -> [(name: String, value: String)] {
        guard case .mapping(let mapping) = node else { throw fail("expected \(what) (a mapping of name: value)") }
        return try mapping.map { (key, value) throws(ScenarioError) in
            let valueNode = child(value)
            guard case .scalar(let name) = key, !name.string.isEmpty else { throw valueNode.fail("expected a parameter name") }
            return (name.string, try valueNode.string("a value"))
        }
    }

    func sequence(_ what: String) throws(ScenarioError) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw fail("expected \(what) (a list)") }
        return sequence.map(child)
    }

    /// A list, or a single value read as a list of one.
    func list(_ what: String) throws(ScenarioError) -> [YAMLNode] {
        if case .sequence = node { return try sequence(what) }
        return [self]
    }

    // MARK: - Scalars

    func string(_ what: String = "a string") throws(ScenarioError) -> String {
        guard case .scalar(let scalar) = node else { throw fail("expected \(what)") }
        return try substitute(scalar.string)
    }

    func integer(_ what: String = "a whole number", in range: ClosedRange<Int> = Int.min...Int.max) throws(ScenarioError) -> Int {
        guard let value = Int(try string(what)), range.contains(value) else {
            let bounds = range == Int.min...Int.max ? "" : " from \(range.lowerBound) to \(range.upperBound)"
            throw fail("expected \(what)\(bounds)")
        }
        return value
    }

    func boolean() throws(ScenarioError) -> Bool {
        switch try string("true or false").lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw fail("expected true or false")
        }
    }

    /// The longest duration a file may give: ten years of virtual time.
    static let longestDuration: Double = 3_650 * 86_400

    /// A duration: a number of seconds, or `500ms`, `30s`, `5m`, `2h`, `30d`; finite, and at
    /// most `limit` seconds (ten years unless the key says less).
    func duration(atMost limit: Double = longestDuration) throws(ScenarioError) -> Double {
        let text = try string("a duration").trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]
        var seconds: Double?
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)) { seconds = value * factor; break }
        }
        if seconds == nil, let value = Double(text) { seconds = value }
        guard let seconds, seconds.isFinite, seconds >= 0 else {
            throw fail("expected a duration such as 500ms, 30s, 5m, 2h or 3d, found '\(text)'")
        }
        guard seconds <= limit else {
            throw fail("the duration '\(text)' is too long: at most \(Self.describe(seconds: limit))")
        }
        return seconds
    }

    /// `10s`, `15m`, `3650d`: a limit as a person reads it.
    static func describe(seconds: Double) -> String {
        for (suffix, factor) in [("d", 86_400.0), ("h", 3_600), ("m", 60), ("s", 1)] where seconds >= factor && seconds.truncatingRemainder(dividingBy: factor) == 0 {
            return "\(Int(seconds / factor))\(suffix)"
        }
        return "\(Int(seconds * 1000))ms"
    }

    /// An ISO 8601 time, as seconds since 1970.
    func time() throws(ScenarioError) -> Double {
        let text = try string("an ISO 8601 time")
        guard let date = ISO8601DateFormatter().date(from: text) else { throw fail("expected an ISO 8601 time such as 2026-01-01T09:00:00Z") }
        return date.timeIntervalSince1970
    }

    func phoneNumber() throws(ScenarioError) -> String {
        let text = try string("a phone number")
        guard let number = PhoneNumber(text) else { throw fail("expected an E.164 phone number such as +14155550100, found '\(text)'") }
        return number.description
    }

    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(ScenarioError) -> T where T.RawValue == String {
        let text = try string()
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue)
            throw fail("expected one of \(names.joined(separator: ", ")), found '\(text)'" + Spelling.didYouMean(text, among: names))
        }
        return value
    }

    /// Replaces `${name}` with the variable's value.
    private func substitute(_ text: String) throws(ScenarioError) -> String {
        // A byte scan: `String.contains(_:)` with a string goes through Foundation, a tenth of loading.
        guard text.utf8.contains(UInt8(ascii: "$")), text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { throw fail("unclosed '${' in '\(text)'") }
            let name = String(rest[open.upperBound..<close])
            guard let value = variables[name] else {
                throw fail("undefined variable '\(name)'" + Spelling.didYouMean(name, among: Array(variables.keys)))
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// The entries of one mapping, read by key.
struct Fields {
    let owner: YAMLNode
    let what: String
    let entries: [(key: String, value: YAMLNode, location: SourceLocation)]

    subscript(_ key: String) -> YAMLNode? {
        entries.first { $0.key == key }?.value
    }

    func required(_ key: String) throws(ScenarioError) -> YAMLNode {
        guard let value = self[key] else { throw owner.fail("\(what) needs '\(key)'") }
        return value
    }

    /// A webhook URL; an empty one is no URL, as the API stores it.
    func url(_ key: String) throws(ScenarioError) -> String? {
        guard let text = try self[key]?.string(), !text.isEmpty else { return nil }
        return text
    }
}
