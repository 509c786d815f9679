/// Numbers with a fixed count of decimals (`0.012`), as `String(format: "%.3f")` writes them
/// but without going through Foundation's formatter, which costs microseconds a call: reports
/// write several per scenario.
public enum Decimals {
    /// `value` rounded to `digits` decimals (at most 9); a value that is not finite is `0`.
    public static func format(_ value: Double, digits: Int) -> String {
        let digits = min(max(digits, 0), 9)
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = value.isFinite && abs(value) < Double(Int.max / scale) ? Int((abs(value) * Double(scale)).rounded()) : 0
        // The digits from the last: 19 for the whole part, 9 decimals, a point and a sign fit in 32 bytes.
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var end = 32
            var rest = scaled
            for position in 0..<(digits + 1) {
                if position == digits, digits > 0 {
                    end -= 1
                    buffer[end] = UInt8(ascii: ".")
                }
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            while rest > 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            if value < 0, scaled != 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            let count = 32 - end
            for index in 0..<count { buffer[index] = buffer[end + index] }
            return count
        }
    }
}
