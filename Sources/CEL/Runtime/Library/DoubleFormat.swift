/// Formatting of doubles the way Go's `strconv.FormatFloat` does (cel-go uses it).
enum DoubleFormat {
    /// Shortest round-trip decimal digits and decimal point position: `d = 0.DIGITS × 10^point`.
    static func shortestDigits(_ d: Double) -> (digits: [UInt8], point: Int) {
        // Swift's description is the shortest round-trip representation.
        let text = "\(d.magnitude)"
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var point = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == 46 { seenPoint = true; continue }
            digits.append(c - 48)
            if !seenPoint { point += 1 }
        }
        // Strip leading zeros (0.00123) and trailing zeros (100.0).
        while let f = digits.first, f == 0, digits.count > 1 { digits.removeFirst(); point -= 1 }
        while let l = digits.last, l == 0, digits.count > 1 { digits.removeLast() }
        if digits == [0] { point = 1 }
        return (digits, point + exp)
    }

    /// `strconv.FormatFloat(d, 'g', -1, 64)` (`threshold` 6), or fmt's `%v` (`threshold`
    /// 21): exponent form when the decimal exponent is < -4 or >= threshold.
    static func goG(_ d: Double, threshold: Int = 6) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        let sign = d.sign == .minus ? "-" : ""
        if d == 0 { return sign + "0" }
        let (digits, point) = shortestDigits(d)
        let exp = point - 1
        if exp < -4 || exp >= threshold {
            return sign + eForm(String(decoding: digits.map { $0 + 48 }, as: UTF8.self), exp)
        }
        return sign + fForm(digits, point)
    }

    static func eForm(_ ds: String, _ exp: Int) -> String {
        var m = String(ds.prefix(1))
        if ds.count > 1 { m += "." + ds.dropFirst() }
        let e = abs(exp)
        return m + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    }

    static func fForm(_ digits: [UInt8], _ point: Int) -> String {
        let ds = digits.map { Character(Unicode.Scalar($0 + 48)) }
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(ds) }
        if point >= ds.count { return String(ds) + String(repeating: "0", count: point - ds.count) }
        return String(ds[..<point]) + "." + String(ds[point...])
    }

    /// A short CEL-ish rendering for messages.
    static func shortest(_ d: Double) -> String { goG(d) }
}
