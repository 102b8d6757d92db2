/// A POSIX TZ string, as TZif footers hold it (`EST5EDT,M3.2.0,M11.1.0`, `<+1030>-10:30<+11>-11,M10.1.0,M4.1.0`):
/// a standard time, and optionally a daylight time with the rules that start and end it.
/// Read and applied as Go's `tzset` does (kro's CEL runs on Go), quirks included: the
/// position in the year is taken in UTC, and a daylight time without rules gets the US ones.
struct POSIXTimeZone {
    /// Seconds added to UTC (the string writes them the other way round: `EST5` is UTC−5).
    var standardOffset: Int64
    var daylight: (offset: Int64, start: Rule, end: Rule)?

    struct Rule {
        enum Day {
            /// `Jn`: day 1…365, February 29 never counted.
            case julian(Int64)
            /// `n`: day 0…365, February 29 counted.
            case zeroBased(Int64)
            /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = the last) of month m.
            case monthWeekDay(month: Int64, week: Int64, weekday: Int64)
        }
        var day: Day
        /// Local time of day the change happens at, in seconds (may be negative or past 24 h).
        var time: Int64
    }

    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let standard = scanner.offset() else { return nil }
        standardOffset = -standard
        if scanner.isAtEnd || scanner.peek == UInt8(ascii: ",") {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        var daylightOffset = standardOffset + 3600
        if !scanner.isAtEnd && scanner.peek != UInt8(ascii: ",") {
            guard let offset = scanner.offset() else { return nil }
            daylightOffset = -offset
        }
        var rules = scanner
        if scanner.isAtEnd { rules = Scanner(Array(",M3.2.0,M11.1.0".utf8)) }  // tzcode's default
        guard rules.skip(UInt8(ascii: ",")) || rules.skip(UInt8(ascii: ";")),
              let start = rules.rule(), rules.skip(UInt8(ascii: ",")), let end = rules.rule(), rules.isAtEnd else { return nil }
        daylight = (daylightOffset, start, end)
    }

    /// Seconds added to UTC at `instant`.
    func utcOffset(at instant: Int64) -> Int64? {
        guard let daylight else { return standardOffset }
        let civil = CivilTime(epochSeconds: instant)
        // Go: the day of the year from the UTC date, plus the instant's remainder of a day.
        let secondOfYear = civil.dayOfYear * 86400 + instant % 86400
        var start = Self.secondOfYear(daylight.start, year: civil.year, offset: standardOffset)
        var end = Self.secondOfYear(daylight.end, year: civil.year, offset: daylight.offset)
        var (inside, outside) = (daylight.offset, standardOffset)
        if end < start {  // the southern hemisphere: daylight time spans the new year
            swap(&start, &end)
            swap(&inside, &outside)
        }
        return secondOfYear >= start && secondOfYear < end ? inside : outside
    }

    /// Where `rule` falls in `year`, in seconds from the year's start, UTC (`offset`: the
    /// local time in force before it).
    private static func secondOfYear(_ rule: Rule, year: Int64, offset: Int64) -> Int64 {
        let day: Int64
        switch rule.day {
        case .julian(let n):
            day = n - 1 + (CivilTime.isLeap(year) && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            day = n
        case .monthWeekDay(let month, let week, let weekday):
            let firstOfMonth = CivilTime.daysFromCivil(year: year, month: month, day: 1)
            let firstWeekday = ((firstOfMonth % 7) + 11) % 7  // 1970-01-01 was a Thursday
            var dayOfMonth = (weekday - firstWeekday + 7) % 7
            for _ in 1..<week where dayOfMonth + 7 < CivilTime.daysIn(month: month, year: year) { dayOfMonth += 7 }
            day = firstOfMonth + dayOfMonth - CivilTime.daysFromCivil(year: year, month: 1, day: 1)
        }
        return day * 86400 + rule.time - offset
    }

    /// The pieces of a TZ string, front to back.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { position >= bytes.count }
        var peek: UInt8? { isAtEnd ? nil : bytes[position] }

        mutating func skip(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        /// A zone abbreviation: `<…>`, or three or more characters up to a digit, sign or comma.
        mutating func name() -> Bool {
            if skip(UInt8(ascii: "<")) {
                guard let close = bytes[position...].firstIndex(of: UInt8(ascii: ">")) else { return false }
                position = close + 1
                return true
            }
            let start = position
            while let b = peek, !(b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")),
                  b != UInt8(ascii: ","), b != UInt8(ascii: "-"), b != UInt8(ascii: "+") {
                position += 1
            }
            return position - start >= 3
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, hours up to a week.
        mutating func offset() -> Int64? {
            var sign: Int64 = 1
            if skip(UInt8(ascii: "-")) { sign = -1 } else { _ = skip(UInt8(ascii: "+")) }
            guard let hours = number(max: 24 * 7) else { return nil }
            var seconds = hours * 3600
            for unit in [Int64(60), 1] {
                guard skip(UInt8(ascii: ":")) else { break }
                guard let n = number(max: 59) else { return nil }
                seconds += n * unit
            }
            return sign * seconds
        }

        /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (02:00 when absent).
        mutating func rule() -> Rule? {
            let day: Rule.Day
            if skip(UInt8(ascii: "J")) {
                guard let n = number(max: 365), n >= 1 else { return nil }
                day = .julian(n)
            } else if skip(UInt8(ascii: "M")) {
                guard let month = number(max: 12), month >= 1, skip(UInt8(ascii: ".")),
                      let week = number(max: 5), week >= 1, skip(UInt8(ascii: ".")),
                      let weekday = number(max: 6) else { return nil }
                day = .monthWeekDay(month: month, week: week, weekday: weekday)
            } else {
                guard let n = number(max: 365) else { return nil }
                day = .zeroBased(n)
            }
            var time: Int64 = 2 * 3600
            if skip(UInt8(ascii: "/")) {
                guard let t = offset() else { return nil }
                time = t
            }
            return Rule(day: day, time: time)
        }

        /// Decimal digits (at least one) whose value is at most `max`.
        private mutating func number(max: Int64) -> Int64? {
            let start = position
            var value: Int64 = 0
            while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                value = value * 10 + Int64(b - UInt8(ascii: "0"))
                guard value <= max else { return nil }
                position += 1
            }
            return position > start ? value : nil
        }
    }
}
