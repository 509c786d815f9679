import Traffic

/// A JSON value as the REST API answers it: objects keep their fields in the order given, as
/// the platform's resources list them.
public enum JSON: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// A string, or null when there is none.
    static func optional(_ text: String?) -> JSON { text.map(JSON.string) ?? .null }

    /// The encoded document.
    public var encoded: String {
        var writer = JSONWriter(capacity: 1_024)
        write(to: &writer)
        return writer.finished().text
    }

    func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.nullValue()
        case .bool(let flag): writer.value(flag)
        case .int(let number): writer.value(number)
        case .double(let number): writer.value(number)
        case .string(let text): writer.value(text)
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .object(let fields):
            writer.beginObject()
            for (key, value) in fields {
                writer.key(named: key)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
