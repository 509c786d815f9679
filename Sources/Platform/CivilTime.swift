/// Calendar arithmetic for virtual timestamps (UTC), without Foundation's formatters, which are
/// costly to create and not safe to share between tasks.
public enum CivilTime {
    /// `2026-01-01T00:00:03.250Z`: ISO 8601 in UTC with milliseconds.
    public static func iso8601(_ time: Double) -> String {
        let (year, month, day, hour, minute) = components(time)
        let milliseconds = Int(((time - time.rounded(.down)) * 1000).rounded())
        let second = Int(time.rounded(.down)) % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let fraction = milliseconds < 10 ? "00\(milliseconds)" : milliseconds < 100 ? "0\(milliseconds)" : String(min(milliseconds, 999))
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second < 0 ? second + 60 : second)).\(fraction)Z"
    }

    /// `2026-01-01T00:00:03Z`: ISO 8601 in UTC to the second, as the v1 REST APIs write dates.
    public static func iso8601Seconds(_ time: Double) -> String {
        let (year, month, day, hour, minute) = components(time)
        let second = ((Int(time.rounded(.down)) % 60) + 60) % 60
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))Z"
    }

    /// Seconds since 1970 of `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SSZ` (fractions and a `+HH:MM`
    /// offset allowed) or `YYYY-MM-DD HH:MM:SS`; nil for anything else.
    public static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), bytes.count >= 10, bytes[4] == 45, let month = number(5, 2), bytes[7] == 45,
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysSince1970(year: year, month: month, day: day) * 86_400)
        guard bytes.count > 10 else { return seconds }
        guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 32, let hour = number(11, 2), bytes[13] == 58,
              let minute = number(14, 2), bytes[16] == 58, let second = number(17, 2), hour < 24, minute < 60, second < 61 else { return nil }
        seconds += Double(hour * 3_600 + minute * 60 + second)
        var index = 19
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                seconds += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        if index == bytes.count || (index == bytes.count - 1 && bytes[index] == 90) { return seconds }
        guard index + 6 == bytes.count, bytes[index] == 43 || bytes[index] == 45, let offsetHours = number(index + 1, 2),
              bytes[index + 3] == 58, let offsetMinutes = number(index + 4, 2) else { return nil }
        let offset = Double(offsetHours * 3_600 + offsetMinutes * 60)
        return bytes[index] == 43 ? seconds - offset : seconds + offset
    }

    /// Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `Thu, 01 Jan 2026 00:00:05 +0000`: RFC 2822 in UTC, as call status callbacks' `Timestamp`.
    public static func rfc2822(_ time: Double) -> String {
        let (year, month, day, hour, minute) = components(time)
        let seconds = Int(time.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let weekday = ((days % 7) + 11) % 7   // 1970-01-01 was a Thursday
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let second = ((seconds % 60) + 60) % 60
        return "\(names[weekday]), \(two(day)) \(months[month - 1]) \(year) \(two(hour)):\(two(minute)):\(two(second)) +0000"
    }

    /// Year, month, day, hour and minute of seconds since 1970, UTC.
    public static func components(_ time: Double) -> (Int, Int, Int, Int, Int) {
        let seconds = Int(time.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's days-to-civil algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondOfDay / 3_600, secondOfDay % 3_600 / 60)
    }
}
