#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// cel-go `ext.Strings()` (latest version): charAt, indexOf, lastIndexOf, lowerAscii,
/// upperAscii, replace, split, substring, trim, reverse, join, format, strings.quote.
/// Indexes count Unicode code points.
public struct StringsExtension: RuntimeLibrary {
    public init() {}

    public func register(into t: inout FunctionTable) {
        t.register("charAt", [Overload("string_char_at_int", member: true, [.string, .int]) { a in
            let s = Array(a[0].asString.unicodeScalars)
            let i = a[1].asInt
            guard i >= 0, i <= Int64(s.count) else { throw Self.outOfRange(i) }
            return .string(i == Int64(s.count) ? "" : String(s[Int(i)]))
        }])
        t.register("indexOf", [
            Overload("string_index_of_string", member: true, [.string, .string]) { a in
                .int(try Self.indexOf(a[0].asString, a[1].asString, from: 0))
            },
            Overload("string_index_of_string_int", member: true, [.string, .string, .int]) { a in
                .int(try Self.indexOf(a[0].asString, a[1].asString, from: a[2].asInt))
            },
        ])
        t.register("lastIndexOf", [
            Overload("string_last_index_of_string", member: true, [.string, .string]) { a in
                .int(try Self.lastIndexOf(a[0].asString, a[1].asString, from: nil))
            },
            Overload("string_last_index_of_string_int", member: true, [.string, .string, .int]) { a in
                .int(try Self.lastIndexOf(a[0].asString, a[1].asString, from: a[2].asInt))
            },
        ])
        t.register("lowerAscii", [Overload("string_lower_ascii", member: true, [.string]) { a in
            .string(Self.mapASCII(a[0].asString) { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 })
        }])
        t.register("upperAscii", [Overload("string_upper_ascii", member: true, [.string]) { a in
            .string(Self.mapASCII(a[0].asString) { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 })
        }])
        t.register("replace", [
            Overload("string_replace_string_string", member: true, [.string, .string, .string]) { a in
                .string(Self.replace(a[0].asString, a[1].asString, a[2].asString, limit: -1))
            },
            Overload("string_replace_string_string_int", member: true, [.string, .string, .string, .int]) { a in
                .string(Self.replace(a[0].asString, a[1].asString, a[2].asString, limit: a[3].asInt))
            },
        ])
        t.register("split", [
            Overload("string_split_string", member: true, [.string, .string]) { a in
                .list(Self.split(a[0].asString, a[1].asString, limit: -1).map(Value.string))
            },
            Overload("string_split_string_int", member: true, [.string, .string, .int]) { a in
                .list(Self.split(a[0].asString, a[1].asString, limit: a[2].asInt).map(Value.string))
            },
        ])
        t.register("substring", [
            Overload("string_substring_int", member: true, [.string, .int]) { a in
                let s = Array(a[0].asString.unicodeScalars)
                let i = a[1].asInt
                guard i >= 0, i <= Int64(s.count) else { throw Self.outOfRange(i) }
                return .string(Self.text(s[Int(i)...]))
            },
            Overload("string_substring_int_int", member: true, [.string, .int, .int]) { a in
                let s = Array(a[0].asString.unicodeScalars)
                let i = a[1].asInt, j = a[2].asInt
                guard i >= 0, i <= Int64(s.count) else { throw Self.outOfRange(i) }
                guard j >= 0, j <= Int64(s.count) else { throw Self.outOfRange(j) }
                guard i <= j else { throw EvalError("invalid substring range. start: \(i), end: \(j)") }
                return .string(Self.text(s[Int(i)..<Int(j)]))
            },
        ])
        t.register("trim", [Overload("string_trim", member: true, [.string]) { a in
            let s = Array(a[0].asString.unicodeScalars)
            var lo = 0, hi = s.count
            while lo < hi, s[lo].properties.isWhitespace { lo += 1 }
            while hi > lo, s[hi - 1].properties.isWhitespace { hi -= 1 }
            return .string(Self.text(s[lo..<hi]))
        }])
        t.register("reverse", [Overload("string_reverse", member: true, [.string]) { a in
            .string(Self.text(a[0].asString.unicodeScalars.reversed()))
        }])
        t.register("join", [
            Overload("list_join", member: true, [.list]) { a in .string(try Self.join(a[0].asList, "")) },
            Overload("list_join_string", member: true, [.list, .string]) { a in .string(try Self.join(a[0].asList, a[1].asString)) },
        ])
        t.register("format", [Overload("string_format", member: true, [.string, .list]) { a in
            .string(try StringFormatter.format(a[0].asString, a[1].asList))
        }])
        t.register("strings.quote", [Overload("strings_quote", [.string]) { a in
            .string(StringQuoting.quote(a[0].asString))
        }])
    }

    static func outOfRange(_ i: Int64) -> EvalError { EvalError("index out of range: \(i)") }

    static func text<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars)
        return String(v)
    }

    static func mapASCII(_ s: String, _ f: (UInt8) -> UInt8) -> String {
        String(decoding: s.utf8.map(f), as: UTF8.self)
    }

    /// The code point index of `sub` in `s` at or after `from`, or -1. Searched as UTF-8
    /// bytes (a valid needle matches bytes only where it matches code points) with
    /// `StringFunctions.find`.
    static func indexOf(_ s: String, _ sub: String, from: Int64) throws(EvalError) -> Int64 {
        let hay = Array(s.utf8), needle = Array(sub.utf8)
        guard from >= 0, from <= Int64(s.unicodeScalars.count) else { throw outOfRange(from) }
        if needle.isEmpty { return from }
        let start = byteOffset(ofCodePoint: Int(from), in: hay)
        guard let found = StringFunctions.find(needle, in: hay, from: start) else { return -1 }
        return from + Int64(codePoints(in: hay[start..<found]))
    }

    /// The code point index of the last `sub` in `s` starting at or before `from` (the
    /// end when nil), or -1: the first match in the reversed bytes past the mirrored offset.
    static func lastIndexOf(_ s: String, _ sub: String, from: Int64?) throws(EvalError) -> Int64 {
        let hay = Array(s.utf8), needle = Array(sub.utf8)
        let start = from ?? Int64(s.unicodeScalars.count)
        guard start >= 0, start <= Int64(s.unicodeScalars.count) else { throw outOfRange(start) }
        if needle.isEmpty { return start }
        guard needle.count <= hay.count else { return -1 }
        let latest = byteOffset(ofCodePoint: Int(start), in: hay)
        let mirrored = max(0, hay.count - needle.count - latest)
        guard let found = StringFunctions.find(needle.reversed(), in: hay.reversed(), from: mirrored) else { return -1 }
        return Int64(codePoints(in: hay[..<(hay.count - needle.count - found)]))
    }

    /// The byte offset of code point `index` in UTF-8 `bytes` (their end past the last).
    private static func byteOffset(ofCodePoint index: Int, in bytes: [UInt8]) -> Int {
        var seen = 0
        for (offset, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if seen == index { return offset }
            seen += 1
        }
        return bytes.count
    }

    /// The code points in UTF-8 `bytes`: the bytes that do not continue one.
    private static func codePoints(in bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }

    /// Go `strings.Replace`: `limit` < 0 replaces all; an empty `old` matches before
    /// every code point and at the end.
    static func replace(_ s: String, _ old: String, _ new: String, limit: Int64) -> String {
        if limit == 0 { return s }
        // Built as UTF-8 bytes: appending to a `String.UnicodeScalarView` copied the text
        // at each replacement (one replace over 100,000 matches took a second, a million
        // a minute). A valid UTF-8 needle matches the bytes only where it matches the
        // code points.
        let replacement = Array(new.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var count: Int64 = 0
        func replaces() -> Bool { limit < 0 || count < limit }
        if old.isEmpty {
            for scalar in s.unicodeScalars {
                if replaces() { out += replacement; count += 1 }
                UTF8.encode(scalar) { out.append($0) }
            }
            if replaces() { out += replacement }
            return String(decoding: out, as: UTF8.self)
        }
        let hay = Array(s.utf8), needle = Array(old.utf8)
        var start = 0
        forEachMatch(of: needle, in: hay, limit: limit) { found in
            out += hay[start..<found]
            out += replacement
            start = found + needle.count
        }
        out += hay[start...]
        return String(decoding: out, as: UTF8.self)
    }

    /// The starts of the first `limit` (all when negative) non-overlapping occurrences of
    /// `needle` in `hay`, left to right, each found by `StringFunctions.find` (linear): the
    /// one search of `replace`, `split` and what they are charged. A valid UTF-8 needle
    /// matches the bytes only where it matches the code points.
    static func forEachMatch(of needle: [UInt8], in hay: [UInt8], limit: Int64, _ body: (Int) -> Void) {
        var start = 0, count: Int64 = 0
        while limit < 0 || count < limit, let found = StringFunctions.find(needle, in: hay, from: start) {
            body(found)
            start = found + needle.count
            count += 1
        }
    }

    /// How many replacements `replace(s, old, _, limit)` makes: what its result's growth is
    /// charged for before it is built.
    static func replacements(in s: String, of old: String, limit: Int64) -> Int64 {
        if limit == 0 { return 0 }
        var count: Int64 = 0
        if old.isEmpty {
            count = Int64(s.unicodeScalars.count) + 1
        } else {
            forEachMatch(of: Array(old.utf8), in: Array(s.utf8), limit: limit) { _ in count += 1 }
        }
        return limit < 0 ? count : min(count, limit)
    }

    /// Go `strings.SplitN`.
    static func split(_ s: String, _ sep: String, limit: Int64) -> [String] {
        if limit == 0 { return [] }
        var out: [String] = []
        if sep.isEmpty {
            let hay = Array(s.unicodeScalars)
            for (k, c) in hay.enumerated() {
                if limit > 0, Int64(out.count) == limit - 1 { out.append(text(hay[k...])); return out }
                out.append(String(c))
            }
            return out
        }
        let bytes = Array(s.utf8), separator = Array(sep.utf8)
        var start = 0
        forEachMatch(of: separator, in: bytes, limit: limit > 0 ? limit - 1 : -1) { found in
            out.append(String(decoding: bytes[start..<found], as: UTF8.self))
            start = found + separator.count
        }
        out.append(String(decoding: bytes[start...], as: UTF8.self))
        return out
    }

    static func join(_ list: [Value], _ sep: String) throws(EvalError) -> String {
        var parts: [String] = []
        for v in list {
            guard case .string(let s) = v else { throw EvalError("join: list contains non-string value \(v.kind)") }
            parts.append(s)
        }
        return parts.joined(separator: sep)
    }
}

/// `strings.quote` and the quoting used in messages: a double-quoted CEL string literal.
enum StringQuoting {
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if c.value < 0x20 || c.value == 0x7F || c.properties.generalCategory == .unassigned {
                    let hex = String(c.value, radix: 16)
                    out += c.value <= 0xFFFF ? "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                                             : "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}

/// `"…".format([args])` of cel-go's strings extension.
enum StringFormatter {
    static func format(_ fmt: String, _ args: [Value]) throws(EvalError) -> String {
        var out = ""
        let s = Array(fmt.unicodeScalars)
        var i = 0
        var argIndex = 0
        while i < s.count {
            let c = s[i]
            i += 1
            guard c == "%" else { out.unicodeScalars.append(c); continue }
            guard i < s.count else { throw EvalError("could not parse formatting clause: unterminated formatting clause") }
            if s[i] == "%" { out += "%"; i += 1; continue }
            var precision: Int? = nil
            if s[i] == "." {
                i += 1
                var p = 0, n = 0
                while i < s.count, s[i].value >= 48, s[i].value <= 57 { p = min(p * 10 + Int(s[i].value - 48), 1000); i += 1; n += 1 }
                precision = p
            }
            guard i < s.count else { throw EvalError("could not parse formatting clause: unterminated formatting clause") }
            let verb = s[i]
            i += 1
            guard "sdfebxXo".unicodeScalars.contains(verb) else {
                throw EvalError("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
            }
            guard argIndex < args.count else { throw EvalError("index \(argIndex) out of range") }
            let arg = args[argIndex]
            argIndex += 1
            out += try clause(verb, precision, arg)
        }
        return out
    }

    private static func fail(_ what: String, _ v: Value) -> EvalError {
        EvalError("error during formatting: \(what), was given \(v.typeValue.name)")
    }

    /// C's `%.<precision>f` or `%.<precision>e` of a finite double (what String(format:) printed).
    /// The longest, `%.1000f` of 1.8e308, is 1,310 bytes.
    static func printf(_ verb: Unicode.Scalar, precision: Int, _ d: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 2048)
        let n = withVaList([d]) { vsnprintf(&buffer, buffer.count, "%.\(precision)\(verb)", $0) }
        return String(decoding: buffer[..<max(0, min(Int(n), buffer.count - 1))].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func clause(_ verb: Unicode.Scalar, _ precision: Int?, _ arg: Value) throws(EvalError) -> String {
        switch verb {
        case "s": return try stringClause(arg)
        case "d":
            switch arg {
            case .int(let i): return String(i)
            case .uint(let u): return String(u)
            case .double(let d) where !d.isFinite: return nonFinite(d)
            default: throw fail("decimal clause can only be used on integers", arg)
            }
        case "f", "e":
            let d: Double
            switch arg {
            case .double(let x): d = x
            case .int(let x): d = Double(x)
            case .uint(let x): d = Double(x)
            default:
                throw fail(verb == "f" ? "fixed-point clause can only be used on doubles" : "scientific clause can only be used on doubles", arg)
            }
            if !d.isFinite { return nonFinite(d) }
            return printf(verb, precision: precision ?? 6, d)
        case "b":
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 2)
            case .uint(let u): return String(u, radix: 2)
            case .bool(let b): return b ? "1" : "0"
            default: throw fail("only integers and bools can be formatted as binary", arg)
            }
        case "o":
            switch arg {
            case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 8)
            case .uint(let u): return String(u, radix: 8)
            default: throw fail("octal clause can only be used on integers", arg)
            }
        default: // x, X
            let upper = verb == "X"
            var text: String
            switch arg {
            case .int(let i): text = (i < 0 ? "-" : "") + String(i.magnitude, radix: 16)
            case .uint(let u): text = String(u, radix: 16)
            case .string(let s): text = hex(Array(s.utf8))
            case .bytes(let b): text = hex(b)
            default: throw fail("only integers, byte buffers, and strings can be formatted as hex", arg)
            }
            if upper { text = text.uppercased() }
            return text
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func nonFinite(_ d: Double) -> String { d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity" }

    /// `%s`: strings verbatim, numbers as CEL prints them, lists and maps recursively
    /// (map entries sorted by their formatted keys).
    static func stringClause(_ v: Value) throws(EvalError) -> String {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return d.isFinite ? DoubleFormat.goG(d, threshold: 21) : nonFinite(d)
        case .null: return "null"
        case .type(let t): return t.name
        case .timestamp(let t): return t.description
        case .duration(let d): return d.description
        case .list(let l):
            var parts: [String] = []
            for e in l { parts.append(try stringClause(e)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m):
            var parts: [(String, String)] = []
            for (k, val) in m.entries { parts.append((try stringClause(k), try stringClause(val))) }
            parts.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return "{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .optional, .object:
            throw fail("string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps", v)
        }
    }
}
