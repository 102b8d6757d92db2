import JSON
import OrderedCollections

/// Writes a `JSONValue` as block-style YAML, deterministically: keys in the value's
/// order, sequences indented like kubectl prints them (`- ` at the parent key's column),
/// and strings quoted only when a plain scalar would read back as something else.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a newline.
    public static func write(_ value: JSONValue) -> String {
        // Written as bytes, made a String once: appending to a String took 330 instructions a
        // piece, a third of rendering 10,000 objects.
        var out: [UInt8] = []
        switch value {
        case .object(let members) where !members.isEmpty:
            writeMembers(members, indent: 0, into: &out)
        case .array(let items) where !items.isEmpty:
            writeItems(items, indent: 0, into: &out)
        default:
            out += inline(value).utf8
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func writeMembers(_ members: OrderedDictionary<String, JSONValue>, indent: Int,
                                     into out: inout [UInt8]) {
        for (key, value) in members {
            spaces(indent, into: &out)
            out += scalarText(key).utf8
            out.append(UInt8(ascii: ":"))
            writeNested(value, keyIndent: indent, into: &out)
        }
    }

    /// The value after `key:` (inline scalars on the same line, collections below).
    private static func writeNested(_ value: JSONValue, keyIndent: Int, into out: inout [UInt8]) {
        switch value {
        case .object(let members) where !members.isEmpty:
            out.append(UInt8(ascii: "\n"))
            writeMembers(members, indent: keyIndent + 2, into: &out)
        case .array(let items) where !items.isEmpty:
            out.append(UInt8(ascii: "\n"))
            writeItems(items, indent: keyIndent, into: &out)
        default:
            out.append(UInt8(ascii: " "))
            out += inline(value).utf8
            out.append(UInt8(ascii: "\n"))
        }
    }

    private static func writeItems(_ items: [JSONValue], indent: Int, into out: inout [UInt8]) {
        for item in items {
            spaces(indent, into: &out)
            out.append(UInt8(ascii: "-"))
            switch item {
            case .object(let members) where !members.isEmpty:
                // The first member shares the dash's line; the rest align under it.
                var first = true
                for (key, value) in members {
                    spaces(first ? 1 : indent + 2, into: &out)
                    out += scalarText(key).utf8
                    out.append(UInt8(ascii: ":"))
                    writeNested(value, keyIndent: indent + 2, into: &out)
                    first = false
                }
            case .array(let inner) where !inner.isEmpty:
                // `- - x`: the inner list's first dash shares this line.
                var nested: [UInt8] = []
                writeItems(inner, indent: indent + 2, into: &nested)
                out.append(UInt8(ascii: " "))
                out += nested.dropFirst(indent + 2)
            default:
                out.append(UInt8(ascii: " "))
                out += inline(item).utf8
                out.append(UInt8(ascii: "\n"))
            }
        }
    }

    private static func spaces(_ count: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Scalars and empty collections, written on one line.
    static func inline(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): number(d)
        case .string(let s): scalarText(s)
        case .array: "[]"
        case .object: "{}"
        }
    }

    /// A float that every YAML reader takes as a float (mantissa with a `.`).
    static func number(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        var text = "\(d)"
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") {
            text.insert(contentsOf: ".0", at: e)
        }
        return text
    }

    /// A string as a plain scalar when that reads back as the same string, else double-quoted.
    static func scalarText(_ s: String) -> String {
        needsQuotes(s) ? doubleQuoted(s) : s
    }

    /// `s` as a YAML double-quoted scalar that reads back as exactly `s`.
    public static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
                    || u.value == 0xFEFF || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += u.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private static let reservedWords: Set<String> = [
        "", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
        "<<", "=",
    ]

    static func needsQuotes(_ s: String) -> Bool {
        // The reserved words are at most five bytes: most strings skip the hashing.
        if s.utf8.count <= 5, reservedWords.contains(s) { return true }
        var s = s
        return s.withUTF8 { b in
            // By bytes, in one pass: the characters looked for are ASCII, and no other
            // character's bytes are (String's `contains`, then a set of indicators and a pass
            // over the scalars, were half of rendering 10,000 objects).
            guard let first = b.first, let last = b.last else { return true }
            if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
                return true
            }
            if indicators[Int(first)] || last == UInt8(ascii: ":") { return true }
            var previous: UInt8 = 0
            var ascii = true
            for byte in b {
                if byte < 0x20 || byte == 0x7F { return true }
                if byte >= 0x80 { ascii = false }
                // `: ` and ` #`.
                if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " "))
                    || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) { return true }
                previous = byte
            }
            if !ascii && String(decoding: b, as: UTF8.self).unicodeScalars.contains(where: {
                (0x80...0x9F).contains($0.value) || $0.value == 0xFEFF || $0.value == 0x2028 || $0.value == 0x2029
            }) { return true }
            return looksNumericOrDate(b)
        }
    }

    /// Characters that start a YAML indicator (`-x`, `?x`, `:x` are plain in block context
    /// only when followed by a non-space; quoting them all keeps the rule simple and safe).
    private static let indicators: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "-?:,[]{}#&*!|>'\"%@`".utf8 { table[Int(c)] = true }
        return table
    }()

    /// Numbers, sexagesimals, dates and times are all built from these characters.
    private static let numberish: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in "0123456789abcdefABCDEFxXoO_.:+-eEtTzZ ".utf8 { table[Int(c)] = true }
        return table
    }()

    /// Anything a YAML 1.1 or 1.2 resolver might take for a number or timestamp. By bytes,
    /// with the tables made once (making them at each call was a fifth of a render).
    private static func looksNumericOrDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-") { i = 1 }
        guard i < b.count else { return false }
        let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        guard isDigit(b[i]) || (b[i] == UInt8(ascii: ".") && i + 1 < b.count && isDigit(b[i + 1])) else { return false }
        return b.allSatisfy { numberish[Int($0)] }
    }
}
