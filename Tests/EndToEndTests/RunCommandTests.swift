import Foundation
import Synchronization
import TestSupport
import Testing
import TwiML

/// `switchboard run` as a process: the bundled scenarios, broken files, a broken app, and
/// scenarios that must fail when the behaviour they cover is broken.
@Suite struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scenarios = repository.appendingPathComponent("Scenarios")
    /// The scenario instances under Scenarios/: 22 Messaging, 22 Proxy, 28 Voice (table rows counted).
    static let bundled = 103

    /// Whether this machine has `node`: without it the Node.js function scenarios are skipped.
    static let hasNode = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/node") }

    @Test func theBundledScenariosPass() async throws {
        let result = try await SwitchboardProcess.run(["run", "--no-reports", Self.scenarios.path])
        #expect(result.status == 0, "\(result.stdout)")
        let summary = try #require(result.stdout.split(separator: "\n").last)
        // Two bundled scenarios run Node.js functions.
        let expected = Self.hasNode ? "\(Self.bundled) passed, 0 failed" : "\(Self.bundled - 2) passed, 0 failed, 2 skipped"
        #expect(summary.hasPrefix(expected), "\(summary)")
        #expect(!result.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func filterAndSeed() async throws {
        let result = try await SwitchboardProcess.run(["run", "--no-reports", Self.scenarios.path, "--filter", "segments", "--seed", "7", "--jobs", "2"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("4 passed, 0 failed"))
        #expect(try await SwitchboardProcess.run(["run", "--no-reports", "--jobs", "0"]).status == 1)
        let nothing = try await SwitchboardProcess.run(["run", "--no-reports", Self.scenarios.path, "--filter", "no such scenario"])
        #expect(nothing.status == 1, "a filter that matches nothing is a mistake, not a green run")
        #expect(nothing.stderr.contains("--filter 'no such scenario' matches no scenario name"), "\(nothing.stderr)")
    }

    @Test func brokenFilesExitTwoAndTheOthersStillRun() async throws {
        let folder = try copyOfScenarios(["plain-text-reply.yaml", "_shared.yaml"])
        try Data("name: Broken\nnumbers:\n  - number: \"+14155550100\"\n    sms_urll: x\n".utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        let result = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("broken.yaml:4:5: error: unknown key 'sms_urll' in a number; did you mean 'sms_url'?"))
        #expect(result.stdout.contains("✔ Plain-text reply"))
        #expect(result.stdout.contains("1 passed, 1 failed (1 broken file)"))
        let recap = try #require(result.stdout.range(of: "\nFailures:\n"), "failures repeated after the progress lines")
        #expect(result.stdout[recap.upperBound...].contains("broken.yaml:4:5: error: unknown key 'sms_urll'"))
        #expect(try await SwitchboardProcess.run(["run", "--no-reports", "/no/such/folder"]).status == 2)
    }

    @Test func anUnreachableAppIsARuntimeError() async throws {
        let folder = try copyOfScenarios([])
        try Data("""
        name: Unreachable
        app: {base_url: "http://127.0.0.1:9"}
        numbers: [{number: "+14155550100", sms_url: "{{app}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
        expect: [{message: {body: anything}}]
        """.utf8).write(to: folder.appendingPathComponent("unreachable.yaml"))
        let result = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(result.status == 3)
        #expect(result.stdout.contains("runtime error: the app at http://127.0.0.1:9 is unreachable"))
    }

    @Test func anExternalAppIsCalledAtItsBaseURL() async throws {
        let server = try await ScriptedServer.start { _ in ScriptedServer.twiml("<Response><Message>From the real app</Message></Response>") }
        defer { Task { await server.stop() } }
        let folder = try copyOfScenarios([])
        try Data("""
        name: External app
        account: {auth_token: secret}
        app: {base_url: "\(server.baseURL)"}
        numbers: [{number: "+14155550100", sms_url: "{{app}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
        expect: [{message: {body: From the real app}}, {webhook: {url: "{{app}}/sms"}}]
        """.utf8).write(to: folder.appendingPathComponent("external.yaml"))
        let result = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(server.requests.first?.target == "/sms")
        #expect(server.requests.first?.header("X-Twilio-Signature") != nil)
    }

    /// Media larger than a message carries fail it with 11751, judged by the answer's
    /// `Content-Length`: the body is not read past the 64 kB the platform reads.
    @Test func mediaOverFiveMegabytesFailTheMessage() async throws {
        let server = try await ScriptedServer.start { request in
            guard request.target == "/big.png" else {
                return ScriptedServer.twiml("<Response><Message><Body>Big</Body><Media>/big.png</Media></Message></Response>")
            }
            let head = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 6000000\r\n\r\n"
            return [.write(Array(head.utf8) + [UInt8](repeating: 0x50, count: 100_000)), .close]
        }
        defer { Task { await server.stop() } }
        let folder = try copyOfScenarios([])
        try Data("""
        name: Big media
        app: {base_url: "\(server.baseURL)"}
        numbers: [{number: "+14155550100", sms_url: "{{app}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
        expect:
          - message: {body: Big, status: failed, error_code: 11751}
          - error: {code: 11751, message_contains: "6000000 bytes"}
          - webhook: {purpose: media-fetch, method: GET, url: "{{app}}/big.png", status: 200}
        """.utf8).write(to: folder.appendingPathComponent("big.yaml"))
        let result = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(server.requests.map(\.target) == ["/sms", "/big.png"])
    }

    /// A function still answering when the run ends (its caller gave up long ago) neither holds
    /// the run up for its 60 s nor hangs it: the server stops accepting and the run exits (well
    /// within half that, even on a machine busy with the other tests).
    @Test func aFunctionStillAnsweringDoesNotHoldTheRunUp() async throws {
        let folder = try copyOfScenarios([])
        try Data("""
        name: Slow function
        timeouts: {read: 300ms, retries: 0}
        functions: {/slow: {delay: 60s, body: late}}
        numbers: [{number: "+14155550100", sms_url: "{{functions}}/slow"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
        expect: [{answer: {error_code: 11205}}]
        """.utf8).write(to: folder.appendingPathComponent("slow.yaml"))
        let started = Date()
        let result = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(Date().timeIntervalSince(started) < 30, "the run waited for the function instead of stopping the server")
    }

    /// A scenario with Node.js functions on a machine without `node`: skipped, said so in every
    /// report, and the run still exits 0.
    @Test func aScenarioNeedingNodeIsSkippedWithoutIt() async throws {
        let reports = Scratch.path("skipped-reports")
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                                ["PATH=/nonexistent", SwitchboardProcess.binary.path, "run", "--no-color", "--reports", reports.path,
                                                 Self.scenarios.appendingPathComponent("serverless/node-function.yaml").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("↷ A Node.js function") && result.stdout.contains("need node on the PATH"), "\(result.stdout)")
        #expect(result.stdout.contains("0 passed, 0 failed, 1 skipped"), "\(result.stdout)")
        let junit = try String(contentsOf: reports.appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<skipped message=") && junit.contains("skipped=\"1\""), "\(junit)")
        #expect(try String(contentsOf: reports.appendingPathComponent("report.tap"), encoding: .utf8).contains("ok 1 - "))
        #expect(try String(contentsOf: reports.appendingPathComponent("report.tap"), encoding: .utf8).contains("# SKIP"))
        #expect(try String(contentsOf: reports.appendingPathComponent("results.json"), encoding: .utf8).contains("\"skipped\":1"))
    }

    /// Each scenario is copied, the app behaviour it covers is broken, and it must fail.
    @Test(arguments: [
        ("cookie-session.yaml", "    set_cookie: \"conversation=step-2; Path=/\"\n", "", "sending header Cookie: conversation=step-2"),
        ("reply-limit.yaml", "<Message>11</Message><Message>12</Message>", "", "error 14109 raised"),
        ("fallback-after-500.yaml", "  /broken: {status: 500, body: \"Internal Server Error\"}",
         "  /broken: {twiml: \"<Response><Message>fine</Message></Response>\"}", "fallback"),
        ("proxy/ttl-expiry.yaml", "default_ttl: 1h", "default_ttl: 0", "session 'ride-3' status"),
        ("proxy/out-of-session-auto-create.yaml", #""participantIdentifier": "+14155550009", "#, "", "session 'support-+14155550001' exists"),
        ("proxy/sticky-numbers.yaml", "number_selection_behavior: ${behavior}", "number_selection_behavior: avoid-sticky",
         "session 'second-ride' status"),
        ("voice/ivr-tree.yaml", #"<Redirect method="GET">support</Redirect>"#, "<Hangup/>", "call from +15558675310 verbs"),
        ("voice/record-voicemail.yaml", "{record: {length: 12s, key: \"#\"}}", "silence", "webhook record-action"),
        ("voice/dial-outcomes.yaml", "callerId=\\\"${main_line}\\\"", "", "caller ID"),
        ("cookie-from-redirect.yaml", "    set_cookie: \"survey=question-2; Path=/\"\n", "", "sending header Cookie: survey=question-2"),
        ("ignored-attributes.yaml", #"StatusCallback="status""#, #"statusCallback="status""#,
         #"warning 12200 with a message containing "StatusCallback""#),
        ("voice/http-redirects.yaml", "{status: 302, headers:", "{status: 307, headers:", "answered 302 redirected to"),
        ("voice/whisper-and-ignored-attribute.yaml", #"timelimit="10""#, #"timeLimit="10""#, "warning 12200 at line 1, column 17"),
        ("voice/caller-geography-and-loops.yaml", #"params: {FromZip: "10001"}"#, "", "webhook gather-action with CallerZip=10001"),
        ("voice/caller-geography-and-loops.yaml", "times: 3", "times: 2", "call from +12125550142 said"),
        ("voice/transcription-needs-transcribe.yaml", "callback_implies_transcribe: false", "callback_implies_transcribe: true",
         "webhook transcription-callback called exactly once"),
        ("voice/play-fetch.yaml", "/audio/missing.mp3: {status: 404, body: Not Found}", "/audio/missing.mp3: {content_type: audio/wav}",
         "error 11200"),
        ("media-fetch.yaml", "{body: \"MZ\", content_type: application/octet-stream}", "{body: \"MZ\", content_type: image/gif}",
         "message \"Your ticket\" reaching failed"),
        ("voice/conference.yaml", "stays: 2m, end_conference_on_exit: true", "stays: 2m", "conference 'standup' reason ended"),
        ("voice/conference.yaml", "to: \"${support}\", hangup_after: 1m}", "to: \"${support}\"}", "call from +15550003333 duration"),
        ("voice/queue-agent.yaml", "answers_after: 40s", "answers_after: 20s", "webhook enqueue-action"),
        ("voice/queue-agent.yaml", "waited: 2m, talks: 45s", "waited: 2m, talks: 30s", "webhook dial-action"),
        ("voice/application-error.yaml", "verbs: []", "verbs: [Say]", "call from +15558675310 verbs"),
        ("conversations/profanity-blocked.yaml", "(darn|heck)", "(drat)", "conversation 'support-1' messages"),
        ("conversations/sms-bridge.yaml", #"{address: "${customer}", proxy_address: "${support_number}"}"#,
         #"{address: "${customer}", proxy_address: "+14155550199"}"#, "conversation 'order-7' messages"),
        ("conversations/timers.yaml", "timers: {inactive: 5m, closed: 30m}", "timers: {inactive: 10m, closed: 30m}", "in order"),
        ("conversations/rest-webhook-header.yaml", "      headers: {X-Twilio-Webhook-Enabled: \"true\"}\n", "",
         "webhook http"),
        ("conversations/duplicate-binding.yaml", #"participants: [{address: "${customer}", proxy_address: "${support_number}"}]"#,
         #"participants: [{address: "${customer}", proxy_address: "+14155550199"}]"#, "API request"),
        ("serverless/protected-function.yaml", "/sms: {visibility: protected,", "/sms: {visibility: public,", "API request"),
        ("serverless/build-and-deploy.yaml", "  - wait: 10s\n", "  - wait: 1s\n", "\"version two\""),
        ("serverless/deleted-service.yaml", #"rest: {method: DELETE, url: "https://serverless.twilio.com/v1/Services/owl-shop"}"#,
         #"rest: {method: GET, url: "https://serverless.twilio.com/v1/Services/owl-shop"}"#, "error 11210"),
    ])
    func scenariosFailWhenTheirBehaviourBreaks(file: String, original: String, replacement: String, symptom: String) async throws {
        let shared = file.contains("/") ? file.split(separator: "/")[0] + "/_shared.yaml" : "_shared.yaml"
        let folder = try copyOfScenarios([file, shared])
        let path = folder.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent)
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains(original), "the mutation must apply")
        #expect(try await SwitchboardProcess.run(["run", "--no-reports", folder.path]).status == 0, "the unmodified scenario passes")
        try Data(text.replacingOccurrences(of: original, with: replacement).utf8).write(to: path)
        let result = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(result.status == 4, "\(result.stdout)")
        #expect(result.stdout.contains(symptom), "\(result.stdout)")
        #expect(result.stdout.contains("expected:") && result.stdout.contains("actual:"))
    }

    @Test func reportsAreWrittenAndHostileBodiesStayInert() async throws {
        let folder = try copyOfScenarios(["auto-reply.yaml"])
        try Data(#"""
        name: Hostile app
        functions:
          /sms: {body: "<script>alert('x')</script> \x01\x08 ]]> & <b>bold</b>", status: 500}
        numbers: [{number: "+14155550100", sms_url: "{{functions}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
        expect: [{message: {body: never sent}}]
        """#.utf8).write(to: folder.appendingPathComponent("hostile.yaml"))
        let reports = folder.appendingPathComponent("out")
        let result = try await SwitchboardProcess.run(["run", folder.path, "--reports", reports.path])
        #expect(result.status == 4)
        for name in ["junit.xml", "results.json", "report.txt", "summary.md"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(name).path), "\(name)")
        }
        let junit = try String(contentsOf: reports.appendingPathComponent("junit.xml"), encoding: .utf8)
        let document = try TwiMLDocument.parse(junit).get()
        #expect(try document.xpath("count(//testcase)").text == "2")
        #expect(try document.xpath("count(//failure)").text == "1")
        #expect(try document.xpath("string(//failure)").text.contains("<script>alert('x')</script>"))
        #expect(!junit.contains("<script>") && !junit.contains("\u{1}"))
        #expect(!result.stdout.contains("\u{1}") && result.stdout.contains("\\u{1}"), "control characters never reach the terminal")
        let journal = try String(contentsOf: reports.appendingPathComponent("traffic.jsonl"), encoding: .utf8)
        let lines = journal.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
        #expect(lines.count == journal.split(separator: "\n").count, "every line is JSON")
        let labels = lines.filter { $0["request"] != nil }.compactMap { $0["scenario"] as? String }
        #expect(Set(labels) == ["0001-auto-reply-to-an-inbound-sms", "0002-hostile-app"], "every exchange, labelled: \(labels)")
        let results = lines.filter { $0["type"] as? String == "result" }.compactMap { "\($0["scenario"] ?? "") \($0["status"] ?? "")" }
        #expect(results.sorted() == ["0001-auto-reply-to-an-inbound-sms passed", "0002-hostile-app failed"], "\(results)")
        #expect(lines.contains { $0["type"] as? String == "message-created" && $0["scenario"] as? String == "0001-auto-reply-to-an-inbound-sms" },
                "the timeline's other entries are in the journal too")
        let traffic = { try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("traffic").path).sorted() }
        #expect(try traffic() == ["0002-hostile-app.har", "0002-hostile-app.jsonl"], "files of their own for the failed scenario")
        let hostileLines = try String(contentsOf: reports.appendingPathComponent("traffic/0002-hostile-app.jsonl"), encoding: .utf8)
        #expect(hostileLines.split(separator: "\n").count == labels.filter { $0 == "0002-hostile-app" }.count)
        let har = try await SwitchboardProcess.run(["journal", "har", reports.appendingPathComponent("traffic.jsonl").path,
                                                    "--scenario", "0002-hostile-app"])
        let entries = ((try JSONSerialization.jsonObject(with: Data(har.stdout.utf8)) as? [String: Any])?["log"] as? [String: Any])?["entries"]
        #expect(har.status == 0 && (entries as? [Any])?.count == labels.filter { $0 == "0002-hostile-app" }.count)
        let misspelt = try await SwitchboardProcess.run(["journal", "har", reports.appendingPathComponent("traffic.jsonl").path,
                                                         "--scenario", "0002-hostile-ap"])
        #expect(misspelt.status == 2 && misspelt.stderr.contains("did you mean '0002-hostile-app'?"), "\(misspelt.stderr)")
        _ = try await SwitchboardProcess.run(["run", folder.path, "--reports", reports.path, "--traffic-files", "all"])
        #expect(try traffic() == ["0001-auto-reply-to-an-inbound-sms.har", "0001-auto-reply-to-an-inbound-sms.jsonl",
                                  "0002-hostile-app.har", "0002-hostile-app.jsonl"])
        let onlyJUnit = try await SwitchboardProcess.run(["run", folder.path, "--reports", reports.appendingPathComponent("j").path, "--reporter", "junit"])
        #expect(onlyJUnit.status == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("j").path).sorted()
            == ["junit.xml", "traffic", "traffic.jsonl"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("j/traffic").path) == ["0002-hostile-app.jsonl"])
    }

    @Test func trafficSnapshotsCatchAChangedReply() async throws {
        let folder = try copyOfScenarios(["auto-reply.yaml", "redirect-chain.yaml", "_shared.yaml"])
        let update = try await SwitchboardProcess.run(["run", "--no-reports", "--update-snapshots", folder.path])
        #expect(update.status == 0)
        let snapshot = folder.appendingPathComponent("__snapshots__/auto-reply.traffic")
        let text = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(text.hasPrefix("+0.000s incoming-message POST {{functions}}/sms [attempt 1]"))
        #expect(!text.contains("127.0.0.1") && !text.contains("X-Twilio-Signature") && !text.contains("Date:"))
        #expect(try await SwitchboardProcess.run(["run", "--no-reports", folder.path]).status == 0, "the same run matches its snapshot")
        let file = folder.appendingPathComponent("auto-reply.yaml")
        try Data(try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "You said", with: "You wrote").utf8).write(to: file)
        let changed = try await SwitchboardProcess.run(["run", "--no-reports", folder.path])
        #expect(changed.status == 4)
        #expect(changed.stdout.contains("the traffic differs from its snapshot"))
        #expect(changed.stdout.contains("-   < | <Response><Message statusCallback=\"status\">Thanks, +15558675310! You said"))
        #expect(changed.stdout.contains("+   < | <Response><Message statusCallback=\"status\">Thanks, +15558675310! You wrote"))
        #expect(changed.stdout.contains("✔ Redirect chain"))
    }

    @Test func shardsCoverEveryScenarioOnceAndMergeIntoOneReport() async throws {
        let folder = Scratch.path("shards")
        let whole = folder.appendingPathComponent("whole").path
        _ = try await SwitchboardProcess.run(["run", Self.scenarios.path, "--reports", whole])
        let wholeResults = try Self.outcomes(inResultsOf: whole)
        #expect(wholeResults.count == Self.bundled)
        for balanced in [false, true] {
            var names: [String] = []
            var shards: [String] = []
            for index in 1...3 {
                let reports = folder.appendingPathComponent("\(balanced)-shard-\(index)")
                try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
                if index == 2 {
                    // The last run's results.json in one shard's folder: it must not move any scenario.
                    try FileManager.default.copyItem(atPath: whole + "/results.json", toPath: reports.appendingPathComponent("results.json").path)
                }
                let result = try await SwitchboardProcess.run(["run", Self.scenarios.path, "--shard", "\(index)/3", "--reports", reports.path]
                                                              + (balanced ? ["--shard-durations", whole + "/results.json"] : []))
                #expect(result.status == 0, "\(result.stdout)")
                names += result.stdout.split(separator: "\n").filter { $0.hasPrefix("✔") }.map { String($0.split(separator: " ", maxSplits: 1)[1]) }
                shards.append(reports.path)
            }
            #expect(names.count == Self.bundled, "balanced: \(balanced)")
            #expect(Set(names.map { $0.components(separatedBy: "  ").first! }).count == Self.bundled, "no scenario runs twice")
            let merged = folder.appendingPathComponent("\(balanced)-merged").path
            let merge = try await SwitchboardProcess.run(["merge"] + shards + ["--reports", merged, "--scenarios", Self.scenarios.path])
            #expect(merge.status == 0, "\(merge.stderr)")
            #expect(merge.stdout.contains("\(Self.bundled) passed, 0 failed"))
            #expect(try Self.outcomes(inResultsOf: merged) == wholeResults, "the shards merged are the whole run, scenario for scenario")
            let journal = try String(contentsOfFile: merged + "/traffic.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(!journal.isEmpty && journal.allSatisfy { $0.hasPrefix(#"{"scenario":"shard"#) }, "the journals merged, labelled by shard")
            #expect(journal.filter { $0.contains(#""type":"result""#) }.count == Self.bundled)
        }
        let shard = { (index: Int) in folder.appendingPathComponent("false-shard-\(index)").path }
        let merged = folder.appendingPathComponent("merged").path
        let twice = try await SwitchboardProcess.run(["merge", shard(1), shard(2), shard(2), "--reports", merged])
        #expect(twice.status == 2 && twice.stderr.contains("shard 2/3 is given twice"), "\(twice.stderr)")
        #expect(twice.stderr.contains("is in \(shard(2)) and in \(shard(2))"), "its scenarios are named as doubled")
        let missing = try await SwitchboardProcess.run(["merge", shard(1), shard(3), "--reports", merged, "--scenarios", Self.scenarios.path])
        #expect(missing.status == 2 && missing.stderr.contains("shard(s) 2/3 missing") && missing.stderr.contains("is in no shard"),
                "\(missing.stderr)")
        let partial = try await SwitchboardProcess.run(["merge", shard(1), shard(3), "--reports", merged, "--scenarios", Self.scenarios.path,
                                                        "--partial"])
        #expect(partial.status == 0, "\(partial.stderr)")
        // Counted as text: the JUnit file is larger than the 64 kB a TwiML document may be.
        let junit = try String(contentsOfFile: folder.path + "/false-merged/junit.xml", encoding: .utf8)
        #expect(junit.components(separatedBy: "<testcase ").count - 1 == Self.bundled)
        let html = try String(contentsOfFile: folder.path + "/false-merged/report.html", encoding: .utf8)
        #expect(!html.contains("<summary>Exchanges (0)</summary>"), "every scenario's exchanges read back from its shard's journal")
        let withTraffic = try Self.outcomes(inResultsOf: folder.path + "/false-merged").filter { $0.webhooks > 0 }.count
        #expect(html.components(separatedBy: "<summary>Exchanges (").count - 1 == withTraffic)
        #expect(try await SwitchboardProcess.run(["run", "--shard", "4/3"]).status == 1)
        #expect(try await SwitchboardProcess.run(["merge", folder.path]).status == 2)
    }

    /// Each scenario of a reports folder's results.json: where it is, its name, how it ended.
    private struct Outcome: Hashable {
        let place: String
        let status: String
        let webhooks: Int
    }

    private static func outcomes(inResultsOf folder: String) throws -> Set<Outcome> {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/results.json"))) as? [String: Any]
        return Set(((json?["scenarios"] as? [[String: Any]]) ?? []).map { entry in
            Outcome(place: "\(entry["file"] ?? ""):\(entry["line"] ?? 0):\(entry["column"] ?? 0) \(entry["name"] ?? "")",
                    status: entry["status"] as? String ?? "", webhooks: entry["webhooks"] as? Int ?? 0)
        })
    }

    /// A 403 from the app: the failure's hint gives a `switchboard verify` command that, run
    /// with the app's token, tells a token mismatch from a URL mismatch.
    @Test func aForbiddenAnswerGetsAVerifyCommandThatWorks() async throws {
        let scenario = Self.repository.appendingPathComponent("Tests/FailureCorpus/app-answers-403.yaml").path
        let result = try await SwitchboardProcess.run(["run", scenario, "--no-reports", "--no-color"])
        #expect(result.status == 4)
        let hint = try #require(result.stdout.split(separator: "\n").first { $0.contains("hint: the app answered 403") })
        let command = try #require(hint.range(of: "TWILIO_AUTH_TOKEN=").map { String(hint[$0.lowerBound...]) })
        let binary = SwitchboardProcess.binary.path
        for (token, verdict, status) in [("switchboard-test-token", "valid", Int32(0)), ("the-apps-own-token", "invalid", 4)] {
            let filled = command.replacingOccurrences(of: "<the app's token>", with: token)
                .replacingOccurrences(of: " switchboard verify ", with: " \(binary) verify ")
            let verify = try await ChildProcess.run(URL(fileURLWithPath: "/bin/sh"), ["-c", filled])
            #expect(verify.status == status && verify.stdout.hasPrefix(verdict), "\(token): \(verify.stdout)\(verify.stderr)")
        }
    }

    @Test func dotReporter() async throws {
        let result = try await SwitchboardProcess.run(["run", "--no-reports", "--reporter", "dot", Self.scenarios.path])
        #expect(result.status == 0, "\(result.stdout)")
        // A dot per scenario (an s for one skipped), 80 to a line.
        let dots = result.stdout.prefix { $0 == "." || $0 == "s" || $0 == "\n" }
        #expect(dots.filter { $0 == "." || $0 == "s" }.count == Self.bundled)
        #expect(dots.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(try await SwitchboardProcess.run(["run", "--reporter", "fancy"]).status == 1)
    }

    @Test func anInterruptedRunLeavesValidReportsMarkedIncomplete() async throws {
        let folder = try copyOfScenarios(["_shared.yaml"])
        try FileManager.default.copyItem(at: Self.scenarios.appendingPathComponent("messaging/plain-text-reply.yaml"),
                                         to: folder.appendingPathComponent("a-quick.yaml"))
        try Data("""
        name: Slow
        timeouts: {read: 15s, total: 15s}
        functions: {/sms: {delay: 14s, twiml: "<Response/>"}}
        numbers: [{number: "+14155550100", sms_url: "{{functions}}/sms"}]
        steps: [{sms: {from: "+15558675310", to: "+14155550100", body: hi}}]
        """.utf8).write(to: folder.appendingPathComponent("b-slow.yaml"))
        try FileManager.default.copyItem(at: Self.scenarios.appendingPathComponent("messaging/get-webhook.yaml"),
                                         to: folder.appendingPathComponent("c-quick.yaml"))
        let reports = folder.appendingPathComponent("reports")
        let process = Process()
        process.executableURL = SwitchboardProcess.binary
        process.arguments = ["run", folder.path, "--jobs", "1", "--reports", reports.path]
        let output = Pipe()
        process.standardOutput = output
        let printed = Mutex("")
        let quickPassed = DispatchSemaphore(value: 0)
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            if printed.withLock({ printed in
                let before = printed.contains("✔")
                printed += chunk
                return !before && printed.contains("✔")
            }) { quickPassed.signal() }
        }
        defer { output.fileHandleForReading.readabilityHandler = nil }
        try process.run()
        // The quick scenario's line on the console: the slow one (one job) has started. Waited for
        // and answered on a thread of its own, so that a test pool busy with other tests cannot
        // delay the signal until the slow scenario is over.
        let pid = process.processIdentifier
        await withCheckedContinuation { (signalled: CheckedContinuation<Void, Never>) in
            Thread {
                _ = quickPassed.wait(timeout: .now() + 20)
                usleep(300_000)
                kill(pid, SIGTERM)
                signalled.resume()
            }.start()
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationStatus == 143)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("results.json"))) as? [String: Any]
        #expect(json?["incomplete"] as? Bool == true)
        #expect(json?["notRun"] as? Int == 2)
        #expect((json?["summary"] as? [String: Int])?["passed"] == 1)
        let junit = try TwiMLDocument.parse(Array(try Data(contentsOf: reports.appendingPathComponent("junit.xml")))).get()
        #expect(try junit.xpath("string(//error[@type='interrupted']/@message)").text.contains("2 scenario(s) did not run"))
        #expect(try String(contentsOf: reports.appendingPathComponent("report.html"), encoding: .utf8).contains("Incomplete run"))
    }

    /// Copies bundled scenarios into a fresh folder: `name` is under Scenarios/messaging, or a
    /// path under Scenarios/ (`proxy/ttl-expiry.yaml`).
    private func copyOfScenarios(_ names: [String]) throws -> URL {
        let folder = Scratch.path("run")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            let source = Self.scenarios.appendingPathComponent(name.contains("/") ? name : "messaging/" + name)
            try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(source.lastPathComponent))
        }
        return folder
    }
}

/// The terminal conventions: `--color`, `NO_COLOR` (only when not empty), `FORCE_COLOR`,
/// counts in words and colours that mean something, completion of option values.
@Suite struct TerminalConventionTests {
    private func run(_ environment: [String], _ arguments: [String]) async throws -> ChildProcess.Output {
        try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                   ["-u", "CI", "-u", "NO_COLOR", "-u", "FORCE_COLOR"] + environment + [SwitchboardProcess.binary.path] + arguments)
    }

    @Test func colourFollowsTheFlagAndTheEnvironment() async throws {
        let scenario = RunCommandTests.scenarios.appendingPathComponent("messaging/auto-reply.yaml").path
        let arguments = ["run", scenario, "--no-reports"]
        func coloured(_ environment: [String], _ extra: [String] = []) async throws -> Bool {
            try await run(environment, arguments + extra).stdout.contains("\u{1B}[")
        }
        #expect(try await !coloured([]), "a pipe gets no colour")
        #expect(try await coloured(["FORCE_COLOR=1"]))
        #expect(try await !coloured(["FORCE_COLOR=0"]))
        #expect(try await !coloured(["FORCE_COLOR=1", "NO_COLOR=1"]), "NO_COLOR wins over FORCE_COLOR")
        #expect(try await coloured(["FORCE_COLOR=1", "NO_COLOR="]), "an empty NO_COLOR does not count")
        #expect(try await coloured([], ["--color", "always"]))
        #expect(try await !coloured(["FORCE_COLOR=1"], ["--color", "never"]))
        #expect(try await !coloured(["FORCE_COLOR=1"], ["--no-color"]))
        let passed = try await run([], arguments + ["--color", "always"]).stdout
        #expect(passed.contains("\u{1B}[32m1 passed\u{1B}[0m, 0 failed"), "a zero count is never red: \(passed)")
    }

    @Test func countsAreWordsAndValuesComplete() async throws {
        let result = try await run([], ["run", RunCommandTests.scenarios.path, "--no-reports"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasSuffix(" 1 webhook") } && !lines.contains { $0.hasSuffix(" 1 webhooks") }, "\(result.stdout)")
        let script = try await run([], ["--generate-completion-script", "bash"]).stdout
        #expect(script.contains("'html'$'\\n''junit'") && script.contains("'failed'$'\\n''all'$'\\n''none'")
                && script.contains("'auto'$'\\n''always'$'\\n''never'"), "the values of --reporter, --traffic-files and --color complete")
        let help = try await run([], ["run", "--help"]).stdout
        #expect(!help.contains("(default: Scenarios). (default: Scenarios)") && help.contains("(default: Scenarios)"))
    }
}
