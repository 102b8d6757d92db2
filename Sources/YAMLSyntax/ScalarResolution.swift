// Scalar resolution as kubectl's YAML→JSON conversion does it (sigs.k8s.io/yaml over
// go-yaml v2, YAML 1.1 style; rgd.md §1).

extension YAMLScalar {
    /// The JSON value kubectl produces for this scalar. Quoted and block scalars are
    /// strings, and a tag decides for itself (ScalarTags.swift); plain scalars resolve to null, booleans
    /// (`yes`/`no`/`on`/`off`…), integers (decimal, `0x`, `0o`, leading-`0` octal, `0b`,
    /// `_` ignored) and floats. A number is `.int` iff it is integral and fits Int64.
    public var resolved: ResolvedScalar {
        switch goValue {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): .float(Double(u))
        case .float(let d): Self.number(d)
        case .string(let s): .string(s)
        }
    }

    /// The JSON object key kubectl makes of this scalar.
    public var keyString: String {
        switch goValue {
        case .string(let s): s
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .float(let d): Self.goFloat32G(d)
        }
    }

    /// The Go value go-yaml v2 decodes before kubectl re-encodes it as JSON.
    enum GoValue {
        case null, bool(Bool), int(Int64), uint(UInt64), float(Double), string(String)
    }

    var goValue: GoValue {
        if let tag { return Self.resolveTagged(value, tag: tag).value }
        guard style == .plain else { return .string(value) }
        return Self.resolvePlain(value)
    }

    /// Why go-yaml v2 fails the document at this scalar: a tag that cannot hold its
    /// value (`!!int abc`, `!!binary` that is not base64); nil for nearly every scalar.
    var tagProblem: String? {
        guard let tag else { return nil }
        return Self.resolveTagged(value, tag: tag).problem
    }

    static func resolvePlain(_ s: String) -> GoValue {
        let utf8 = s.utf8
        guard let first = utf8.first else { return .null }
        // The special words are 1–5 bytes long and start with one of `~nNyYtTfFoO.+-`;
        // everything else skips the comparisons.
        if utf8.count <= 5, let special = specialWord(s, first: first) { return special }
        if first == UInt8(ascii: ".") {
            // go-yaml: not a special float, so maybe a normal one (".5").
            if let d = goParseFloat(s) { return .float(d) }
            return .string(s)
        }
        guard first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else {
            return .string(s)
        }
        if let quick = quickDigitFirst(utf8, first: first, s) { return quick }
        return parseNumber(s)
    }

    /// Digit-first scalars decided from their bytes, or nil for `parseNumber`: plain
    /// decimals (`8080`; no leading `0`, which is octal; up to 18 digits) are ints, and a
    /// byte that no number form `parseNumber` accepts can hold after a leading digit
    /// (`100m`, `64Mi`, `30s`) makes a string. Those forms use only hex digits, `x`/`o`/`b`
    /// prefixes and `_` (ints), digits, `.`, `e`/`E` and a sign (yamlStyleFloat).
    static func quickDigitFirst(_ utf8: String.UTF8View, first: UInt8, _ s: String) -> GoValue? {
        guard (0x30...0x39).contains(first) else { return nil }
        var allDigits = true
        var value: Int64 = 0
        for c in utf8 {
            switch c {
            case 0x30...0x39:
                value = value &* 10 &+ Int64(c - 0x30)
            case 0x61...0x66, 0x41...0x46, UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"),
                 UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
                allDigits = false
            default:
                return .string(s)
            }
        }
        guard allDigits, first != UInt8(ascii: "0") || utf8.count == 1, utf8.count <= 18 else { return nil }
        return .int(value)
    }

    /// go-yaml v2's number resolution of a plain scalar starting with a sign or a digit
    /// (`_` removed; int, uint, float, `0b` binary), else a string.
    static func parseNumber(_ s: String) -> GoValue {
        let plain = s.replacingUnderscores()
        if let i = goParseInt(plain) { return .int(i) }
        if let u = goParseUInt(plain) { return .uint(u) }
        if let d = goParseFloat(plain) { return .float(d) }
        if plain.hasPrefix("0b"), let u = UInt64(plain.dropFirst(2), radix: 2) {
            return u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
        }
        if plain.hasPrefix("-0b"), let u = UInt64(plain.dropFirst(3), radix: 2), u <= UInt64(Int64.max) + 1 {
            return .int(u == UInt64(Int64.max) + 1 ? Int64.min : -Int64(u))
        }
        return .string(s)
    }

    /// go-yaml v2's resolve table (null, bool and special float words), by first byte.
    private static func specialWord(_ s: String, first: UInt8) -> GoValue? {
        switch first {
        case UInt8(ascii: "~"): return s == "~" ? .null : nil
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            switch s {
            case "null", "Null", "NULL": return .null
            case "n", "N", "no", "No", "NO": return .bool(false)
            default: return nil
            }
        case UInt8(ascii: "y"), UInt8(ascii: "Y"):
            switch s {
            case "y", "Y", "yes", "Yes", "YES": return .bool(true)
            default: return nil
            }
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            switch s {
            case "true", "True", "TRUE": return .bool(true)
            default: return nil
            }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            switch s {
            case "false", "False", "FALSE": return .bool(false)
            default: return nil
            }
        case UInt8(ascii: "o"), UInt8(ascii: "O"):
            switch s {
            case "on", "On", "ON": return .bool(true)
            case "off", "Off", "OFF": return .bool(false)
            default: return nil
            }
        case UInt8(ascii: "."):
            switch s {
            case ".inf", ".Inf", ".INF": return .float(.infinity)
            case ".nan", ".NaN", ".NAN": return .float(.nan)
            default: return nil
            }
        case UInt8(ascii: "+"):
            switch s {
            case "+.inf", "+.Inf", "+.INF": return .float(.infinity)
            default: return nil
            }
        case UInt8(ascii: "-"):
            switch s {
            case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
            default: return nil
            }
        default: return nil
        }
    }

    /// A float as kubectl's JSON carries it: integral values that fit Int64 become ints.
    private static func number(_ d: Double) -> ResolvedScalar {
        if d.isFinite, d == d.rounded(), d >= -9.223372036854775808e18, d < 9.223372036854775808e18 {
            return .int(Int64(d))
        }
        return .float(d)
    }

    /// Go's strconv.ParseInt(s, 0, 64): optional sign, then `0x`, `0o`, `0b`, leading-`0`
    /// octal or decimal digits.
    static func goParseInt(_ s: String) -> Int64? {
        var body = Substring(s)
        var negative = false
        if body.first == "+" || body.first == "-" { negative = body.first == "-"; body = body.dropFirst() }
        guard let magnitude = goParseUInt(String(body)), !body.hasPrefix("+"), !body.hasPrefix("-") else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Go's strconv.ParseUint(s, 0, 64) (no sign allowed).
    static func goParseUInt(_ s: String) -> UInt64? {
        let lower = s.lowercased()
        let (digits, radix): (Substring, Int)
        if lower.hasPrefix("0x") { (digits, radix) = (Substring(s).dropFirst(2), 16) }
        else if lower.hasPrefix("0o") { (digits, radix) = (Substring(s).dropFirst(2), 8) }
        else if lower.hasPrefix("0b") { (digits, radix) = (Substring(s).dropFirst(2), 2) }
        else if s.hasPrefix("0") && s.count > 1 { (digits, radix) = (Substring(s).dropFirst(1), 8) }
        else { (digits, radix) = (Substring(s), 10) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isHexDigit) }) else { return nil }
        return UInt64(digits, radix: radix)
    }

    /// go-yaml v2's yamlStyleFloat: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func isYAMLStyleFloat(_ s: String) -> Bool {
        var b = Array(s.utf8)[...]
        func digits() -> Int {
            var n = 0
            while let c = b.first, (0x30...0x39).contains(c) { b = b.dropFirst(); n += 1 }
            return n
        }
        if b.first == UInt8(ascii: "+") || b.first == UInt8(ascii: "-") { b = b.dropFirst() }
        if b.first == UInt8(ascii: ".") {
            b = b.dropFirst()
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if b.first == UInt8(ascii: ".") { b = b.dropFirst(); _ = digits() }
        }
        if b.first == UInt8(ascii: "e") || b.first == UInt8(ascii: "E") {
            b = b.dropFirst()
            if b.first == UInt8(ascii: "+") || b.first == UInt8(ascii: "-") { b = b.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return b.isEmpty
    }

    /// Decimal float parsing for the forms go-yaml accepts here.
    static func goParseFloat(_ s: String) -> Double? {
        guard isYAMLStyleFloat(s) else { return nil }
        return Double(s)
    }

    /// Go's strconv.FormatFloat(d, 'g', -1, 32), as sigs.k8s.io/yaml formats float keys.
    static func goFloat32G(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        let f = Float(d)
        if f == 0 { return f.sign == .minus ? "-0" : "0" }
        // Shortest round-trip digits of the float32 value, in scientific form.
        let sci = "\(f)".lowercased()
        var mantissa = Substring(sci), exponent = 0
        if let e = sci.firstIndex(of: "e") {
            mantissa = sci[..<e]
            exponent = Int(sci[sci.index(after: e)...]) ?? 0
        }
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(String.init) ?? ""
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = Array(intPart + fracPart)
        var pointPos = intPart.count + exponent
        while digits.first == "0" && digits.count > 1 { digits.removeFirst(); pointPos -= 1 }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        let exp = pointPos - 1
        let sign = negative ? "-" : ""
        if exp < -4 || exp >= 6 {
            let m = digits.count > 1 ? "\(digits[0])." + String(digits[1...]) : String(digits[0])
            let e = abs(exp) < 10 ? "0\(abs(exp))" : "\(abs(exp))"
            return "\(sign)\(m)e\(exp < 0 ? "-" : "+")\(e)"
        }
        if pointPos <= 0 { return sign + "0." + String(repeating: "0", count: -pointPos) + String(digits) }
        if pointPos >= digits.count { return sign + String(digits) + String(repeating: "0", count: pointPos - digits.count) }
        return sign + String(digits[..<pointPos]) + "." + String(digits[pointPos...])
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
