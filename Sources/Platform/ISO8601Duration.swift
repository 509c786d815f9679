/// ISO 8601 durations as the platform takes them (`PT5M`, `PT1H30M`, `P1D`): days, hours,
/// minutes and seconds; years, months and weeks have no fixed length and are refused.
public enum ISO8601Duration {
    /// The duration in seconds, or nil when the text is not one.
    public static func seconds(_ text: String) -> Double? {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P"), rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var total = 0.0
        var inTime = false
        var number = ""
        var sawUnit = false
        for character in rest {
            switch character {
            case "T":
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
            case "0"..."9", ".":
                number.append(character)
            case "D", "H", "M", "S":
                guard let value = Double(number), character == "D" ? !inTime : inTime else { return nil }
                total += value * (character == "D" ? 86_400 : character == "H" ? 3_600 : character == "M" ? 60 : 1)
                number = ""
                sawUnit = true
            default:
                return nil
            }
        }
        return sawUnit && number.isEmpty ? total : nil
    }
}
