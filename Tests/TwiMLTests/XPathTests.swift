import Testing
import TwiML

@Suite struct XPathTests {
    let document = try! TwiMLDocument.parse("""
    <Response>
      <Gather numDigits="1" action="/menu"><Say>Press 1</Say><Say>Press 2</Say></Gather>
      <Redirect>/again</Redirect>
    </Response>
    """).get()

    @Test func nodesStringsNumbersAndBooleans() throws {
        guard case .nodes(let says) = try document.xpath("//Gather/Say") else { Issue.record("nodes"); return }
        #expect(says.map(\.value) == ["Press 1", "Press 2"])
        #expect(says.first?.line == 2)
        #expect(says.first?.xml == "<Say>Press 1</Say>")
        #expect(try document.xpath("//Gather/@action").text == "/menu")
        #expect(try document.xpath("count(//Say)") == .number(2))
        #expect(try document.xpath("count(//Say)").text == "2")
        #expect(try document.xpath("string(/Response/Redirect)") == .string("/again"))
        #expect(try document.xpath("boolean(//Hangup)") == .boolean(false))
        #expect(try document.xpath("//Hangup").isTruthy == false)
    }

    @Test func invalidExpressionsThrowWithLibxml2sMessage() {
        do {
            _ = try document.xpath("//Gather[")
            Issue.record("expected an error")
        } catch {
            #expect(error.messages.contains { $0.contains("invalid expression") })
        }
        #expect(throws: XPathError.self) { try document.xpath("nosuchfunction(1)") }
    }
}
