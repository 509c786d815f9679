import Foundation
import Testing
import TwiML

/// Hostile bodies are refused or left unexpanded, quickly, without memory growth or crashes.
@Suite struct HostileInputTests {
    static let billionLaughs = """
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    <Response><Say>&lol9;</Say></Response>
    """

    static let externalEntity = """
    <?xml version="1.0"?>
    <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
    <Response><Say>&xxe;</Say></Response>
    """

    static let externalDTD = """
    <?xml version="1.0"?>
    <!DOCTYPE Response SYSTEM "http://127.0.0.1:9/evil.dtd">
    <Response><Say>hi</Say></Response>
    """

    /// One 30 kB entity referenced 3,000 times: 90 MB if anything ever expanded it.
    static let quadraticBlowUp: String = {
        let entity = String(repeating: "A", count: 30_000)
        let references = String(repeating: "&a;", count: 3_000)
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"\(entity)\">]><Response><Say>\(references)</Say></Response>"
    }()

    static let payloads: [(String, [UInt8])] = [
        ("billion laughs", Array(billionLaughs.utf8)),
        ("external entity", Array(externalEntity.utf8)),
        ("external DTD", Array(externalDTD.utf8)),
        ("quadratic blow-up", Array(quadraticBlowUp.utf8)),
        ("deep nesting", Array((String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)).utf8)),
        ("deep nesting within 64 kB", Array((String(repeating: "<a>", count: 8_000) + String(repeating: "</a>", count: 8_000)).utf8)),
        ("invalid UTF-8", Array("<Response><Say>".utf8) + [0xFF, 0xFE, 0xC3, 0x28] + Array("</Say></Response>".utf8)),
        ("oversized", Array(("<Response><Say>" + String(repeating: "x", count: 70_000) + "</Say></Response>").utf8)),
    ]

    @Test func doctypesAreRefusedBeforeTheirSubsetIsRead() throws {
        for text in [Self.billionLaughs, Self.externalEntity, Self.externalDTD, Self.quadraticBlowUp] {
            let error = try #require(TwiMLDocument.parse(text).failure)
            #expect(error.diagnostics.map(\.code.code) == [12100])
            #expect(error.diagnostics[0].message.contains("DOCTYPE"))
            #expect(error.diagnostics[0].line >= 1)
        }
    }

    @Test func passwdNeverAppearsInAnyOutput() throws {
        let error = try #require(TwiMLDocument.parse(Self.externalEntity).failure)
        #expect(!error.description.contains("root:"))
    }

    @Test func deepNestingGetsAClearDiagnostic() throws {
        // 100,000 levels cannot fit in 64 kB: refused by size before libxml2 sees a byte.
        let huge = try #require(TwiMLDocument.parse(Self.payloads[4].1).failure)
        #expect(huge.diagnostics.map(\.code.code) == [11750])
        // 8,000 levels do fit: libxml2's depth limit stops the parse with a clear message.
        let deep = Array((String(repeating: "<a>", count: 8_000) + String(repeating: "</a>", count: 8_000)).utf8)
        let error = try #require(TwiMLDocument.parse(deep).failure)
        #expect(error.diagnostics.first?.code.code == 12100)
        #expect(error.diagnostics.first?.message.contains("depth") == true)
    }

    @Test func invalidUTF8GetsAClearDiagnostic() throws {
        let error = try #require(TwiMLDocument.parse(Self.payloads[6].1).failure)
        #expect(error.diagnostics.first?.code.code == 12100)
        #expect(error.diagnostics.first?.message.contains("UTF-8") == true)
        #expect(error.diagnostics.first?.line == 1)
    }

    @Test func bodiesOver64KBAreRefusedWith11750() throws {
        let error = try #require(TwiMLDocument.parse(Self.payloads[7].1).failure)
        #expect(error.diagnostics.map(\.code.code) == [11750])
        let limit = Array(("<Response><Say>" + String(repeating: "x", count: 65_536 - 32) + "</Say></Response>").utf8)
        #expect(limit.count == 65_536)
        #expect(throws: Never.self) { try TwiMLDocument.parse(limit).get() }
    }

    /// The bound: each hostile payload is dealt with in under 100 ms.
    @Test func eachHostilePayloadIsRefusedQuickly() {
        for (name, bytes) in Self.payloads {
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = TwiMLDocument.parse(bytes) }
            #expect(elapsed < .milliseconds(100), "\(name) took \(elapsed)")
        }
    }

    @Test func repeatedHostileParsesDoNotGrowMemory() {
        for (_, bytes) in Self.payloads { _ = TwiMLDocument.parse(bytes) }
        let before = residentMegabytes()
        for _ in 0..<50 {
            for (_, bytes) in Self.payloads { _ = TwiMLDocument.parse(bytes) }
        }
        let growth = residentMegabytes() - before
        #expect(growth < 16, "resident memory grew by \(growth) MB over 400 hostile parses")
    }

    func residentMegabytes() -> Double {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = Double(statm.split(separator: " ")[1]) else { return 0 }
        return pages * 4096 / 1_048_576
    }
}
