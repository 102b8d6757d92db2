import JSON
import OrderedCollections

/// Writes a `JSONValue` as block-style YAML, deterministically: keys in the value's
/// order, sequences indented like kubectl prints them (`- ` at the parent key's column),
/// and strings quoted only when a plain scalar would read back as something else.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a newline.
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .object(let members) where !members.isEmpty:
            writeMembers(members, indent: 0, into: &out)
        case .array(let items) where !items.isEmpty:
            writeItems(items, indent: 0, into: &out)
        default:
            out = inline(value) + "\n"
        }
        return out
    }

    private static func writeMembers(_ members: OrderedDictionary<String, JSONValue>, indent: Int,
                                     into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in members {
            out += pad + scalarText(key) + ":"
            writeNested(value, keyIndent: indent, into: &out)
        }
    }

    /// The value after `key:` (inline scalars on the same line, collections below).
    private static func writeNested(_ value: JSONValue, keyIndent: Int, into out: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "\n"
            writeMembers(members, indent: keyIndent + 2, into: &out)
        case .array(let items) where !items.isEmpty:
            out += "\n"
            writeItems(items, indent: keyIndent, into: &out)
        default:
            out += " " + inline(value) + "\n"
        }
    }

    private static func writeItems(_ items: [JSONValue], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            out += pad + "-"
            switch item {
            case .object(let members) where !members.isEmpty:
                // The first member shares the dash's line; the rest align under it.
                var first = true
                for (key, value) in members {
                    out += (first ? " " : pad + "  ") + scalarText(key) + ":"
                    writeNested(value, keyIndent: indent + 2, into: &out)
                    first = false
                }
            case .array(let inner) where !inner.isEmpty:
                // `- - x`: the inner list's first dash shares this line.
                var nested = ""
                writeItems(inner, indent: indent + 2, into: &nested)
                out += " " + nested.dropFirst(indent + 2)
            default:
                out += " " + inline(item) + "\n"
            }
        }
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
        if reservedWords.contains(s) { return true }
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return true }
        if " \t".unicodeScalars.contains(first) || " \t".unicodeScalars.contains(last) { return true }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // `-x`, `?x`, `:x` are plain in block context only when followed by a non-space;
            // quoting them all keeps the rule simple and safe.
            return true
        }
        if s.hasSuffix(":") { return true }
        // `: ` and ` #` by bytes (String's `contains` was half of rendering 10,000 objects).
        var previous: UInt8 = 0
        for byte in s.utf8 {
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " "))
                || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) { return true }
            previous = byte
        }
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0xFEFF
                || u.value == 0x2028 || u.value == 0x2029 || u == "\u{85}" {
                return true
            }
        }
        return looksNumericOrDate(s)
    }

    /// Anything a YAML 1.1 or 1.2 resolver might take for a number or timestamp.
    private static func looksNumericOrDate(_ s: String) -> Bool {
        let chars = Array(s.unicodeScalars)
        var i = 0
        if chars[0] == "+" || chars[0] == "-" { i = 1 }
        guard i < chars.count else { return false }
        let c = chars[i]
        let startsNumeric = ("0"..."9").contains(c) || (c == "." && i + 1 < chars.count && ("0"..."9").contains(chars[i + 1]))
        guard startsNumeric else { return false }
        // Numbers, sexagesimals, dates and times are all built from these characters.
        let numberish = Set("0123456789abcdefABCDEFxXoO_.:+-eEtTzZ ".unicodeScalars)
        return chars.allSatisfy { numberish.contains($0) }
    }
}
