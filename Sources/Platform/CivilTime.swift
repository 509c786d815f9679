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
