import Foundation
import Testing

/// docs/scenario.schema.json accepts every bundled scenario and refuses a misspelt key, so the
/// schema editors use stays in step with the loader.
@Suite(.enabled(if: Python.canImport("yaml, jsonschema"), "needs python3 with pyyaml and jsonschema"))
struct ScenarioSchemaTests {
    @Test func theSchemaAcceptsTheBundledScenarios() async throws {
        let script = """
        import glob, json, os, sys, yaml, jsonschema
        root = sys.argv[1]
        schema = json.load(open(os.path.join(root, "docs/scenario.schema.json")))
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(schema)
        for path in sorted(glob.glob(os.path.join(root, "Scenarios/**/*.yaml"), recursive=True)):
            if os.path.basename(path).startswith("_"): continue
            for error in validator.iter_errors(yaml.safe_load(open(path))):
                print("INVALID", path, error.message)
            print("checked", path)
        bad = yaml.safe_load('numbers: [{number: "+14155550100", sms_urll: x}]')
        print("refused" if list(validator.iter_errors(bad)) else "ACCEPTED-BAD")
        """
        let result = try await Python.run(script, arguments: [RunCommandTests.repository.path])
        let text = result.stdout
        #expect(result.status == 0, "\(text)\(result.stderr)")
        #expect(!text.contains("INVALID"), "\(text)")
        #expect(text.components(separatedBy: "checked").count - 1 >= 12)
        #expect(text.contains("refused"))
    }
}

/// The JSON Schema is for editors: every key it knows has a description to show.
@Suite struct ScenarioSchemaDescriptionTests {
    @Test func everyKeyIsDescribed() throws {
        let url = RunCommandTests.repository.appendingPathComponent("docs/scenario.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        var undescribed: [String] = []
        var described = 0
        func walk(_ node: Any, _ path: String) {
            guard let node = node as? [String: Any] else { return }
            for (key, value) in (node["properties"] as? [String: Any]) ?? [:] {
                if let value = value as? [String: Any], value["$ref"] == nil {
                    if (value["description"] as? String)?.isEmpty == false { described += 1 } else { undescribed.append(path + "." + key) }
                }
                walk(value, path + "." + key)
            }
            for key in ["items", "additionalProperties"] { if let child = node[key] { walk(child, path + "[]") } }
            for key in ["oneOf", "anyOf", "allOf"] { for child in (node[key] as? [Any]) ?? [] { walk(child, path) } }
            for (name, child) in (node["definitions"] as? [String: Any]) ?? [:] { walk(child, "#" + name) }
        }
        walk(schema, "")
        #expect(undescribed.isEmpty, "keys without a description: \(undescribed)")
        #expect(described > 250)
    }
}
