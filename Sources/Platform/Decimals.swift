/// Numbers with a fixed count of decimals (`0.012`), as `String(format: "%.3f")` writes them
/// but without going through Foundation's formatter, which costs microseconds a call: reports
/// write several per scenario.
public enum Decimals {
    /// `value` rounded to `digits` decimals (at most 9); a value that is not finite is `0`.
    public static func format(_ value: Double, digits: Int) -> String {
        let scale = (0..<digits).reduce(1) { result, _ in result * 10 }
        guard value.isFinite, abs(value) < Double(Int.max / scale) else { return "0" + (digits > 0 ? "." + String(repeating: "0", count: digits) : "") }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(scaled) }
        let fraction = String(scaled % scale)
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
