import Simulator
import Testing

@Suite struct SegmentsTests {
    @Test func gsm7Boundaries() {
        #expect(Segments.count(String(repeating: "a", count: 160)) == 1)
        #expect(Segments.count(String(repeating: "a", count: 161)) == 2)
        #expect(Segments.count(String(repeating: "a", count: 306)) == 2)
        #expect(Segments.count(String(repeating: "a", count: 307)) == 3)
        #expect(Segments.encoding(of: "Hello @ £5 €") == .gsm7)
        #expect(Segments.count(String(repeating: "€", count: 80)) == 1, "extension characters cost two septets")
        #expect(Segments.count(String(repeating: "€", count: 81)) == 2)
    }

    @Test func ucs2Boundaries() {
        #expect(Segments.encoding(of: "Thanks 🎉") == .ucs2)
        #expect(Segments.count(String(repeating: "ж", count: 70)) == 1)
        #expect(Segments.count(String(repeating: "ж", count: 71)) == 2)
        #expect(Segments.count(String(repeating: "ж", count: 134)) == 2)
        #expect(Segments.count(String(repeating: "ж", count: 135)) == 3)
        #expect(Segments.count(String(repeating: "🎉", count: 35)) == 1, "astral characters are two UTF-16 units")
        #expect(Segments.count(String(repeating: "🎉", count: 36)) == 2)
    }

    @Test func smartEncodingReplacesLookAlikes() {
        let text = "“Quoted” — it’s… fine"
        #expect(Segments.encoding(of: text) == .ucs2)
        #expect(Segments.smartEncoded(text) == "\"Quoted\" - it's... fine")
        #expect(Segments.encoding(of: Segments.smartEncoded(text)) == .gsm7)
    }
}
