import CLibXML2
import Platform
import TwiML

/// Parse + validate throughput for a typical and a large document, beside raw libxml2 parsing
/// of the same bytes in the same run; then the time and memory hostile payloads cost.
enum TwiMLBenchmark {
    static let typical = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Response>
      <Gather input="dtmf speech" action="/ivr/menu" method="POST" timeout="5" numDigits="1" hints="sales, support">
        <Say voice="Polly.Joanna" language="en-US">Welcome to Example Corp. For sales, press 1 or say sales.</Say>
        <Say voice="Polly.Joanna">For support, press 2 or say support. For billing, press 3.</Say>
        <Pause length="1"/>
      </Gather>
      <Say>We did not receive any input. Goodbye.</Say>
      <Redirect method="POST">/ivr/welcome</Redirect>
    </Response>
    """

    static let large: String = {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response>\n"
        var index = 0
        while body.utf8.count < 60_000 {
            body += "  <Say voice=\"alice\" language=\"en-US\" loop=\"1\">Announcement number \(index) for the large document benchmark.</Say>\n"
            body += "  <Play loop=\"2\">https://example.com/audio/\(index).mp3</Play>\n"
            index += 1
        }
        return body + "</Response>\n"
    }()

    static func run() async throws {
        print("== twiml: parse + validate vs raw libxml2 (same bytes, same run)")
        for (name, text) in [("typical", typical), ("large", large)] {
            let bytes = Array(text.utf8)
            let raw = rate { rawParse(bytes) }
            let full = rate {
                if case .success(let document) = TwiMLDocument.parse(bytes) { _ = document.diagnostics(as: .voice) }
            }
            let megabytes = Double(bytes.count) / 1_048_576
            print("\(name) (\(bytes.count) bytes): raw libxml2 \(format(raw)) docs/s (\(format(raw * megabytes, 1)) MB/s); "
                + "parse+validate \(format(full)) docs/s (\(format(full * megabytes, 1)) MB/s); ratio \(format(full / raw, 2))")
        }
        hostile()
    }

    /// libxml2 alone with the same safe options, freeing the tree: the baseline.
    static func rawParse(_ bytes: [UInt8]) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let document = xmlReadMemory(chars.baseAddress, Int32(chars.count), nil, nil, options) {
                    xmlFreeDoc(document)
                }
            }
        }
    }

    static func hostile() {
        let entity = String(repeating: "A", count: 30_000)
        let payloads: [(String, [UInt8])] = [
            ("billion laughs", Array("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Response><Say>&c;</Say></Response>".utf8)),
            ("xxe", Array("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><Say>&x;</Say></Response>".utf8)),
            ("quadratic", Array("<!DOCTYPE r [<!ENTITY a \"\(entity)\">]><Response><Say>\(String(repeating: "&a;", count: 3_000))</Say></Response>".utf8)),
            ("8000 levels", Array((String(repeating: "<a>", count: 8_000) + String(repeating: "</a>", count: 8_000)).utf8)),
            ("100000 levels", Array((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8)),
            ("invalid UTF-8", Array("<Response><Say>".utf8) + [0xFF, 0xFE] + Array("</Say></Response>".utf8)),
        ]
        print("== twiml: hostile payloads (1,000 parses each)")
        for (name, bytes) in payloads {
            let before = residentMegabytes()
            let elapsed = ContinuousClock().measure { for _ in 0..<1_000 { _ = TwiMLDocument.parse(bytes) } }
            let perParse = elapsed.inSeconds * 1000 / 1_000
            print("\(name): \(format(perParse, 3)) ms per parse, resident memory change \(format(residentMegabytes() - before, 1)) MB")
        }
    }
}
