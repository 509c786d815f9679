import Foundation
import Simulator
import Webhooks
@testable import Scenario
import TestSupport
import Testing

/// Scenario files: what loads, and what a broken file says.
@Suite struct LoaderTests {
    func write(_ files: [String: String]) throws -> URL {
        let folder = Scratch.path("scenarios")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder
    }

    /// Files read on several workers come out in file order, a broken one in its place, and
    /// the count says how many there were; the filter applies as they are read.
    @Test func theSourceDeliversFilesInOrderAsTheyAreRead() async throws {
        var files: [String: String] = [:]
        for index in 0..<40 {
            // Files of very different sizes finish out of order on the workers.
            let rows = index % 3 == 0 ? (0..<200).map { "  - {n: \"\($0)\"}\n" }.joined() : "  - {n: \"0\"}\n"
            files[String(format: "f%02d.yaml", index)] = index == 7 ? "name: [broken" : "rows:\n\(rows)name: file \(index) row ${n}\nsteps: []\n"
        }
        let folder = try write(files)
        let paths = (0..<40).map { folder.appendingPathComponent(String(format: "f%02d.yaml", $0)).path }
        let source = ScenarioSource.reading(paths, filter: "row 0")
        var seen: [String] = []
        for await item in source.items {
            switch item {
            case .scenario(let scenario): seen.append(scenario.name)
            case .fileError(let result): seen.append("broken \(result.file.suffix(8))")
            }
        }
        #expect(seen == (0..<40).map { $0 == 7 ? "broken f07.yaml" : "file \($0) row 0 [row 1]" })
        #expect(await source.count.value == 40)
    }

    /// More files than the source reads ahead: every one still comes, in order, as the consumer
    /// takes them; and a consumer that stops taking releases the readers, who count the rest.
    @Test func theSourceReadsABoundedWayAhead() async throws {
        let total = ScenarioSource.readAhead + 150
        var files: [String: String] = [:]
        for index in 0..<total { files[String(format: "f%04d.yaml", index)] = "name: file \(index)\n" }
        let folder = try write(files)
        let paths = ScenarioRunner.discover([folder.path]).files
        let source = ScenarioSource.reading(paths, filter: nil)
        var seen: [String] = []
        for await item in source.items {
            source.taken()
            if case .scenario(let scenario) = item { seen.append(scenario.name) }
        }
        #expect(seen == (0..<total).map { "file \($0)" })
        let abandoned = ScenarioSource.reading(paths, filter: nil)
        try await Task.sleep(for: .milliseconds(200))
        abandoned.done()
        #expect(await abandoned.count.value == total)
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
        let misplaced = try #require(try error("name: x\napp: {base_url: \"http://a\", auth_token: t}\n"))
        #expect(misplaced.location.line == 2 && misplaced.message.contains("unknown key 'auth_token' in app; 'auth_token' belongs in account."),
                "\(misplaced.message)")
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

    /// Numbers no run can hold and nesting the composer cannot take are load errors with
    /// their place, not traps that take the whole run down.
    @Test func outOfRangeNumbersAndDeepNestingAreLoadErrors() throws {
        func found(_ text: String) throws -> ScenarioError { try #require(try error(text), "\(text.prefix(60)) loaded") }
        for wait in ["inf", "nan", "1e16d", "-5s", "3651d"] {
            let failure = try found("steps:\n  - wait: \(wait)\n")
            #expect(failure.location.line == 2 && failure.location.column == 11, "\(wait): \(failure)")
        }
        #expect(try found("steps:\n  - wait: 1e16d\n").message.contains("at most 3650d"))
        #expect(try found("timeouts: {read: inf}\n").message.contains("duration"))
        #expect(try found("timeouts: {read: 1e16}\n").location.line == 1)
        #expect(try found("timeouts: {connect: 20s}\n").message.contains("at most 10s"))
        #expect(try found("timeouts: {total: 50ms}\n").message.contains("from 100ms to 15000ms"))
        #expect(try found("functions: {/slow: {delay: 1e16}}\n").message.contains("at most 1m"))
        let deep = try found("steps: " + String(repeating: "[", count: 5_000) + "\n")
        #expect(deep.location.line == 1 && deep.message.contains("nests deeper than 200"))
        let dashes = try found("steps:\n" + String(repeating: "- ", count: 3_000) + "x\n")
        #expect(dashes.location.line == 2)
        // Ordinary nesting is far from the bound.
        #expect(try error("steps:\n  - sms: {from: \"+15558675310\", to: \"+14155550100\", body: \"[[ok]]\"}\n") == nil)
        let folder = try write(["inc.yaml": "name: x\ninclude: [\"..\"]\n"])
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(file: folder.appendingPathComponent("inc.yaml").path) }
        do {
            _ = try ScenarioLoader.load(file: folder.appendingPathComponent("inc.yaml").path)
        } catch {
            #expect(error.location.line == 2 && error.location.file.hasSuffix("inc.yaml") && error.message.contains("is a folder"), "\(error)")
        }
    }

    /// `{{…}}` outside functions names the functions or the app; a misspelt one, or `{{app}}`
    /// without a base URL, is a load error where it is written (in a variable too).
    @Test func unknownPlaceholdersAndAnAppWithoutAddressAreLoadErrors() throws {
        let misspelt = try #require(try error("numbers:\n  - {number: \"+14155550100\", sms_url: \"{{fuctions}}/sms\"}\n"))
        #expect(misspelt.location.line == 2 && misspelt.message.contains("unknown placeholder '{{fuctions}}'")
                && misspelt.message.contains("did you mean 'functions'?"), "\(misspelt)")
        let noApp = try #require(try error("variables: {hook: \"{{app}}/sms\"}\nnumbers: [{number: \"+14155550100\", sms_url: \"${hook}\"}]\n"))
        #expect(noApp.location.line == 1 && noApp.message.contains("{{app}} needs the app's address"), "\(noApp)")
        #expect(try error("app: {base_url: \"http://127.0.0.1:9\"}\nnumbers: [{number: \"+14155550100\", sms_url: \"{{app}}/sms\"}]\n") == nil)
        #expect(try error("functions:\n  /sms: {body: \"You said {{Body}}\"}\n") == nil, "a function's answer uses the request's parameters")
    }

    @Test func callerScriptsRepeatWithinABound() throws {
        let call = "steps:\n  - call:\n      from: \"+15558675310\"\n      to: \"+14155550100\"\n"
        let folder = try write(["s.yaml": call + "      params: {FromZip: \"10001\"}\n      script:\n        - press: \"1\"\n"
                                + "        - repeat: {times: 2, script: [silence, {repeat: {times: 2, script: [{press: \"9\"}]}}]}\n"])
        let scenario = try #require(try ScenarioLoader.load(file: folder.appendingPathComponent("s.yaml").path).first)
        guard case .call(_, _, let script) = scenario.steps[0].value else { Issue.record("not a call"); return }
        let nine = CallerAction.press(digits: "9", after: nil, prompt: nil)
        #expect(script.actions == [.press(digits: "1", after: nil, prompt: nil), .silence, nine, nine, .silence, nine, nine])
        #expect(script.parameters == [Parameter("FromZip", "10001")])
        let tooMany = try #require(try error(call + "      script:\n        - repeat: {times: 200, script: [{repeat: {times: 60, script: [silence]}}]}\n"))
        #expect(tooMany.location.line == 6 && tooMany.message.contains("at most 10000 actions"), "\(tooMany)")
        let zero = try #require(try error(call + "      script: [{repeat: {times: 0, script: [silence]}}]\n"))
        #expect(zero.message.contains("from 1 to 10000"), "\(zero)")
        let misspelt = try #require(try error(call + "      script: [{repaet: {times: 2, script: [silence]}}]\n"))
        #expect(misspelt.message.contains("did you mean 'repeat'?"), "\(misspelt)")
        let params = try #require(try error("steps:\n  - sms: {from: \"+15558675310\", to: \"+14155550100\", params: [FromZip]}\n"))
        #expect(params.message.contains("expected params (a mapping"), "\(params)")
    }

    /// The document's own rules: a key written twice, an alias to no anchor and a second
    /// document are errors at their place; an alias is the node its anchor names.
    @Test func keysTwiceAliasesAndDocumentsAreRead() throws {
        let twice = try #require(try error("name: a\nseed: 1\nname: b\n"))
        #expect(twice.message.contains("the key 'name' appears twice") && twice.location.line == 3 && twice.location.column == 1)
        let nested = try #require(try error("account: {sid: AC1, auth_token: x, sid: AC2}\n"))
        #expect(nested.message.contains("'sid' appears twice") && nested.location.column == 36)
        let alias = try #require(try error("numbers: [*missing]\n"))
        #expect(alias.message.contains("undefined alias 'missing'") && alias.location.line == 1)
        let documents = try #require(try error("name: a\n---\nname: b\n"))
        #expect(documents.message.contains("single document") && documents.location.line == 2)
        #expect(try #require(try error("")).message.contains("empty"))
        let folder = try write(["s.yaml": """
            numbers: [&shop {number: "+14155550100"}]
            steps:
              - sms: {from: "+15558675310", to: "+14155550100", body: &greeting "héllo"}
              - sms: {from: "+15558675311", to: "+14155550100", body: *greeting}
            """])
        let scenario = try #require(try ScenarioLoader.load(file: folder.appendingPathComponent("s.yaml").path).first)
        guard case .inboundMessage(_, _, let body, _, _) = scenario.steps[1].value else { Issue.record("unexpected step"); return }
        #expect(body == "héllo")
        #expect(scenario.steps[1].location.line == 4)
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
        guard case .inboundMessage(_, let to, let body, _, _) = scenarios[1].steps[0].value,
              case .wait(let seconds) = scenarios[1].steps[1].value else { Issue.record("unexpected steps"); return }
        #expect(to == "+14155550100" && body == "two" && seconds == 120)
        #expect(ScenarioRunner.discover([folder.path]).files.map { ($0 as NSString).lastPathComponent } == ["table.yaml"])
    }

    @Test func proxyServicesAreCheckedAsTheAPIChecksThem() throws {
        func message(_ text: String) throws -> String { try #require(try error(text)).message }
        let long = String(repeating: "x", count: 192)
        #expect(try message("proxy_services:\n  - unique_name: \(long)\n").contains("UniqueName must be 1 to 191 characters"))
        #expect(try message("proxy_services:\n  - {unique_name: a}\n  - {unique_name: a}\n").contains("UniqueName 'a' is already used"))
        #expect(try message("proxy_services:\n  - {unique_name: a, geo_match_level: area_code}\n").contains("did you mean 'area-code'?"))
        #expect(try message("proxy_services:\n  - {unique_name: a, chat_instance_sid: CH123}\n").contains("ChatInstanceSid"))
        #expect(try message("proxy_services:\n  - {unique_name: a, numbers: [\"12\"]}\n").contains("or a short code"))
        let three = try #require(try error("""
            proxy_services:
              - unique_name: a
                sessions:
                  - participants: ["+14155550001", "+14155550002", "+14155550003"]
            """))
        #expect(three.location.line == 4 && three.message.contains("at most 2 participants"))
        #expect(try message("steps:\n  - close_sesion: {session: x}\n").contains("did you mean 'close_session'?"))
        #expect(try message("expect:\n  - session: {status: closed}\n").contains("needs 'unique_name' or 'participant'"))
        let scenario = try #require(try ScenarioLoader.load(file: write(["p.yaml": """
            proxy_services:
              - unique_name: rides
                default_ttl: 2h
                numbers: ["+14155551000", {number: "76543", capabilities: [sms]}]
            steps:
              - create_session: {unique_name: r, mode: message-only, participants: ["+14155550001", "messenger:42"]}
              - delete_proxy_service: rides
            """]).appendingPathComponent("p.yaml").path).first)
        let service = try #require(scenario.world.proxyServices.first)
        #expect(service.defaultTTL == 7_200 && service.numbers.map(\.number) == ["+14155551000", "76543"])
        #expect(service.numbers[1].capabilities == [.sms] && service.numbers[0].capabilities == [.sms, .voice])
        guard case .proxy(.createSession(nil, let session)) = scenario.steps[0].value,
              case .proxy(.deleteService("rides")) = scenario.steps[1].value else { Issue.record("unexpected steps"); return }
        #expect(session.participants.map(\.identifier) == ["+14155550001", "messenger:42"] && session.mode == .messageOnly)
    }
}
