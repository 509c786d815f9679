import Foundation
import Testing

/// `switchboard twiml lint|query` and the root command, run as a process.
@Suite struct TwiMLCommandTests {
    @Test func lintPrintsFileLineColumnAndExitsZeroOnWarnings() async throws {
        let path = try SwitchboardProcess.temporaryFile("<Response>\n  <Gather numdigits=\"3\"/>\n</Response>\n")
        let result = try await SwitchboardProcess.run(["twiml", "lint", "--voice", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(path):2:11: warning 12200: unknown attribute 'numdigits'"))
    }

    @Test func strictTurnsWarningsIntoErrors() async throws {
        let path = try SwitchboardProcess.temporaryFile("<Response><Gather numdigits=\"3\"/></Response>")
        let result = try await SwitchboardProcess.run(["twiml", "lint", "--strict", path])
        #expect(result.status == 4)
        #expect(result.stdout.contains(": error 12200:"))
    }

    @Test func malformedXMLExitsFour() async throws {
        let result = try await SwitchboardProcess.run(["twiml", "lint", "-"], stdin: "<Response><Say>hi</Response>")
        #expect(result.status == 4)
        #expect(result.stdout.hasPrefix("<stdin>:1:"))
        #expect(result.stdout.contains("error 12100"))
    }

    @Test func messagingFlagReports14110() async throws {
        let result = try await SwitchboardProcess.run(["twiml", "lint", "--messaging", "-"], stdin: "<Response><Say>hi</Say></Response>")
        #expect(result.status == 0)
        #expect(result.stdout == "<stdin>:1:11: warning 14110: <Say> is not allowed in <Response>; valid verbs are Message, Sms and Redirect\n")
    }

    @Test func unreadableFileExitsTwoAndOtherFilesStillLint() async throws {
        let good = try SwitchboardProcess.temporaryFile("<Response><Say>hi</Say><Bogus/></Response>")
        let result = try await SwitchboardProcess.run(["twiml", "lint", "/nonexistent/file.xml", good])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/file.xml: error: cannot read file: no such file"))
        #expect(result.stdout.contains("unknown element <Bogus>"))
    }

    @Test func hostileDocumentIsRefusedCleanly() async throws {
        let result = try await SwitchboardProcess.run(["twiml", "lint", "-"], stdin: """
        <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Response><Say>&x;</Say></Response>
        """)
        #expect(result.status == 4)
        #expect(result.stdout.contains("DOCTYPE is not allowed"))
        #expect(!result.stdout.contains("root:"))
    }

    @Test func queryPrintsMatchesAndValues() async throws {
        let path = try SwitchboardProcess.temporaryFile("<Response><Gather action=\"/menu\"><Say>One</Say><Say>Two</Say></Gather></Response>")
        let says = try await SwitchboardProcess.run(["twiml", "query", "//Say", path])
        #expect(says.status == 0)
        #expect(says.stdout == "<Say>One</Say>\n<Say>Two</Say>\n")
        #expect(try await SwitchboardProcess.run(["twiml", "query", "//Gather/@action", path]).stdout == "/menu\n")
        #expect(try await SwitchboardProcess.run(["twiml", "query", "count(//Say)", path]).stdout == "2\n")
        #expect(try await SwitchboardProcess.run(["twiml", "query", "//Hangup", path]).status == 4)
        let invalid = try await SwitchboardProcess.run(["twiml", "query", "//Say[", path])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("invalid expression"))
    }

    @Test func versionHelpAndUsage() async throws {
        let version = try await SwitchboardProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        #expect(try await SwitchboardProcess.run(["--help"]).status == 0)
        let usage = try await SwitchboardProcess.run(["twiml", "lint", "--messaging", "--voice", "x.xml"])
        #expect(usage.status == 1)
        #expect(usage.stderr.contains("choose one of --messaging and --voice"))
        #expect(try await SwitchboardProcess.run(["no-such-command"]).status == 1)
    }
}
