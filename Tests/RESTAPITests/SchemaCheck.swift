import Foundation
import OpenAPIKit30

/// A JSON document as the conformance test reads an answer: booleans apart from numbers, as
/// the schemas tell them apart.
indirect enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let array = try? container.decode([JSONValue].self) { self = .array(array) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// Checks a JSON value against an operation's response schema from the OpenAPI description:
/// types, `nullable`, enums, the formats the platform uses (`date-time` in v1,
/// `date-time-rfc-2822` in 2010, `uri`), nested objects and arrays. OpenAPIKit reads the
/// description but validates no instances, and no Swift library here does: this is that check,
/// for the parts of JSON Schema the platform's descriptions use. It also lists the schema's
/// properties an object leaves out (the schemas mark almost nothing required, so a passing
/// type check alone would not show a missing field).
struct SchemaCheck {
    private(set) var problems: [String] = []
    private(set) var missing: [String] = []

    mutating func check(_ value: JSONValue, against schema: DereferencedJSONSchema, at path: String = "$") {
        if case .null = value {
            // Enums are `$ref`s to components that OpenAPI 3.0 cannot mark nullable beside the
            // reference; the description's own examples give them null (`inbound_resource_status`).
            if !schema.nullable, !isAny(schema), schema.allowedValues == nil {
                problems.append("\(path): null where the schema does not allow it")
            }
            return
        }
        switch schema {
        case .boolean:
            guard case .bool = value else { return problems.append("\(path): expected a boolean, found \(describe(value))") }
        case .integer:
            guard case .number(let number) = value, number == number.rounded() else {
                return problems.append("\(path): expected an integer, found \(describe(value))")
            }
        case .number:
            guard case .number = value else { return problems.append("\(path): expected a number, found \(describe(value))") }
        case .string:
            guard case .string(let text) = value else { return problems.append("\(path): expected a string, found \(describe(value))") }
            checkFormat(text, schema.formatString, at: path)
            if let allowed = schema.allowedValues?.compactMap({ $0.value as? String }), !allowed.isEmpty, !allowed.contains(text) {
                problems.append("\(path): '\(text)' is not one of \(allowed.joined(separator: ", "))")
            }
        case .object(_, let context):
            guard case .object(let fields) = value else { return problems.append("\(path): expected an object, found \(describe(value))") }
            for (name, property) in context.properties {
                guard let field = fields[name] else {
                    missing.append("\(path).\(name)")
                    continue
                }
                check(field, against: property, at: "\(path).\(name)")
            }
        case .array(_, let context):
            guard case .array(let elements) = value else { return problems.append("\(path): expected an array, found \(describe(value))") }
            if let items = context.items {
                for (index, element) in elements.enumerated() { check(element, against: items, at: "\(path)[\(index)]") }
            }
        case .all(let schemas, _):
            for part in schemas { check(value, against: part, at: path) }
        case .one(let schemas, _), .any(let schemas, _):
            let fits = schemas.contains { part in
                var attempt = SchemaCheck()
                attempt.check(value, against: part, at: path)
                return attempt.problems.isEmpty
            }
            if !fits { problems.append("\(path): fits none of the \(schemas.count) schemas it may be") }
        case .not, .fragment:
            break
        }
    }

    private func isAny(_ schema: DereferencedJSONSchema) -> Bool {
        if case .fragment = schema { return true }
        return false
    }

    private mutating func checkFormat(_ text: String, _ format: String?, at path: String) {
        let pattern: String
        switch format {
        case "date-time": pattern = #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#
        case "date-time-rfc-2822": pattern = #"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$"#
        case "uri": pattern = #"^((https?://|/)\S+)?$"#  // the platform writes "" for a URL not set
        // E.164, a channel address, or a number as people write it (`(808) 925-1571` in the description's own examples).
        case "phone-number": pattern = #"^(\+?[0-9() \-.]{3,20}|[a-z]+:.+)$"#
        default: return
        }
        if text.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): '\(text)' is not in the format \(format!)")
        }
    }

    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .number(let number): "\(number)"
        case .string(let text): "'\(text)'"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
