// Explicitly tagged scalars, as go-yaml v2 decodes them for kubectl: the tag, not the
// style, decides (`!!int "3"` is the number 3, `!foo 1` the string "1"), and a value the
// tag cannot hold fails the whole document.

extension YAMLScalar {
    private static let yamlTagPrefix = "tag:yaml.org,2002:"

    /// The Go value of a scalar tagged `tag` (as libyaml reports it: `!!int` expanded),
    /// and the error go-yaml v2 stops at when the tag cannot hold the value.
    static func resolveTagged(_ value: String, tag: String) -> (value: GoValue, problem: String?) {
        let short = tag.hasPrefix(yamlTagPrefix) ? "!!" + tag.dropFirst(yamlTagPrefix.count) : tag
        switch short {
        case "!!str":
            return (.string(value), nil)
        case "!!binary":
            // The decoded bytes as a Go string, which kubectl's JSON encoder writes with
            // each byte of invalid UTF-8 as U+FFFD.
            guard let bytes = goBase64Decode(value) else { return (.string(value), "!!binary value contains invalid base64 data") }
            return (.string(goJSONText(bytes)), nil)
        case "!!bool", "!!int", "!!float", "!!null", "!!timestamp":
            let plain = resolvePlain(value)
            let resolvedTag = switch plain {
            case .null: "!!null"
            case .bool: "!!bool"
            case .int, .uint: "!!int"
            case .float: "!!float"
            case .string: short == "!!timestamp" && isGoTimestamp(value) ? "!!timestamp" : "!!str"
            }
            if resolvedTag == short { return (plain, nil) }
            if short == "!!float", case .int(let i) = plain { return (.float(Double(i)), nil) }
            return (.string(value), "cannot decode \(resolvedTag) `\(value)` as a \(short)")
        default:
            // Any other tag (`!`, `!local`, `!!map`): go-yaml keeps the text.
            return (.string(value), nil)
        }
    }

    /// Go's `base64.StdEncoding.DecodeString`: padding required, line breaks skipped,
    /// anything else outside the alphabet rejected. nil when invalid.
    static func goBase64Decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var quantum: UInt32 = 0, digits = 0, padding = 0
        for byte in text.utf8 where byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") {
            if byte == UInt8(ascii: "=") {
                guard digits >= 2, digits + padding < 4 else { return nil }
                padding += 1
                continue
            }
            guard padding == 0, let sextet = base64Sextet(byte) else { return nil }
            quantum = quantum << 6 | sextet
            digits += 1
            if digits == 4 {
                out += [UInt8(truncatingIfNeeded: quantum >> 16), UInt8(truncatingIfNeeded: quantum >> 8),
                        UInt8(truncatingIfNeeded: quantum)]
                (quantum, digits) = (0, 0)
            }
        }
        switch (digits, padding) {
        case (0, 0): break
        case (2, 2): out.append(UInt8(truncatingIfNeeded: quantum >> 4))
        case (3, 1): out += [UInt8(truncatingIfNeeded: quantum >> 10), UInt8(truncatingIfNeeded: quantum >> 2)]
        default: return nil
        }
        return out
    }

    private static func base64Sextet(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(byte - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }

    /// Bytes as Go's JSON encoder writes them: valid UTF-8 kept, each other byte U+FFFD.
    static func goJSONText(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buf in
            var scalars = String.UnicodeScalarView()
            var i = 0
            while i < buf.count {
                let length = UTF8Validation.scalarLength(buf, at: i)
                guard length > 0 else {
                    scalars.append("\u{FFFD}")
                    i += 1
                    continue
                }
                scalars.append(Unicode.Scalar(UTF8Validation.scalarValue(buf, at: i, length: length)) ?? "\u{FFFD}")
                i += length
            }
            return String(scalars)
        }
    }

    /// go-yaml v2's `parseTimestamp`: Go's `time.Parse` with `2006-1-2T15:4:5.999999999Z07:00`
    /// (or a lower-case `t`), `2006-1-2 15:4:5.999999999` or `2006-1-2`.
    static func isGoTimestamp(_ text: String) -> Bool {
        var rest = Substring(text).utf8[...]
        func number(maxDigits: Int) -> Int? {
            let digits = rest.prefix(maxDigits).prefix { (0x30...0x39).contains($0) }
            guard !digits.isEmpty else { return nil }
            rest = rest.dropFirst(digits.count)
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func skip(_ byte: UInt8) -> Bool {
            guard rest.first == byte else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard rest.prefix(4).allSatisfy({ (0x30...0x39).contains($0) }), rest.count > 4,
              let year = number(maxDigits: 4), skip(UInt8(ascii: "-")),
              let month = number(maxDigits: 2), (1...12).contains(month), skip(UInt8(ascii: "-")),
              let day = number(maxDigits: 2) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return false }
        guard let separator = rest.first else { return true }
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return false }
        rest = rest.dropFirst()
        guard let hour = number(maxDigits: 2), hour < 24, skip(UInt8(ascii: ":")),
              let minute = number(maxDigits: 2), minute < 60, skip(UInt8(ascii: ":")),
              let second = number(maxDigits: 2), second < 60 else { return false }
        if let mark = rest.first, mark == UInt8(ascii: ".") || mark == UInt8(ascii: ","),
           let digit = rest.dropFirst().first, (0x30...0x39).contains(digit) {
            rest = rest.dropFirst().drop { (0x30...0x39).contains($0) }
        }
        if separator == UInt8(ascii: " ") { return rest.isEmpty }
        if skip(UInt8(ascii: "Z")) { return rest.isEmpty }
        // ±hh:mm
        let zone = Array(rest)
        guard zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"), zone[3] == UInt8(ascii: ":"),
              [1, 2, 4, 5].allSatisfy({ (0x30...0x39).contains(zone[$0]) }) else { return false }
        return true
    }
}
