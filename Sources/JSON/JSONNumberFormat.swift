/// Number text as ECMAScript's `Number.prototype.toString` and Go's `encoding/json` write
/// it: the shortest digits that round-trip, plain notation for 1e-6 ≤ |x| < 1e21 (integral
/// values without a fraction: `1`, not `1.0`), exponent notation (`1e-7`, `1.5e+21`) outside.
public enum JSONNumberFormat {
    public static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return value.description }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, pointPosition) = decimalDigits(of: value.magnitude)
        let sign = value.sign == .minus ? "-" : ""
        let k = digits.count, n = pointPosition
        if k <= n && n <= 21 {
            return sign + digits + String(repeating: "0", count: n - k)
        }
        if 0 < n && n <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: n)
            return sign + digits[..<split] + "." + digits[split...]
        }
        if -6 < n && n <= 0 {
            return sign + "0." + String(repeating: "0", count: -n) + digits
        }
        let exponent = n - 1
        let first = digits.prefix(1), rest = digits.dropFirst()
        return sign + first + (rest.isEmpty ? "" : "." + rest) + "e" + (exponent >= 0 ? "+" : "-") + String(abs(exponent))
    }

    /// The shortest round-trip decimal digits of a positive finite value (no leading or
    /// trailing zeros) and where the decimal point goes: value = 0.DIGITS × 10^pointPosition.
    static func decimalDigits(of value: Double) -> (digits: String, pointPosition: Int) {
        // Swift's description is already the shortest round-trip form; only its layout
        // ("1.5e-07", "100.0", "1e+21") differs, so take it apart.
        let text = value.description
        var mantissa = Substring(text), exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = "", point = 0, seenPoint = false
        for c in mantissa {
            if c == "." { seenPoint = true; continue }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        // Leading zeros move the point left; trailing zeros carry no information.
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }
        return (digits, point + exponent)
    }
}
