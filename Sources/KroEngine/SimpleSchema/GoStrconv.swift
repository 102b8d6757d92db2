import CEL
/// The parts of Go's `strconv` that kro uses to read SimpleSchema marker values. kro's
/// acceptance of a value is decided by these functions, so they follow Go's syntax, not
/// Swift's (`ParseBool` accepts `t`, `ParseFloat` accepts `inf` and hex floats, …).
enum GoStrconv {
    /// `strconv.ParseBool`.
    static func parseBool(_ s: String) -> Bool? {
        switch s {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }

    enum NumberError: Error, Equatable { case syntax, range }

    /// `strconv.ParseInt(s, 10, 64)`: optional sign, decimal digits, no underscores.
    static func parseInt(_ s: String) -> Result<Int64, NumberError> {
        var bytes = Substring(s).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if bytes.isEmpty { return .failure(.syntax) }
        var magnitude: UInt64 = 0
        var overflow = false
        for b in bytes {
            guard b >= 48, b <= 57 else { return .failure(.syntax) }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(b - 48))
            if o1 || o2 { overflow = true }
            magnitude = m2
        }
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if overflow || magnitude > limit { return .failure(.range) }
        if negative { return .success(magnitude == limit ? Int64.min : -Int64(magnitude)) }
        return .success(Int64(magnitude))
    }

    /// `strconv.ParseFloat(s, 64)`: decimal or hexadecimal (`0x1p-2`) floats, `inf`,
    /// `infinity`, `nan` (any case, optional sign); underscores only after a base prefix.
    static func parseFloat(_ s: String) -> Result<Double, NumberError> {
        var body = Substring(s)
        var sign = 1.0
        if let c = body.first, c == "+" || c == "-" {
            if c == "-" { sign = -1 }
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return .success(sign * .infinity)
        case "nan": return .success(.nan)
        default: break
        }
        let lower = body.lowercased()
        if lower.hasPrefix("0x") {
            let digits = lower.dropFirst(2).filter { $0 != "_" }
            guard isHexFloat(Substring(digits)), let v = Double("0x" + digits) else { return .failure(.syntax) }
            return v.isFinite ? .success(sign * v) : .failure(.range)
        }
        guard isDecimalFloat(body) else { return .failure(.syntax) }
        guard let v = Double(String(body)) else { return .failure(.syntax) }
        return v.isFinite ? .success(sign * v) : .failure(.range)
    }

    private static func isDecimalFloat(_ s: Substring) -> Bool {
        var i = s.startIndex
        var mantissaDigits = 0
        while i < s.endIndex, s[i].isASCII, s[i].isNumber { mantissaDigits += 1; i = s.index(after: i) }
        if i < s.endIndex, s[i] == "." {
            i = s.index(after: i)
            while i < s.endIndex, s[i].isASCII, s[i].isNumber { mantissaDigits += 1; i = s.index(after: i) }
        }
        guard mantissaDigits > 0 else { return false }
        if i < s.endIndex, s[i] == "e" || s[i] == "E" {
            i = s.index(after: i)
            if i < s.endIndex, s[i] == "+" || s[i] == "-" { i = s.index(after: i) }
            var expDigits = 0
            while i < s.endIndex, s[i].isASCII, s[i].isNumber { expDigits += 1; i = s.index(after: i) }
            guard expDigits > 0 else { return false }
        }
        return i == s.endIndex
    }

    /// Hex mantissa with a mandatory `p` exponent (Go requires it for hex floats).
    private static func isHexFloat(_ s: Substring) -> Bool {
        guard let p = s.firstIndex(of: "p") else { return false }
        let mantissa = s[..<p]
        let exponent = s[s.index(after: p)...]
        let hex = mantissa.filter { $0 != "." }
        guard !hex.isEmpty, mantissa.filter({ $0 == "." }).count <= 1,
              hex.allSatisfy({ $0.isHexDigit }) else { return false }
        var e = exponent[...]
        if let c = e.first, c == "+" || c == "-" { e = e.dropFirst() }
        return !e.isEmpty && e.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Go's `%q`-style rendering used inside error texts (`parsing "x": invalid syntax`).
    static func quote(_ s: String) -> String { GoQuote.quote(s) }

    /// The text of a strconv error as Go prints it.
    static func errorText(function: String, input: String, _ error: NumberError) -> String {
        "strconv.\(function): parsing \(quote(input)): " + (error == .syntax ? "invalid syntax" : "value out of range")
    }
}
