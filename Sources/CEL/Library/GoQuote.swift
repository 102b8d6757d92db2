/// Go's `strconv.Quote`: a double-quoted Go string literal (printable runes kept,
/// others escaped). Used wherever upstream error texts embed `%q`.
public enum GoQuote {
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            // Printable ASCII but the quote and the backslash is kept as it is: the common
            // case, without a look-up of the general category (a 10 MB template text
            // took a second).
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
                out.append(UInt8(scalar.value))
            } else {
                out += escape(scalar, quote: "\"").utf8
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// One rune escaped as `strconv.Quote` would inside a literal delimited by `quote`.
    static func escape(_ r: Unicode.Scalar, quote: Character) -> String {
        switch r {
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\u{0C}": return "\\f"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{0B}": return "\\v"
        case "\\": return "\\\\"
        default: break
        }
        if Character(r) == quote { return "\\" + String(quote) }
        if isPrint(r) { return String(r) }
        let v = r.value
        func hex(_ n: UInt32, _ width: Int) -> String {
            let h = String(n, radix: 16)
            return String(repeating: "0", count: max(0, width - h.count)) + h
        }
        if v < 0x80 { return "\\x" + hex(v, 2) }
        if v < 0x10000 { return "\\u" + hex(v, 4) }
        return "\\U" + hex(v, 8)
    }

    /// An approximation of Go's `unicode.IsPrint` (letters, marks, numbers, punctuation,
    /// symbols and the ASCII space).
    static func isPrint(_ r: Unicode.Scalar) -> Bool {
        if r == " " { return true }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
