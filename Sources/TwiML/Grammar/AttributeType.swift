/// What values an attribute accepts. Checking is as strict as the platform's schema; values
/// are case-sensitive except HTTP methods and booleans, which the platform reads loosely.
public indirect enum AttributeType: Sendable, Hashable {
    /// Any text.
    case text
    /// An absolute or relative URL (not empty, no spaces).
    case url
    /// `GET` or `POST`.
    case method
    /// `true` or `false`.
    case boolean
    /// A whole number in the range.
    case integer(ClosedRange<Int>)
    /// A decimal number in the range.
    case decimal(ClosedRange<Double>)
    /// Exactly one of the values.
    case choice([String])
    /// One or more of the values, separated by spaces or commas.
    case list([String])
    /// A string made only of these characters (possibly empty), such as `finishOnKey`.
    case characters(String)
    /// Either of two types (`speechTimeout`: a number or `auto`).
    case either(AttributeType, AttributeType)

    /// Whether `value` is acceptable.
    public func accepts(_ value: String) -> Bool {
        switch self {
        case .text:
            return true
        case .url:
            return !value.isEmpty && !value.utf8.contains(where: XMLSpace.contains)
        case .method:
            return ["GET", "POST"].contains(value.uppercased())
        case .boolean:
            return ["true", "false"].contains(value.lowercased())
        case .integer(let range):
            return Int(value).map(range.contains) ?? false
        case .decimal(let range):
            return Double(value).map(range.contains) ?? false
        case .choice(let values):
            return values.contains(value)
        case .list(let values):
            let items = value.split(whereSeparator: { $0 == " " || $0 == "," })
            return !items.isEmpty && items.allSatisfy { values.contains(String($0)) }
        case .characters(let allowed):
            return value.allSatisfy(allowed.contains)
        case .either(let first, let second):
            return first.accepts(value) || second.accepts(value)
        }
    }

    /// What a valid value looks like, for diagnostics.
    public var expectation: String {
        switch self {
        case .text: return "text"
        case .url: return "a URL"
        case .method: return "GET or POST"
        case .boolean: return "true or false"
        case .integer(let range):
            return range.upperBound == Int.max ? "a whole number ≥ \(range.lowerBound)" : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .decimal(let range): return "a number from \(range.lowerBound) to \(range.upperBound)"
        case .choice(let values): return "one of " + values.joined(separator: ", ")
        case .list(let values): return "a space-separated list of " + values.joined(separator: ", ")
        case .characters(let allowed): return "characters from \"\(allowed)\""
        case .either(let first, let second): return first.expectation + " or " + second.expectation
        }
    }
}
