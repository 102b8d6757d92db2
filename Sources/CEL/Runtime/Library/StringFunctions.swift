/// `contains`, `startsWith`, `endsWith` (code-point exact, not grapheme based) and
/// `matches` (RE2 syntax, linear time).
enum StringFunctions {
    static func register(into t: inout FunctionTable) {
        t.register("contains", [Overload("contains_string", member: true, [.string, .string]) { a in
            .bool(Self.find(Array(a[1].asString.utf8), in: Array(a[0].asString.utf8)) != nil)
        }])
        t.register("startsWith", [Overload("starts_with_string", member: true, [.string, .string]) { a in
            .bool(a[0].asString.utf8.starts(with: a[1].asString.utf8))
        }])
        t.register("endsWith", [Overload("ends_with_string", member: true, [.string, .string]) { a in
            .bool(a[0].asString.utf8.reversed().starts(with: a[1].asString.utf8.reversed()))
        }])
        let matches: @Sendable ([Value]) throws -> Value = { a in
            let re: RE2Regex
            do { re = try RE2Regex(a[1].asString) } catch { throw EvalError("invalid regular expression: \(error)") }
            return .bool(re.matches(a[0].asString))
        }
        t.register("matches", [
            Overload("matches_string", member: true, [.string, .string], matches),
            Overload("matches", [.string, .string], matches),
        ])
    }

    /// Byte offset of the first occurrence of `needle` in `hay` (UTF-8 is
    /// self-synchronising, so byte search finds whole code points).
    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
        if needle.isEmpty { return start <= hay.count ? start : nil }
        guard hay.count >= needle.count, start <= hay.count - needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
