/// A non-negative arbitrary-precision integer in base 10^9 limbs (little-endian), enough
/// for the exact decimal arithmetic Kubernetes quantities need. Sizes are bounded by the
/// callers (`BigDecimal.maxDigits`) so hostile input cannot exhaust memory.
struct DecimalMagnitude: Hashable, Sendable {
    static let limbBase: UInt64 = 1_000_000_000
    private static let powersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    /// No trailing zero limbs; empty means zero.
    private(set) var limbs: [UInt32]

    init() { limbs = [] }

    init(_ value: UInt64) {
        var v = value
        var ls: [UInt32] = []
        while v > 0 { ls.append(UInt32(v % Self.limbBase)); v /= Self.limbBase }
        limbs = ls
    }

    /// ASCII decimal digits (the caller has checked they are digits).
    init<C: BidirectionalCollection>(digits: C) where C.Element == UInt8 {
        var ls: [UInt32] = []
        var chunk: UInt32 = 0, mul: UInt32 = 1, n = 0
        for d in digits.reversed() {
            chunk += UInt32(d &- 48) * mul
            mul *= 10; n += 1
            if n == 9 { ls.append(chunk); chunk = 0; mul = 1; n = 0 }
        }
        if n > 0 { ls.append(chunk) }
        limbs = ls
        trim()
    }

    private mutating func trim() { while let last = limbs.last, last == 0 { limbs.removeLast() } }

    var isZero: Bool { limbs.isEmpty }

    var digitCount: Int {
        guard let top = limbs.last else { return 0 }
        var d = 1, t = top
        while t >= 10 { t /= 10; d += 1 }
        return (limbs.count - 1) * 9 + d
    }

    var uint64Value: UInt64? {
        var result: UInt64 = 0
        for limb in limbs.reversed() {
            let (m, o1) = result.multipliedReportingOverflow(by: Self.limbBase)
            let (s, o2) = m.addingReportingOverflow(UInt64(limb))
            if o1 || o2 { return nil }
            result = s
        }
        return result
    }

    var decimalString: String {
        guard let top = limbs.last else { return "0" }
        var s = String(top)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            s += String(repeating: "0", count: 9 - part.count) + part
        }
        return s
    }

    func multiplied(bySmall m: UInt32) -> DecimalMagnitude {
        if m == 0 || isZero { return DecimalMagnitude() }
        var out = DecimalMagnitude()
        out.limbs.reserveCapacity(limbs.count + 2)
        var carry: UInt64 = 0
        for limb in limbs {
            let p = UInt64(limb) * UInt64(m) + carry
            out.limbs.append(UInt32(p % Self.limbBase))
            carry = p / Self.limbBase
        }
        while carry > 0 { out.limbs.append(UInt32(carry % Self.limbBase)); carry /= Self.limbBase }
        return out
    }

    func multipliedByPowerOfTwo(_ k: Int) -> DecimalMagnitude {
        var out = self, rest = k
        while rest > 0 {
            let step = min(rest, 31)
            out = out.multiplied(bySmall: UInt32(1) << UInt32(step))
            rest -= step
        }
        return out
    }

    func multipliedByPowerOfTen(_ k: Int) -> DecimalMagnitude {
        if isZero || k == 0 { return self }
        var out = multiplied(bySmall: UInt32(Self.powersOfTen[k % 9]))
        out.limbs.insert(contentsOf: repeatElement(0, count: k / 9), at: 0)
        return out
    }

    /// `self / 10^k` truncated, and whether the division was exact.
    func dividedByPowerOfTen(_ k: Int) -> (quotient: DecimalMagnitude, exact: Bool) {
        if k == 0 || isZero { return (self, true) }
        if k >= digitCount { return (DecimalMagnitude(), false) }
        let whole = k / 9, part = k % 9
        var exact = limbs.prefix(whole).allSatisfy { $0 == 0 }
        var rest = Array(limbs.dropFirst(whole))
        if part > 0 {
            let div = UInt64(Self.powersOfTen[part])
            var remainder: UInt64 = 0
            for i in stride(from: rest.count - 1, through: 0, by: -1) {
                let cur = remainder * Self.limbBase + UInt64(rest[i])
                rest[i] = UInt32(cur / div)
                remainder = cur % div
            }
            if remainder != 0 { exact = false }
        }
        var q = DecimalMagnitude()
        q.limbs = rest
        q.trim()
        return (q, exact)
    }

    static func compare(_ a: DecimalMagnitude, _ b: DecimalMagnitude) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
            return a.limbs[i] < b.limbs[i] ? -1 : 1
        }
        return 0
    }

    static func + (a: DecimalMagnitude, b: DecimalMagnitude) -> DecimalMagnitude {
        var out = DecimalMagnitude()
        var carry: UInt64 = 0
        for i in 0..<max(a.limbs.count, b.limbs.count) {
            let s = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
            out.limbs.append(UInt32(s % limbBase))
            carry = s / limbBase
        }
        if carry > 0 { out.limbs.append(UInt32(carry)) }
        return out
    }

    /// `a - b`; requires `a >= b`.
    static func - (a: DecimalMagnitude, b: DecimalMagnitude) -> DecimalMagnitude {
        var out = DecimalMagnitude()
        var borrow: Int64 = 0
        for i in 0..<a.limbs.count {
            var d = Int64(a.limbs[i]) - Int64(i < b.limbs.count ? b.limbs[i] : 0) - borrow
            if d < 0 { d += Int64(limbBase); borrow = 1 } else { borrow = 0 }
            out.limbs.append(UInt32(d))
        }
        out.trim()
        return out
    }

    static func + (a: DecimalMagnitude, b: UInt64) -> DecimalMagnitude { a + DecimalMagnitude(b) }
}

/// A signed exact decimal `±magnitude × 10^(−scale)` (the `inf.Dec` convention).
struct BigDecimal: Hashable, Sendable {
    /// Upper bound on the digits any intermediate result may have.
    static let maxDigits = 20_000

    var negative: Bool
    var magnitude: DecimalMagnitude
    var scale: Int

    init(negative: Bool = false, magnitude: DecimalMagnitude, scale: Int) {
        self.negative = negative && !magnitude.isZero
        self.magnitude = magnitude
        self.scale = scale
    }

    init(_ value: Int64, scale: Int = 0) {
        self.init(negative: value < 0, magnitude: DecimalMagnitude(value.magnitude), scale: scale)
    }

    var sign: Int { magnitude.isZero ? 0 : (negative ? -1 : 1) }

    var negated: BigDecimal { BigDecimal(negative: !negative, magnitude: magnitude, scale: scale) }

    /// The same value with a larger scale (more digits); throws past `maxDigits`.
    func rescaledUp(to newScale: Int) throws(LibraryError) -> BigDecimal {
        let shift = newScale - scale
        guard shift > 0 else { return self }
        if magnitude.isZero { return BigDecimal(magnitude: magnitude, scale: newScale) }
        guard magnitude.digitCount + shift <= Self.maxDigits else { throw BigDecimal.tooLarge }
        return BigDecimal(negative: negative, magnitude: magnitude.multipliedByPowerOfTen(shift), scale: newScale)
    }

    static let tooLarge = LibraryError("quantity is too large to represent exactly")

    static func compare(_ a: BigDecimal, _ b: BigDecimal) -> Int {
        let sa = a.sign, sb = b.sign
        if sa != sb { return sa < sb ? -1 : 1 }
        if sa == 0 { return 0 }
        // Same sign: compare orders of magnitude first so no huge rescaling is needed.
        let ea = a.magnitude.digitCount - a.scale, eb = b.magnitude.digitCount - b.scale
        var c: Int
        if ea != eb {
            c = ea < eb ? -1 : 1
        } else if a.scale >= b.scale {
            c = DecimalMagnitude.compare(a.magnitude, b.magnitude.multipliedByPowerOfTen(a.scale - b.scale))
        } else {
            c = DecimalMagnitude.compare(a.magnitude.multipliedByPowerOfTen(b.scale - a.scale), b.magnitude)
        }
        return sa > 0 ? c : -c
    }

    /// Exact sum; the result has the larger of the two scales (as `inf.Dec.Add`).
    static func add(_ a: BigDecimal, _ b: BigDecimal) throws(LibraryError) -> BigDecimal {
        let s = max(a.scale, b.scale)
        let x = try a.rescaledUp(to: s), y = try b.rescaledUp(to: s)
        if x.negative == y.negative {
            return BigDecimal(negative: x.negative, magnitude: x.magnitude + y.magnitude, scale: s)
        }
        if DecimalMagnitude.compare(x.magnitude, y.magnitude) >= 0 {
            return BigDecimal(negative: x.negative, magnitude: x.magnitude - y.magnitude, scale: s)
        }
        return BigDecimal(negative: y.negative, magnitude: y.magnitude - x.magnitude, scale: s)
    }

    /// The unscaled value as a double, correctly rounded (Go's `big.Float.Float64`).
    var unscaledDouble: Double {
        let d = Double(magnitude.decimalString) ?? .infinity
        return negative ? -d : d
    }
}
