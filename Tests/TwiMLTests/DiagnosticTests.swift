import Testing
import TwiML

/// Hand-written invalid documents give exactly the expected codes, severities and positions.
@Suite struct DiagnosticTests {
    func lint(_ text: String, as dialect: Dialect) -> [String] {
        switch TwiMLDocument.parse(text) {
        case .failure(let error): return error.diagnostics.map { "\($0.line):\($0.column) \($0.severity.rawValue) \($0.code.code)" }
        case .success(let document): return document.diagnostics(as: dialect).map { "\($0.line):\($0.column) \($0.severity.rawValue) \($0.code.code)" }
        }
    }

    @Test func miscasedAttributeIsReportedWithItsPositionAndSuggestion() throws {
        let text = "<Response>\n  <Gather numdigits=\"3\"><Say>Hi</Say></Gather>\n</Response>"
        let document = try TwiMLDocument.parse(text).get()
        let diagnostics = document.diagnostics(as: .voice)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].code.code == 12200)
        #expect(diagnostics[0].severity == .warning)
        #expect(diagnostics[0].line == 2 && diagnostics[0].column == 11)
        #expect(diagnostics[0].message.contains("did you mean 'numDigits'"))
    }

    @Test func unknownVerbMiscasedVerbAndMisplacedNoun() {
        let text = """
        <Response>
          <say>Hello</say>
          <Number>+14155550100</Number>
          <Gather><Dial>+14155550100</Dial></Gather>
          <Shout>Hi</Shout>
        </Response>
        """
        #expect(lint(text, as: .voice) == ["2:3 warning 12200", "3:3 warning 12200", "4:11 warning 12200", "5:3 warning 12200"])
    }

    @Test func badAttributeValues() {
        let text = "<Response><Gather timeout=\"soon\" input=\"dtmf voice\" finishOnKey=\"x\"/><Reject reason=\"nope\"/></Response>"
        #expect(lint(text, as: .voice) == ["1:19 warning 12200", "1:34 warning 12200", "1:53 warning 12200",
                                          "1:70 warning 12200", "1:78 warning 12200"])
    }

    @Test func messagingReplyWithVoiceVerbs() {
        let text = "<Response>\n<Message>ok</Message>\n<Say>no</Say>\n<Play>x</Play>\n</Response>"
        #expect(lint(text, as: .messaging) == ["3:1 warning 14110", "4:1 warning 14110"])
    }

    @Test func emptyMessageAndTextWhereNoneBelongs() {
        let text = "<Response><Message/><Redirect method=\"PUT\">/x</Redirect></Response>"
        #expect(lint(text, as: .messaging) == ["1:11 warning 14103", "1:31 warning 12200"])
        #expect(lint("<Response><Hangup>now</Hangup></Response>", as: .voice) == ["1:11 warning 12200"])
    }

    @Test func wrongRootIsAParseFailure() {
        #expect(lint("<Reply><Message>hi</Message></Reply>", as: .messaging) == ["1:1 error 12100"])
    }

    @Test func malformedXMLGivesEveryErrorWithLineAndColumn() throws {
        let text = "<Response>\n  <Say>unclosed\n  <Play>x</Play>\n</Response"
        let error = try #require(TwiMLDocument.parse(text).failure)
        #expect(!error.diagnostics.isEmpty)
        #expect(error.diagnostics.allSatisfy { $0.code.code == 12100 && $0.severity == .error && $0.line >= 1 && $0.column >= 1 })
        #expect(error.diagnostics.first?.line == 4)
    }

    @Test func unescapedAmpersand() throws {
        let error = try #require(TwiMLDocument.parse("<Response><Say>Tom & Jerry</Say></Response>").failure)
        #expect(error.diagnostics.first?.line == 1)
        #expect(error.diagnostics.first?.column == 21)
        #expect(error.diagnostics.first?.message.contains("EntityRef") == true)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = "<Response><Say>é✓</Say><Pause lenght=\"2\"/></Response>"
        let diagnostics = try TwiMLDocument.parse(text).get().diagnostics(as: .voice)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["1:31"])
        #expect(diagnostics.first?.message.contains("did you mean 'length'") == true)
    }

    @Test func commentsDoNotConfusePositions() throws {
        let text = "<Response><!-- <Say foo=\"1\"> --><Say foo=\"1\">hi</Say></Response>"
        let diagnostics = try TwiMLDocument.parse(text).get().diagnostics(as: .voice)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["1:38"])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
