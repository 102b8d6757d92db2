/// A point in time: seconds since the Unix epoch plus nanoseconds (0..<1e9), restricted
/// to CEL's range 0001-01-01T00:00:00Z ... 9999-12-31T23:59:59.999999999Z.
public struct CELTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int64
    public let nanos: Int32

    public static let minSeconds: Int64 = -62_135_596_800
    public static let maxSeconds: Int64 = 253_402_300_799

    /// Nil when out of CEL's range or `nanos` is not in 0..<1e9.
    public init?(seconds: Int64, nanos: Int32 = 0) {
        guard seconds >= Self.minSeconds, seconds <= Self.maxSeconds, nanos >= 0, nanos < 1_000_000_000 else { return nil }
        self.seconds = seconds; self.nanos = nanos
    }

    public static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanos) < (b.seconds, b.nanos) }

    /// RFC 3339 in UTC with the fraction trimmed of trailing zeros (Go's RFC3339Nano).
    public var description: String {
        let civil = CivilTime(epochSeconds: seconds)
        var text = civil.dateTimeText
        if nanos > 0 { text += "." + fractionDigits(nanos) }
        return text + "Z"
    }

    /// Parses RFC 3339 (`2009-02-13T23:31:30.5Z`, `…+05:30`). Throws a range error when
    /// the instant is outside CEL's range, a parse error otherwise.
    public static func parse(_ text: String) throws(EvalError) -> CELTimestamp {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int64? {
            guard i + n <= b.count else { return nil }
            var v: Int64 = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8...) -> Bool {
            guard i < b.count, c.contains(b[i]) else { return false }
            i += 1
            return true
        }
        let bad = EvalError("timestamp parsing error: cannot parse \"\(text)\" as RFC 3339")
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2),
              expect(84, 116), let hour = digits(2), expect(58), let minute = digits(2), expect(58),
              let second = digits(2) else {
            // A 5-digit year is syntactically a range problem in cel-go's eyes.
            throw b.count > 4 && b.prefix(5).allSatisfy({ $0 >= 48 && $0 <= 57 }) ? EvalError.range("timestamp") : bad
        }
        var nanos: Int64 = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var n = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if n < 9 { nanos = nanos * 10 + Int64(b[i] - 48) }
                n += 1; i += 1
            }
            guard n > 0 else { throw bad }
            for _ in n..<max(n, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        if expect(90, 122) {
        } else if i < b.count, b[i] == 43 || b[i] == 45 {
            let sign: Int64 = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(58), let om = digits(2), oh < 24, om < 60 else { throw bad }
            offset = sign * (oh * 3600 + om * 60)
        } else { throw bad }
        guard i == b.count, (1...12).contains(month), day >= 1, day <= CivilTime.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { throw bad }
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let secs = days * 86400 + hour * 3600 + minute * 60 + second - offset
        guard let t = CELTimestamp(seconds: secs, nanos: Int32(nanos)) else { throw EvalError.range("timestamp") }
        return t
    }

    /// `self + d`, or a range error.
    public func adding(_ d: CELDuration) throws(EvalError) -> CELTimestamp {
        let dsec = d.nanoseconds / 1_000_000_000
        let dnan = d.nanoseconds % 1_000_000_000
        var s = seconds + dsec   // cannot overflow: both are far from Int64 limits
        var n = Int64(nanos) + dnan
        if n < 0 { n += 1_000_000_000; s -= 1 } else if n >= 1_000_000_000 { n -= 1_000_000_000; s += 1 }
        guard let t = CELTimestamp(seconds: s, nanos: Int32(n)) else { throw EvalError.range("timestamp") }
        return t
    }

    /// `self - other` as a duration, or a range error (Go durations hold ±292 years).
    public func difference(_ other: CELTimestamp) throws(EvalError) -> CELDuration {
        let ds = seconds - other.seconds
        let dn = Int64(nanos) - Int64(other.nanos)
        let (m, o1) = ds.multipliedReportingOverflow(by: 1_000_000_000)
        let (t, o2) = m.addingReportingOverflow(dn)
        guard !o1, !o2 else { throw EvalError.range("duration") }
        return CELDuration(nanoseconds: t)
    }
}

/// A span of time in nanoseconds. cel-go uses Go's `time.Duration`, so the range is
/// ±(2^63−1) ns (about ±292 years); arithmetic leaving it is a range error.
public struct CELDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let nanoseconds: Int64
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init?(seconds: Int64, nanos: Int64 = 0) {
        let (m, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (t, o2) = m.addingReportingOverflow(nanos)
        guard !o1, !o2 else { return nil }
        nanoseconds = t
    }
    public static func < (a: Self, b: Self) -> Bool { a.nanoseconds < b.nanoseconds }

    /// CEL's `string(duration)`: seconds with a trimmed fraction and an `s` suffix.
    public var description: String {
        let neg = nanoseconds < 0
        let mag = nanoseconds.magnitude
        var text = (neg ? "-" : "") + String(mag / 1_000_000_000)
        let frac = mag % 1_000_000_000
        if frac > 0 { text += "." + fractionDigits(frac) }
        return text + "s"
    }

    /// Go's duration text (`1h2m3.5s`, `0s`), as `json.marshal` and kro use.
    public var goDescription: String {
        if nanoseconds == 0 { return "0s" }
        let neg = nanoseconds < 0
        var u = nanoseconds.magnitude
        var out = ""
        if u < 1_000_000_000 {
            // Sub-second: Go picks ns, µs or ms with a fraction.
            let (unit, scale): (String, UInt64) = u < 1_000 ? ("ns", 1) : u < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            out = Self.fraction(u, scale) + unit
        } else {
            let h = u / 3_600_000_000_000; u %= 3_600_000_000_000
            let m = u / 60_000_000_000; u %= 60_000_000_000
            if h > 0 { out += "\(h)h" }
            if h > 0 || m > 0 { out += "\(m)m" }
            out += Self.fraction(u, 1_000_000_000) + "s"
        }
        return (neg ? "-" : "") + out
    }

    private static func fraction(_ v: UInt64, _ scale: UInt64) -> String {
        var text = String(v / scale)
        let frac = v % scale
        if frac > 0, scale > 1 {
            var f = String(frac)
            let width = String(scale).count - 1
            f = String(repeating: "0", count: width - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            text += "." + f
        }
        return text
    }

    /// Parses Go duration syntax: `-1h2m3.5s`, `300ms`, `1.5h`, `0`. Units ns, us, µs,
    /// ms, s, m, h. Out of range → range error.
    public static func parse(_ text: String) throws(EvalError) -> CELDuration {
        let bad = EvalError("invalid duration string: \"\(text)\"")
        var s = Substring(text)
        var neg = false
        if let f = s.first, f == "-" || f == "+" { neg = f == "-"; s.removeFirst() }
        if s == "0" { return CELDuration(nanoseconds: 0) }
        guard !s.isEmpty else { throw bad }
        var total: Double = 0     // only used for the overflow check
        var exact: Int64 = 0
        var overflow = false
        while !s.isEmpty {
            var whole: UInt64 = 0, wholeOverflow = false
            var sawDigits = false
            while let c = s.first, let d = c.wholeNumberValue, c.isASCII {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 { wholeOverflow = true } else { whole = a }
                sawDigits = true; s.removeFirst()
            }
            var fracDigits: [Int] = []
            if s.first == "." {
                s.removeFirst()
                while let c = s.first, let d = c.wholeNumberValue, c.isASCII { fracDigits.append(d); s.removeFirst() }
                sawDigits = sawDigits || !fracDigits.isEmpty
            }
            guard sawDigits else { throw bad }
            var unit = ""
            while let c = s.first, !(c.isASCII && (c.isNumber || c == ".")) { unit.append(c); s.removeFirst() }
            let scale: Int64
            switch unit {
            case "ns": scale = 1
            case "us", "µs", "μs": scale = 1_000
            case "ms": scale = 1_000_000
            case "s": scale = 1_000_000_000
            case "m": scale = 60_000_000_000
            case "h": scale = 3_600_000_000_000
            default: throw bad
            }
            if wholeOverflow { overflow = true; break }
            total += Double(whole) * Double(scale)
            let (w, o1) = Int64(clamping: whole).multipliedReportingOverflow(by: scale)
            var part = w
            if whole > UInt64(Int64.max) || o1 { overflow = true; break }
            // Fraction: exact for up to 19 digits of scale precision.
            var fracValue: Int64 = 0
            var fscale = scale
            for d in fracDigits {
                guard fscale >= 10 else { break }
                fscale /= 10
                fracValue += Int64(d) * fscale
            }
            let (p2, o2) = part.addingReportingOverflow(fracValue)
            part = p2
            let (e, o3) = exact.addingReportingOverflow(part)
            if o2 || o3 { overflow = true; break }
            exact = e
        }
        if overflow || total > 9.3e18 { throw EvalError.range("duration") }
        return CELDuration(nanoseconds: neg ? -exact : exact)
    }

    public func adding(_ o: CELDuration) throws(EvalError) -> CELDuration {
        let (r, ov) = nanoseconds.addingReportingOverflow(o.nanoseconds)
        guard !ov else { throw EvalError.range("duration") }
        return CELDuration(nanoseconds: r)
    }
    public func subtracting(_ o: CELDuration) throws(EvalError) -> CELDuration {
        let (r, ov) = nanoseconds.subtractingReportingOverflow(o.nanoseconds)
        guard !ov else { throw EvalError.range("duration") }
        return CELDuration(nanoseconds: r)
    }
    public func negated() throws(EvalError) -> CELDuration {
        guard nanoseconds != Int64.min else { throw EvalError.range("duration") }
        return CELDuration(nanoseconds: -nanoseconds)
    }
}

/// Proleptic Gregorian calendar arithmetic on epoch seconds (no Foundation needed).
struct CivilTime {
    var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64
    /// Days since 1970-01-01.
    var days: Int64

    init(epochSeconds s: Int64) {
        var days = s / 86400
        var rem = s % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        self.days = days
        hour = rem / 3600; minute = (rem % 3600) / 60; second = rem % 60
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// 0-based day of the year.
    var dayOfYear: Int64 { days - Self.daysFromCivil(year: year, month: 1, day: 1) }
    /// 0 = Sunday.
    var dayOfWeek: Int64 { ((days % 7) + 11) % 7 }

    var dateTimeText: String {
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
    }
}

/// Time zone offsets for the timestamp accessors, read as cel-go reads them: a string with
/// a `:` is a fixed offset, Go's `Atoi` of the hours and of the minutes (`+05:30`, `02:00`,
/// `-02:30`: a leading `-` subtracts the minutes too); any other is a zone name for Go's
/// `time.LoadLocation`, from the zones linked into the executable (TimeZoneDatabase.swift),
/// where "" and `UTC` are UTC and `Local` is the controller's zone (UTC: kro's image has none).
enum TimeZoneResolver {
    /// Offsets past this many seconds (31 million years) are refused rather than overflowing
    /// a timestamp; Go would wrap around.
    static let maxOffset: Int64 = 1 << 50

    static func offset(_ zone: String, at seconds: Int64) throws(EvalError) -> Int64 {
        let utf8 = zone.utf8
        if let colon = utf8.firstIndex(of: UInt8(ascii: ":")) {  // bytes, as Go's strings.Index
            let invalid = EvalError("invalid time zone offset: \(zone)")
            guard let hours = Conversions.parseInt(String(Substring(utf8[..<colon]))),
                  let minutes = Conversions.parseInt(String(Substring(utf8[utf8.index(after: colon)...]))) else { throw invalid }
            let (hourMinutes, overflow) = hours.multipliedReportingOverflow(by: 60)
            let total = zone.hasPrefix("-") ? hourMinutes.subtractingReportingOverflow(minutes)
                : hourMinutes.addingReportingOverflow(minutes)
            guard !overflow, !total.overflow, total.partialValue.magnitude <= UInt64(maxOffset / 60) else { throw invalid }
            return total.partialValue * 60
        }
        if zone.isEmpty || zone == "UTC" || zone == "Local" { return 0 }
        guard let tz = TimeZoneDatabase.zone(named: zone) else { throw EvalError("unknown time zone: \(zone)") }
        return tz.utcOffset(at: seconds)
    }
}

/// Nanoseconds as the digits after a decimal point, trailing zeros trimmed (`500000000`
/// → `5`), as Go prints fractional seconds.
func fractionDigits<N: BinaryInteger>(_ nanos: N) -> String {
    var digits = String(nanos)
    digits = String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    while digits.hasSuffix("0") { digits.removeLast() }
    return digits
}
