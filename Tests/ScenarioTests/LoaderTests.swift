import Foundation
import Scenario
import Testing

/// Scenario files: what loads, and what a broken file says.
@Suite struct LoaderTests {
    func write(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scenarios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    func error(_ text: String) throws -> ScenarioError? {
        let folder = try write(["s.yaml": text])
        do {
            _ = try ScenarioLoader.load(file: folder.appendingPathComponent("s.yaml").path)
            return nil
        } catch {
            return error
        }
    }

    @Test func misspeltKeysNameTheirPositionAndTheKeyMeant() throws {
        let found = try #require(try error("name: x\nnumbers:\n  - number: \"+14155550100\"\n    sms_urll: \"http://a\"\n"))
        #expect(found.location.line == 4 && found.location.column == 5)
        #expect(found.message.contains("unknown key 'sms_urll'"))
        #expect(found.message.contains("did you mean 'sms_url'?"))
        let step = try #require(try error("steps:\n  - wiat: 5s\n"))
        #expect(step.location.line == 2 && step.message.contains("did you mean 'wait'?"))
    }

    @Test func wrongValuesSayWhatWasExpected() throws {
        let number = try #require(try error("steps:\n  - sms: {from: \"+15558675310\", to: \"nope\", body: hi}\n"))
        #expect(number.location.line == 2 && number.location.column == 37)
        #expect(number.message.contains("E.164"))
        #expect(try #require(try error("steps:\n  - wait: soon\n")).message.contains("duration"))
        #expect(try #require(try error("carrier:\n  - outcome: deliverd\n")).message.contains("did you mean 'delivered'?"))
        #expect(try #require(try error("expect:\n  - message: {status: sentt}\n")).message.contains("did you mean 'sent'?"))
        #expect(try #require(try error("steps:\n  - sms: {from: \"${who}\", to: \"+14155550100\"}\n")).message.contains("undefined variable 'who'"))
        let yaml = try #require(try error("steps:\n  - sms: {from: x\n"))
        #expect(yaml.message.contains("invalid YAML") && yaml.location.line >= 2)
    }

    @Test func rowsIncludesAndVariables() throws {
        let folder = try write([
            "_shared.yaml": "variables: {to: \"+14155550100\"}\nnumbers:\n  - {number: \"${to}\", sms_url: \"{{functions}}/sms\"}\n",
            "table.yaml": """
            name: Table
            include: [_shared.yaml]
            rows:
              - {body: one}
              - {name: second, body: two}
            steps:
              - sms: {from: "+15558675310", to: "${to}", body: "${body}"}
              - wait: 2m
            """,
        ])
        let scenarios = try ScenarioLoader.load(file: folder.appendingPathComponent("table.yaml").path)
        #expect(scenarios.map(\.name) == ["Table [row 1]", "Table [second]"])
        #expect(scenarios.map(\.location.line) == [4, 5])
        #expect(scenarios[1].world.numbers.map(\.number) == ["+14155550100"])
        guard case .inboundMessage(_, let to, let body, _) = scenarios[1].steps[0].value,
              case .wait(let seconds) = scenarios[1].steps[1].value else { Issue.record("unexpected steps"); return }
        #expect(to == "+14155550100" && body == "two" && seconds == 120)
        #expect(ScenarioRunner.discover([folder.path]).files.map { ($0 as NSString).lastPathComponent } == ["table.yaml"])
    }
}
