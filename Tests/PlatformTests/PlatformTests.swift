import Foundation
import Platform
import Testing

@Suite struct SIDTests {
    @Test func wordScanAgreesWithAByteByByteLook() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x01, 0x0A, 0x1F, 0x20, 0x22, 0x3C, 0x5C, 0x7F, 0x80, 0xC2, 0xE2, 0xFF, 0x41]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in Bool.random(using: &generator) ? interesting.randomElement(using: &generator)! : UInt8.random(in: 0x20...0x7E, using: &generator) }
            let word = bytes.withUnsafeBufferPointer { WordScan.word(at: $0.baseAddress!) }
            for byte in [UInt8(0x0A), 0x22, 0x3C, 0x5C, 0xE2] {
                #expect(WordScan.contains(byte, in: word) == bytes.contains(byte), "\(bytes) \(byte)")
            }
            #expect(WordScan.containsByte(below: 0x20, in: word) == bytes.contains { $0 < 0x20 }, "\(bytes)")
        }
    }

    /// Escaped text reads back as the original, the characters XML forbids as U+FFFD, whatever
    /// falls where in the eight-byte steps of the check.
    @Test func markupEscapesWhatMarkupCannotHoldAndKeepsTheRest() {
        let pieces = ["a", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\u{1}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}", "ｱ", "€", "日本",
                      "😀", "plain text "]
        let forbidden: Set<Unicode.Scalar> = ["\u{1}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let escaped = Markup.escape(text)
            #expect(!escaped.contains { "<>\"'".contains($0) })
            let unescaped = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            var expected = String.UnicodeScalarView()
            for scalar in text.unicodeScalars { expected.append(forbidden.contains(scalar) ? "\u{FFFD}" : scalar) }
            #expect(unescaped == String(expected), "\(text.debugDescription)")
        }
    }

    @Test func decimalsAreWrittenAsPrintfWritesThem() {
        #expect(Decimals.format(12.3456, digits: 3) == "12.346")
        #expect(Decimals.format(0.0004, digits: 3) == "0.000")
        #expect(Decimals.format(-0.25, digits: 3) == "-0.250")
        #expect(Decimals.format(-0.0001, digits: 2) == "0.00")
        #expect(Decimals.format(3_600.1, digits: 1) == "3600.1")
        #expect(Decimals.format(7.6, digits: 0) == "8" && Decimals.format(0, digits: 0) == "0")
        #expect(Decimals.format(1_234_567.891, digits: 2) == "1234567.89" && Decimals.format(-1e6, digits: 1) == "-1000000.0")
        #expect(Decimals.format(.infinity, digits: 3) == "0.000" && Decimals.format(.nan, digits: 2) == "0.00")
        for numerator in stride(from: 0, to: 100_000, by: 37) {  // sevenths are never halfway between two decimals
            let value = Double(numerator) / 7
            #expect(Decimals.format(value, digits: 3) == String(format: "%.3f", value))
        }
    }

    @Test func seededGeneratorsAreDeterministicAndDistinct() {
        var first = SIDGenerator(seed: 42)
        var second = SIDGenerator(seed: 42)
        var other = SIDGenerator(seed: 43)
        let a = (0..<5).map { _ in first.next(.message) }
        let b = (0..<5).map { _ in second.next(.message) }
        let c = (0..<5).map { _ in other.next(.message) }
        #expect(a == b)
        #expect(a != c)
        #expect(Set(a).count == 5)
        #expect(a.allSatisfy { $0.description.count == 34 && $0.description.hasPrefix("SM") })
    }

    @Test func streamsDependOnTheirName() {
        var one = SIDGenerator(seed: 1, stream: "scenario-a")
        var two = SIDGenerator(seed: 1, stream: "scenario-b")
        var again = SIDGenerator(seed: 1, stream: "scenario-a")
        let sid = one.next(.call)
        #expect(sid == again.next(.call))
        #expect(sid != two.next(.call))
    }

    @Test func parsing() {
        #expect(SID("AC0123456789abcdef0123456789ABCDEF")?.prefix == .account)
        #expect(SID("AC0123456789abcdef0123456789ABCDEF")?.hex == "0123456789abcdef0123456789abcdef")
        #expect(SID("XX0123456789abcdef0123456789abcdef") == nil)
        #expect(SID("AC0123") == nil)
        #expect(SID("AC0123456789abcdef0123456789abcdeg") == nil)
    }
}

@Suite struct PhoneNumberTests {
    @Test func e164CountriesAndAreaCodes() {
        let us = PhoneNumber("+1 (415) 555-0100")
        #expect(us?.description == "+14155550100")
        #expect(us?.isoCountry == "US")
        #expect(us?.areaCode == "415")
        #expect(PhoneNumber("+14165550100")?.isoCountry == "CA")
        #expect(PhoneNumber("+447700900123")?.isoCountry == "GB")
        #expect(PhoneNumber("+447700900123")?.areaCode == nil)
        #expect(PhoneNumber("+353861234567")?.callingCode == "353")
        #expect(PhoneNumber("+353861234567")?.isoCountry == "IE")
    }

    @Test func whatIsNotE164IsRefused() {
        for text in ["14155550100", "+1415555", "+1234567890123456", "+04155550100", "++14155550100", "+1415+5550100",
                     "+1415555010a", "+1415555010\u{0661}", "", "+"] {
            #expect(PhoneNumber(text) == nil, "\(text)")
        }
        #expect(PhoneNumber("+12345678")?.description == "+12345678")
        #expect(PhoneNumber("+123456789012345")?.digits.count == 15)
    }

    /// State from the area code, a city only where the whole code is one, nothing outside the
    /// plan or for the codes several provinces share.
    @Test func northAmericanGeography() {
        #expect(PhoneNumber("+14155550100")?.state == "CA")
        #expect(PhoneNumber("+14155550100")?.city == nil)
        #expect(PhoneNumber("+12125550100")?.state == "NY")
        #expect(PhoneNumber("+12125550100")?.city == "NEW YORK")
        #expect(PhoneNumber("+12025550100")?.state == "DC")
        #expect(PhoneNumber("+16045550100")?.state == "BC")
        #expect(PhoneNumber("+19025550100")?.state == nil)
        #expect(PhoneNumber("+15558675310")?.state == nil)
        #expect(PhoneNumber("+447700900123")?.state == nil)
    }

    @Test func rejectsWhatIsNotE164() {
        #expect(PhoneNumber("4155550100") == nil)
        #expect(PhoneNumber("+0123456789") == nil)
        #expect(PhoneNumber("+1234") == nil)
        #expect(PhoneNumber("+1415555010a") == nil)
        #expect(PhoneNumber("+1234567890123456") == nil)
    }
}

@Suite struct ErrorCatalogueTests {
    @Test func everyReferenceCodeHasItsMessage() {
        #expect(TwilioErrorCode(11200).message == "HTTP retrieval failure")
        #expect(TwilioErrorCode(14110).message == "Invalid verb for SMS reply")
        #expect(TwilioErrorCode(80913).isKnown)
        for code in [11100, 11205, 11206, 11210, 11215, 11217, 11220, 11243, 11750, 12100, 12200, 12300, 14107, 30008, 80208] {
            #expect(TwilioErrorCode(code).isKnown, "\(code)")
        }
        #expect(!TwilioErrorCode(99999).isKnown)
        #expect(TwilioErrorCode(99999).message == "Twilio error 99999")
    }
}
