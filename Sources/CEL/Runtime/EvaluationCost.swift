/// What a call is charged before it runs. cel-go charges a call by the size of its
/// arguments; a call that reads its arguments' elements at every level, or builds a result
/// much larger than them, is charged for that here, before the work is done: a list of
/// ten references to one 100,000-item list compared with itself 100,000 times, or one
/// 1 MB string joined from a thousand references, ran for minutes or took gigabytes
/// before the result's size was charged.
extension Interpreter {
    /// Functions whose work reads their arguments at every level: equality, membership,
    /// and those that print, flatten, merge, sort or deduplicate them.
    static let readsArgumentsDeeply: Set<String> = [
        Operator.equals, Operator.notEquals, Operator.in,
        "join", "format", "json.marshal", "flatten", "deepMerge", "distinct", "sort", "@sortByAssociatedKeys",
    ]

    /// The arguments' cost: their size, or for a function that reads them deeply
    /// (`readsArgumentsDeeply`) what reading them at every level reads (the walk stops
    /// once over the remaining budget, so it costs no more than what it charges).
    func argumentsCost(readingDeeply deep: Bool, _ values: [Value]) -> Int64 {
        var total: Int64 = 0
        if deep {
            var units: Int64 = 0
            for v in values { Self.readUnits(v, into: &units, stopAbove: unitsBeforeLimit) }
            total = units / 10
        } else {
            for v in values { total &+= Self.sizeCost(v) }
        }
        return total
    }

    /// Units (tenths of a cost unit) a walk may read before what it charges is over the
    /// limit: a walk that stops past them costs no more than it charges.
    var unitsBeforeLimit: Int64 {
        options.costLimit.map { (max(0, $0 - cost) &+ 1) &* 10 } ?? Int64.max / 4
    }

    /// Size-proportional cost of consuming or producing a value.
    static func sizeCost(_ v: Value) -> Int64 {
        switch v {
        case .string(let s): return Int64(s.utf8.count / 10)
        case .bytes(let b): return Int64(b.count / 10)
        case .list(let l): return Int64(l.count / 10)
        case .map(let m): return Int64(m.count / 10)
        default: return 0
        }
    }

    /// Adds what reading `v` at every level reads: a unit per element, entry and scalar,
    /// and per byte of text. Stops once `units` is above `stopAbove`.
    static func readUnits(_ v: Value, into units: inout Int64, stopAbove: Int64) {
        guard units <= stopAbove else { return }
        switch v {
        case .string(let s): units &+= Int64(s.utf8.count)
        case .bytes(let b): units &+= Int64(b.count)
        case .list(let l):
            units &+= 1
            for x in l where units <= stopAbove { readUnits(x, into: &units, stopAbove: stopAbove) }
        case .map(let m):
            units &+= 1
            for entry in m.storage.values where units <= stopAbove {
                readUnits(entry.key, into: &units, stopAbove: stopAbove)
                readUnits(entry.value, into: &units, stopAbove: stopAbove)
            }
        case .optional(let o?): units &+= 1; readUnits(o, into: &units, stopAbove: stopAbove)
        default: units &+= 1
        }
    }

    /// The functions `resultCostBeforehand` charges.
    static let resultCostFunctions: Set<String> = ["split", "lists.range", "replace", "json.unmarshal"]

    /// The size of a result much larger than the arguments, charged before it is built:
    /// `replace` with a longer text (a 1 MB string with each `a` replaced by itself is
    /// 1 TB), or a result of many elements, a unit each (what building one costs, about:
    /// `split('')` of 1 MB made a million strings in 75 ms for a tenth of that). Nil for
    /// other calls, whose results are charged once built.
    static func resultCostBeforehand(_ function: String, _ values: [Value]) -> Int64? {
        guard resultCostFunctions.contains(function) else { return nil }
        switch function {
        case "split": return splitParts(values)
        case "lists.range": if case .int(let n)? = values.first { return max(0, n) } else { return nil }
        case "replace": return replacementGrowth(values)
        case "json.unmarshal": if case .string(let text)? = values.first { return 2 * jsonValues(in: text) } else { return nil }
        default: return nil
        }
    }

    /// At least the values a JSON text holds: one, and one more for each `,`, `[` and `{`
    /// (a comma inside a string counts too: this errs high). `json.unmarshal` is charged
    /// twice that, as it builds each value twice (parsed, then converted): a 1 MB array of
    /// 500,000 numbers took 86 ms for 150,000 units before.
    static func jsonValues(in text: String) -> Int64 {
        var count: Int64 = 1
        for byte in text.utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
            count += 1
        }
        return count
    }

    /// The parts `split` makes.
    private static func splitParts(_ values: [Value]) -> Int64? {
        guard values.count >= 2, case .string(let s) = values[0], case .string(let separator) = values[1] else { return nil }
        var limit: Int64 = -1
        if values.count >= 3, case .int(let n) = values[2] { limit = n }
        if limit == 0 { return 0 }
        let parts = separator.isEmpty ? Int64(s.unicodeScalars.count)
            : StringsExtension.replacements(in: s, of: separator, limit: limit > 0 ? limit - 1 : -1) + 1
        return limit > 0 ? min(parts, limit) : parts
    }

    /// The bytes `replace` adds, a tenth of a unit each.
    private static func replacementGrowth(_ values: [Value]) -> Int64? {
        guard values.count >= 3, case .string(let s) = values[0],
              case .string(let old) = values[1], case .string(let new) = values[2] else { return nil }
        let growth = new.utf8.count - old.utf8.count
        guard growth > 0 else { return nil }
        var limit: Int64 = -1
        if values.count >= 4, case .int(let n) = values[3] { limit = n }
        let count = StringsExtension.replacements(in: s, of: old, limit: limit)
        let (extra, overflow) = Int64(growth).multipliedReportingOverflow(by: count)
        return overflow ? Int64.max / 4 : extra / 10
    }

    /// The functions that search with a regular expression, charged by `regexCost`.
    static let regexFunctions: Set<String> = ["matches", "find", "findAll"]

    /// A regular expression's search, as cel-go and Kubernetes charge it: a tenth of the
    /// text's length times a quarter of the pattern's. Charged before the search, so that a
    /// long pattern over a long text stops at the limit rather than running (a
    /// 30,001-character pattern over 1 MB ran for minutes).
    static func regexCost(_ function: String, _ values: [Value]) -> Int64? {
        guard regexFunctions.contains(function), values.count >= 2,
              case .string(let text) = values[0], case .string(let pattern) = values[1] else { return nil }
        let textCost = (Int64(text.unicodeScalars.count) + 1 + 9) / 10
        let patternCost = (Int64(pattern.unicodeScalars.count) + 3) / 4
        let (cost, overflow) = textCost.multipliedReportingOverflow(by: patternCost)
        return overflow ? Int64.max / 4 : cost  // over any limit, without wrapping the total
    }
}
