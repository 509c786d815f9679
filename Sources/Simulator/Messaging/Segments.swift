/// SMS segment counting (GSM 03.38): GSM-7 text is 160 septets in one segment, 153 per
/// segment when split; anything outside GSM-7 is UCS-2, 70 units in one, 67 per segment.
/// Extension-table characters cost two septets.
public enum Segments {
    /// The encoding a body travels in.
    public enum Encoding: String, Sendable {
        case gsm7 = "GSM-7"
        case ucs2 = "UCS-2"
    }

    static let basic: Set<Character> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    static let extended: Set<Character> = Set("^{}\\[~]|€\u{0C}")

    public static func encoding(of body: String) -> Encoding {
        body.allSatisfy { basic.contains($0) || extended.contains($0) } ? .gsm7 : .ucs2
    }

    /// How many segments `body` takes.
    public static func count(_ body: String) -> Int {
        switch encoding(of: body) {
        case .gsm7:
            let septets = body.reduce(0) { $0 + (extended.contains($1) ? 2 : 1) }
            return septets <= 160 ? 1 : (septets + 152) / 153
        case .ucs2:
            let units = body.utf16.count
            return units <= 70 ? 1 : (units + 66) / 67
        }
    }

    /// Smart encoding: Unicode look-alikes replaced by their GSM-7 counterparts, as a Messaging
    /// Service with `smart_encoding` does before counting and sending.
    public static func smartEncoded(_ body: String) -> String {
        var result = ""
        for character in body {
            if let replacement = smartReplacements[character] { result += replacement } else { result.append(character) }
        }
        return result
    }

    static let smartReplacements: [Character: String] = [
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{00AB}": "\"", "\u{00BB}": "\"",
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{2039}": "'", "\u{203A}": "'", "\u{02BC}": "'",
        "\u{2013}": "-", "\u{2014}": "-", "\u{2012}": "-", "\u{2010}": "-", "\u{2212}": "-",
        "\u{2026}": "...", "\u{00A0}": " ", "\u{2002}": " ", "\u{2003}": " ", "\u{2009}": " ", "\u{200B}": "",
        "\u{2022}": "-", "\u{00B7}": "-", "\u{02C6}": "^", "\u{02DC}": "~", "\u{FF0C}": ",",
    ]
}
