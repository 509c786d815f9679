/// An E.164 telephone number (`+` followed by 8 to 15 digits), with the country it belongs to
/// and, in the North American Numbering Plan, its area code.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The digits after the `+`.
    public let digits: String

    public var description: String { "+" + digits }

    /// The ITU country calling code (`1`, `44`, `353` …), if it is one the catalogue knows.
    public var callingCode: String? { CallingCodes.match(digits)?.code }

    /// The ISO 3166 country, if the catalogue knows it (`US`, `CA`, `GB` …). For `+1`, Canada is
    /// recognised by its area codes; the rest of the plan reads as `US`.
    public var isoCountry: String? {
        guard let match = CallingCodes.match(digits) else { return nil }
        if match.code == "1", let area = areaCode, CallingCodes.canadianAreaCodes.contains(area) {
            return "CA"
        }
        return match.country
    }

    /// The three-digit area code of a North American number, nil elsewhere.
    public var areaCode: String? {
        guard digits.first == "1", digits.count == 11 else { return nil }
        return String(digits.dropFirst().prefix(3))
    }

    /// The state or province of a North American number (`CA`, `ON` …), from its area code; nil
    /// elsewhere, and for the codes several provinces share.
    public var state: String? { areaCode.flatMap { AreaCodes.regions[$0]?.state } }

    /// The city of a North American number whose whole area code is one city (`NEW YORK` for 212),
    /// upper-cased as the platform sends it; nil otherwise.
    public var city: String? { areaCode.flatMap { AreaCodes.regions[$0]?.city } }

    /// Parses `+14155550100`. Spaces, dashes, dots and brackets are tolerated and dropped.
    public init?(_ text: String) {
        // On the bytes: numbers are read for every message and webhook.
        var digits: [UInt8] = []
        var plus = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"):
                continue
            case UInt8(ascii: "+") where !plus:
                plus = true
            case UInt8(ascii: "0")...UInt8(ascii: "9") where plus && digits.count < 15:
                digits.append(byte)
            default:
                return nil
            }
        }
        guard digits.count >= 8, digits.first != UInt8(ascii: "0") else { return nil }
        self.digits = String(decoding: digits, as: UTF8.self)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = PhoneNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an E.164 number: \(text)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
