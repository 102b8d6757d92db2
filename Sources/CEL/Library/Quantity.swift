/// A Kubernetes `resource.Quantity` (apimachinery `pkg/api/resource`), as the CEL
/// `kubernetes.Quantity` type sees it: parsing with the same suffixes, rounding and
/// errors, exact comparison, and arithmetic that keeps apimachinery's two internal
/// representations apart — a scaled int64 or an arbitrary-precision decimal — because
/// `isInteger()`/`asInteger()` and `asApproximateFloat()` depend on which one a value has.
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    enum Amount: Sendable, Hashable {
        /// `value × 10^scale`.
        case int64(value: Int64, scale: Int32)
        case decimal(BigDecimal)
    }

    var amount: Amount
    /// Results of `add`/`sub` are pointers upstream (`*apiservercel.Quantity`), and
    /// `Quantity.Equal` rejects a pointer argument: `x == q.add(y)` is "no such overload"
    /// in kro while `q.add(y) == x` works. We keep that mark to match.
    public internal(set) var isArithmeticResult = false

    init(amount: Amount, isArithmeticResult: Bool = false) {
        self.amount = amount
        self.isArithmeticResult = isArithmeticResult
    }

    /// `resource.NewQuantity(v, DecimalExponent)`.
    public init(integer: Int64) { amount = .int64(value: integer, scale: 0) }

    static let formatError = LibraryError(
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    static let numericError = LibraryError("unable to parse numeric part of quantity")
    static let suffixError = LibraryError("unable to parse quantity's suffix")

    // MARK: Parsing

    /// `resource.ParseQuantity`.
    public static func parse(_ text: String) throws(LibraryError) -> Quantity {
        let s = Array(text.utf8)
        if s.isEmpty { throw formatError }
        if s == [UInt8(ascii: "0")] { return Quantity(integer: 0) }
        let parts = try split(s)
        guard let (base, exponent, kind) = interpretSuffix(parts.suffix) else { throw suffixError }

        var precision: Int = 0
        var scale: Int32 = 0
        var mantissa: Int64 = 1
        switch kind {
        case .decimal:
            scale = exponent
            precision = 18 - (parts.num.count + parts.denom.count)
        case .binary:
            if exponent >= 0 && parts.denom.isEmpty {
                mantissa = Int64(1) << Int64(exponent)
                precision = 15 - parts.num.count - Int(Float(exponent) * 3 / 10) - 1
            } else {
                precision = -1
            }
        }
        if precision >= 0 {
            scale = scale &- Int32(truncatingIfNeeded: parts.denom.count)
            if scale >= -9 {
                var value: Int64 = 0
                for d in parts.num + parts.denom { value = value * 10 + Int64(d - 48) }
                let (product, overflow) = value.multipliedReportingOverflow(by: mantissa)
                if !overflow {
                    return Quantity(amount: .int64(value: parts.positive ? product : -product, scale: scale))
                }
            }
        }

        guard var amount = parseDecimal(parts.value) else { throw numericError }
        if base == 10 {
            amount.scale = Int(Int32(truncatingIfNeeded: amount.scale) &- exponent)
        } else {
            amount.magnitude = amount.magnitude.multipliedByPowerOfTwo(Int(exponent))
        }
        let negative = amount.negative
        amount.negative = false
        if !amount.magnitude.isZero {
            // Round up (away from zero) to nano precision: inf.Dec.Round(9, RoundUp).
            if amount.scale > 9 {
                let (q, exact) = amount.magnitude.dividedByPowerOfTen(amount.scale - 9)
                amount = BigDecimal(magnitude: exact ? q : q + 1, scale: 9)
            } else {
                amount = try amount.rescaledUp(to: 9)
            }
        }
        if kind == .binary, BigDecimal.compare(amount, BigDecimal(Int64.max)) > 0 {
            amount = BigDecimal(Int64.max)
        }
        if negative { amount = amount.negated }
        return Quantity(amount: .decimal(amount))
    }

    private struct Parts {
        var positive = true
        var value: ArraySlice<UInt8> = []
        var num: ArraySlice<UInt8> = []
        var denom: ArraySlice<UInt8> = []
        var suffix: ArraySlice<UInt8> = []
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static let suffixChars = Set("eEinumkKMGTP".utf8)

    /// apimachinery's `parseQuantityString`: sign, digits, optional fraction, suffix.
    private static func split(_ s: [UInt8]) throws(LibraryError) -> Parts {
        var p = Parts()
        var pos = 0
        let end = s.count
        if s[0] == UInt8(ascii: "-") { p.positive = false; pos += 1 } else if s[0] == UInt8(ascii: "+") { pos += 1 }
        while true {
            if pos >= end { p.num = [48]; p.value = [48]; return p }
            if s[pos] == 48 { pos += 1 } else { break }
        }
        var i = pos
        while true {
            if i >= end { p.num = s[pos..<end]; p.value = s[0..<end]; return p }
            if isDigit(s[i]) { i += 1 } else { p.num = s[pos..<i]; pos = i; break }
        }
        if p.num.isEmpty { p.num = [48] }
        if pos < end && s[pos] == UInt8(ascii: ".") {
            pos += 1
            i = pos
            while true {
                if i >= end { p.denom = s[pos..<end]; p.value = s[0..<end]; return p }
                if isDigit(s[i]) { i += 1 } else { p.denom = s[pos..<i]; pos = i; break }
            }
        }
        p.value = s[0..<pos]
        let suffixStart = pos
        i = pos
        while true {
            if i >= end { p.suffix = s[suffixStart..<end]; return p }
            if !suffixChars.contains(s[i]) { pos = i; break }
            i += 1
        }
        if pos < end && (s[pos] == UInt8(ascii: "-") || s[pos] == UInt8(ascii: "+")) { pos += 1 }
        i = pos
        while true {
            if i >= end { p.suffix = s[suffixStart..<end]; return p }
            if isDigit(s[i]) { i += 1 } else { break }
        }
        throw formatError
    }

    private enum Kind { case decimal, binary }

    private static func interpretSuffix(_ suffix: ArraySlice<UInt8>) -> (base: Int, exponent: Int32, kind: Kind)? {
        switch String(decoding: suffix, as: UTF8.self) {
        case "": return (10, 0, .decimal)
        case "n": return (10, -9, .decimal)
        case "u": return (10, -6, .decimal)
        case "m": return (10, -3, .decimal)
        case "k": return (10, 3, .decimal)
        case "M": return (10, 6, .decimal)
        case "G": return (10, 9, .decimal)
        case "T": return (10, 12, .decimal)
        case "P": return (10, 15, .decimal)
        case "E": return (10, 18, .decimal)
        case "Ki": return (2, 10, .binary)
        case "Mi": return (2, 20, .binary)
        case "Gi": return (2, 30, .binary)
        case "Ti": return (2, 40, .binary)
        case "Pi": return (2, 50, .binary)
        case "Ei": return (2, 60, .binary)
        default:
            guard suffix.count > 1, suffix.first == UInt8(ascii: "e") || suffix.first == UInt8(ascii: "E"),
                  let parsed = goParseInt64(suffix.dropFirst()) else { return nil }
            // apimachinery truncates the exponent to int32.
            return (10, Int32(truncatingIfNeeded: parsed), .decimal)
        }
    }

    /// `strconv.ParseInt(s, 10, 64)`: optional sign, ASCII digits, no overflow.
    static func goParseInt64(_ s: ArraySlice<UInt8>) -> Int64? {
        var digits = s
        var negative = false
        if let f = digits.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-"); digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var mag: UInt64 = 0
        for d in digits {
            guard isDigit(d) else { return nil }
            let (m, o1) = mag.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d - 48))
            if o1 || o2 { return nil }
            mag = a
        }
        if negative { return mag <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- mag) : nil }
        return mag <= UInt64(Int64.max) ? Int64(mag) : nil
    }

    /// `inf.Dec.SetString`: optional leading sign, digits with at most one point, at
    /// least one digit; the scale is the number of fraction digits.
    private static func parseDecimal(_ s: ArraySlice<UInt8>) -> BigDecimal? {
        var digits: [UInt8] = []
        var negative = false, sawPoint = false, fraction = 0
        for (i, c) in zip(s.indices, s) {
            if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && i == s.startIndex {
                negative = c == UInt8(ascii: "-")
            } else if c == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if isDigit(c) {
                digits.append(c)
                if sawPoint { fraction += 1 }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        return BigDecimal(negative: negative, magnitude: DecimalMagnitude(digits: digits), scale: fraction)
    }

    // MARK: Queries

    var decimalValue: BigDecimal {
        switch amount {
        case .int64(let v, let s): return BigDecimal(v, scale: -Int(s))
        case .decimal(let d): return d
        }
    }

    /// `Quantity.Cmp`: −1, 0 or 1, exact.
    public func compare(_ other: Quantity) -> Int { BigDecimal.compare(decimalValue, other.decimalValue) }

    /// `Quantity.Sign`.
    public var sign: Int {
        switch amount {
        case .int64(let v, _): return v == 0 ? 0 : (v > 0 ? 1 : -1)
        case .decimal(let d): return d.sign
        }
    }

    /// `Quantity.AsInt64`: only the int64 representation converts, and only without a
    /// fractional scale or overflow.
    public var int64Value: Int64? {
        guard case .int64(let v, let s) = amount else { return nil }
        if s == 0 { return v }
        if s < 0 { return nil }
        return Self.scaleUp(v, by: Int(s))
    }

    /// `base × 10^scale` with overflow detection (apimachinery `positiveScaleInt64`).
    static func scaleUp(_ base: Int64, by scale: Int) -> Int64? {
        if base == 0 { return 0 }
        var value = base
        for _ in 0..<scale {
            let (m, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = m
        }
        return value
    }

    /// `Quantity.AsApproximateFloat64`.
    public var approximateDouble: Double {
        let base: Double, exponent: Int
        switch amount {
        case .int64(let v, let s): base = Double(v); exponent = Int(s)
        case .decimal(let d): base = d.unscaledDouble; exponent = -d.scale
        }
        return exponent == 0 ? base : base * GoMath.pow10(exponent)
    }

    /// Exact decimal text for messages and debugging (not upstream's canonical form,
    /// which CEL never shows): `1.5`, `-0.000000001`, or `12e30` for large exponents.
    public var description: String {
        let d = decimalValue
        if d.magnitude.isZero { return "0" }
        var digits = d.magnitude.decimalString
        if d.scale > 0 && d.scale <= digits.count + 30 {
            if digits.count <= d.scale { digits = String(repeating: "0", count: d.scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d.scale))
        } else if d.scale != 0 {
            digits += "e\(-d.scale)"
        }
        return (d.negative ? "-" : "") + digits
    }

    // MARK: Arithmetic

    /// `Quantity.Add` on a copy.
    public func adding(_ y: Quantity) throws(LibraryError) -> Quantity {
        if case .int64(let av, let asc) = amount, case .int64(let bv, let bsc) = y.amount,
           let sum = Self.addInt64Amounts((av, asc), (bv, bsc)) {
            return Quantity(amount: .int64(value: sum.0, scale: sum.1), isArithmeticResult: true)
        }
        return Quantity(amount: .decimal(try BigDecimal.add(decimalValue, y.decimalValue)), isArithmeticResult: true)
    }

    /// `Quantity.Sub` on a copy.
    public func subtracting(_ y: Quantity) throws(LibraryError) -> Quantity {
        if case .int64(let av, let asc) = amount, case .int64(let bv, let bsc) = y.amount,
           let diff = Self.addInt64Amounts((av, asc), (0 &- bv, bsc)) {
            return Quantity(amount: .int64(value: diff.0, scale: diff.1), isArithmeticResult: true)
        }
        return Quantity(amount: .decimal(try BigDecimal.add(decimalValue, y.decimalValue.negated)), isArithmeticResult: true)
    }

    /// apimachinery `int64Amount.Add`; nil when the result does not fit.
    private static func addInt64Amounts(_ a: (Int64, Int32), _ b: (Int64, Int32)) -> (Int64, Int32)? {
        if b.0 == 0 { return a }
        if a.0 == 0 { return b }
        if a.1 == b.1 {
            let (s, o) = a.0.addingReportingOverflow(b.0)
            return o ? nil : (s, a.1)
        }
        if a.1 > b.1 {
            guard let c = scaleUp(a.0, by: Int(a.1) - Int(b.1)) else { return nil }
            let (s, o) = c.addingReportingOverflow(b.0)
            return o ? nil : (s, b.1)
        }
        guard let c = scaleUp(b.0, by: Int(b.1) - Int(a.1)) else { return nil }
        let (s, o) = a.0.addingReportingOverflow(c)
        return o ? nil : (s, a.1)
    }
}

/// Go's `math` functions whose exact results matter.
enum GoMath {
    private static let tab: [Double] = [
        1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
    ]
    private static let posTab32: [Double] = [1e00, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288]
    private static let negTab32: [Double] = [1e-00, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, Double("1e-320") ?? 0]

    /// `math.Pow10`, computed from the same tables so results match bit for bit.
    static func pow10(_ n: Int) -> Double {
        if n >= 0 && n <= 308 { return posTab32[n / 32] * tab[n % 32] }
        if n >= -323 && n <= 0 { return negTab32[-n / 32] / tab[-n % 32] }
        return n > 0 ? .infinity : 0
    }
}
