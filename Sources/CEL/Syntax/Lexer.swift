/// Splits CEL text (UTF-8 bytes) into tokens. Malformed literals become `.invalid`
/// tokens carrying the message, so the parser reports them at the exact place.
struct Lexer {
    let text: [UInt8]
    private(set) var offset = 0

    init(text: [UInt8]) { self.text = text }

    static let reservedWords: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// For each lowercase first letter, the lengths (bits) of the words with a meaning of
    /// their own (literals, `in`, reserved words) that start with it: an identifier that
    /// matches none (most: `schema`, `metadata`, `r5`) is neither compared nor hashed.
    static let wordLengthsByFirstLetter: [UInt16] = {
        var masks = [UInt16](repeating: 0, count: 26)
        for word in reservedWords.union(["true", "false", "null", "in"]) {
            let bytes = Array(word.utf8)
            masks[Int(bytes[0] - UInt8(ascii: "a"))] |= 1 << bytes.count
        }
        return masks
    }()

    /// Whether `text[start..<end]` (an identifier) may be a literal, `in` or reserved.
    static func mayBeKeyword(_ text: [UInt8], _ start: Int, _ end: Int) -> Bool {
        let first = text[start], length = end - start
        guard first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), length < 16 else { return false }
        return wordLengthsByFirstLetter[Int(first - UInt8(ascii: "a"))] & (1 << length) != 0
    }

    /// Lexes everything.
    static func tokenize(_ text: [UInt8]) -> [Token] {
        var lexer = Lexer(text: text)
        var tokens: [Token] = []
        // At most one token per byte, and the end: no regrowing for the usual short text.
        tokens.reserveCapacity(min(text.count + 1, 256))
        while lexer.append(to: &tokens) {}
        return tokens
    }

    /// Lexes the token after `tokens.last` (not `.eof`) onto `tokens`; false when it is
    /// `.eof`. The previous token decides whether `.5` is a number.
    mutating func append(to tokens: inout [Token]) -> Bool {
        let token = next(previousEndsOperand: tokens.last.map(Self.endsOperand) ?? false)
        tokens.append(token)
        if case .eof = token.kind { return false }
        return true
    }

    private static func endsOperand(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .int, .intOverflow, .uint, .double, .string, .bytes, .true, .false, .null: return true
        case .punct(let p): return p == ")" || p == "]" || p == "}"
        default: return false
        }
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let i = offset + ahead
        return i < text.count ? text[i] : nil
    }

    private static func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    private static func isHex(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }
    private static func isIdentStart(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return c == 0x5F || (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A)
    }
    private static func isIdentPart(_ c: UInt8?) -> Bool { isIdentStart(c) || isDigit(c) }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                offset += 1
            } else if c == 0x2F, peek(1) == 0x2F {
                while let d = peek(), d != 0x0A { offset += 1; _ = d }
            } else {
                return
            }
        }
    }

    mutating func next(previousEndsOperand: Bool) -> Token {
        skipSpaceAndComments()
        let start = offset
        guard let c = peek() else { return Token(kind: .eof, start: start, end: start) }

        if Self.isDigit(c) || (c == 0x2E && Self.isDigit(peek(1)) && !previousEndsOperand) {
            return number(start: start)
        }
        if c == 0x22 || c == 0x27 { return string(start: start, raw: false, bytes: false, prefixLength: 0) }
        if c == 0x60 { return quotedIdentifier(start: start) }
        if Self.isIdentStart(c) {
            if let literal = prefixedString(start: start) { return literal }
            while Self.isIdentPart(peek()) { offset += 1 }
            let word = String(decoding: text[start..<offset], as: UTF8.self)
            guard Self.mayBeKeyword(text, start, offset) else {
                return Token(kind: .identifier(word), start: start, end: offset)
            }
            let kind: Token.Kind
            switch word {
            case "true": kind = .true
            case "false": kind = .false
            case "null": kind = .null
            case "in": kind = .in
            default: kind = Self.reservedWords.contains(word) ? .reserved(word) : .identifier(word)
            }
            return Token(kind: kind, start: start, end: offset)
        }
        if let p = punctuation(c) {
            offset += p.utf8.count
            return Token(kind: .punct(p), start: start, end: offset)
        }
        // One whole (possibly multi-byte) character that no token starts with.
        offset += Self.scalarLength(at: start, in: text)
        let shown = String(decoding: text[start..<offset], as: UTF8.self)
        return Token(kind: .invalid("Syntax error: token recognition error at: '\(shown)'"), start: start, end: offset)
    }

    /// The longest punctuation token at `offset`, whose first byte is `c`: the two-byte
    /// tokens, else the one-byte ones (a `&`, `|` or `=` alone is none).
    private func punctuation(_ c: UInt8) -> String? {
        let second = peek(1)
        switch c {
        case UInt8(ascii: "&"): return second == UInt8(ascii: "&") ? "&&" : nil
        case UInt8(ascii: "|"): return second == UInt8(ascii: "|") ? "||" : nil
        case UInt8(ascii: "="): return second == UInt8(ascii: "=") ? "==" : nil
        case UInt8(ascii: "!"): return second == UInt8(ascii: "=") ? "!=" : "!"
        case UInt8(ascii: "<"): return second == UInt8(ascii: "=") ? "<=" : "<"
        case UInt8(ascii: ">"): return second == UInt8(ascii: "=") ? ">=" : ">"
        case UInt8(ascii: "."): return second == UInt8(ascii: "?") ? ".?" : "."
        case UInt8(ascii: "("): return "("
        case UInt8(ascii: ")"): return ")"
        case UInt8(ascii: "["): return "["
        case UInt8(ascii: "]"): return "]"
        case UInt8(ascii: "{"): return "{"
        case UInt8(ascii: "}"): return "}"
        case UInt8(ascii: ","): return ","
        case UInt8(ascii: ":"): return ":"
        case UInt8(ascii: "?"): return "?"
        case UInt8(ascii: "-"): return "-"
        case UInt8(ascii: "+"): return "+"
        case UInt8(ascii: "*"): return "*"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "%"): return "%"
        default: return nil
        }
    }

    static func scalarLength(at i: Int, in text: [UInt8]) -> Int {
        let lead = text[i]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return min(length, text.count - i)
    }

    /// `r"…"`, `b'…'`, `rb"…"`, `BR'''…'''` and friends.
    private mutating func prefixedString(start: Int) -> Token? {
        var raw = false, bytes = false, i = offset
        while i < text.count, i - offset < 2 {
            let c = text[i] | 0x20
            if c == 0x72, !raw { raw = true } else if c == 0x62, !bytes { bytes = true } else { break }
            i += 1
        }
        guard i > offset, i < text.count, text[i] == 0x22 || text[i] == 0x27 else { return nil }
        let prefix = i - offset
        offset = i
        return string(start: start, raw: raw, bytes: bytes, prefixLength: prefix)
    }

    private mutating func number(start: Int) -> Token {
        if peek() == 0x30, peek(1) == 0x78 || peek(1) == 0x58 {
            offset += 2
            let digitsStart = offset
            while Self.isHex(peek()) { offset += 1 }
            let digits = String(decoding: text[digitsStart..<offset], as: UTF8.self)
            if digits.isEmpty { return Token(kind: .invalid("Syntax error: invalid hex literal"), start: start, end: offset) }
            if peek() == 0x75 || peek() == 0x55 {
                offset += 1
                guard let v = UInt64(digits, radix: 16) else { return invalid("invalid uint literal", start) }
                return Token(kind: .uint(v), start: start, end: offset)
            }
            guard let v = UInt64(digits, radix: 16) else { return invalid("invalid int literal", start) }
            if v > UInt64(Int64.max) {
                return Token(kind: .intOverflow("0x" + digits), start: start, end: offset)
            }
            return Token(kind: .int(Int64(v)), start: start, end: offset)
        }
        var isFloat = false
        while Self.isDigit(peek()) { offset += 1 }
        if peek() == 0x2E, Self.isDigit(peek(1)) {
            isFloat = true
            offset += 1
            while Self.isDigit(peek()) { offset += 1 }
        }
        if peek() == 0x65 || peek() == 0x45 {
            var j = offset + 1
            if j < text.count, text[j] == 0x2B || text[j] == 0x2D { j += 1 }
            if j < text.count, Self.isDigit(text[j]) {
                isFloat = true
                offset = j
                while Self.isDigit(peek()) { offset += 1 }
            }
        }
        let literal = String(decoding: text[start..<offset], as: UTF8.self)
        if isFloat {
            guard let v = Double(literal) else { return invalid("invalid double literal", start) }
            return Token(kind: .double(v), start: start, end: offset)
        }
        if peek() == 0x75 || peek() == 0x55 {
            offset += 1
            guard let v = UInt64(literal) else { return invalid("invalid uint literal", start) }
            return Token(kind: .uint(v), start: start, end: offset)
        }
        if let v = Int64(literal) { return Token(kind: .int(v), start: start, end: offset) }
        return Token(kind: .intOverflow(literal), start: start, end: offset)
    }

    /// `` `name` ``: letters, digits, `_`, `.`, `-`, `/` between backticks.
    private mutating func quotedIdentifier(start: Int) -> Token {
        offset += 1
        while let c = peek(), c != 0x60, c != 0x0A {
            let ok = Self.isIdentPart(c) || c == 0x2E || c == 0x2D || c == 0x2F || c == 0x20
            guard ok else { break }
            offset += 1
        }
        guard peek() == 0x60, offset > start + 1 else {
            return Token(kind: .invalid("Syntax error: token recognition error at: '`'"), start: start, end: start + 1)
        }
        offset += 1
        let name = String(decoding: text[(start + 1)..<(offset - 1)], as: UTF8.self)
        return Token(kind: .quotedIdentifier(name), start: start, end: offset)
    }

    private func invalid(_ message: String, _ start: Int) -> Token {
        Token(kind: .invalid(message), start: start, end: offset)
    }

    private mutating func string(start: Int, raw: Bool, bytes: Bool, prefixLength: Int) -> Token {
        let quote = text[offset]
        let triple = peek(1) == quote && peek(2) == quote
        offset += triple ? 3 : 1
        let bodyStart = offset
        while true {
            guard let c = peek() else {
                // ANTLR shows everything the unterminated literal consumed.
                return Token(kind: .invalid("Syntax error: token recognition error at: '\(String(decoding: text[start..<offset], as: UTF8.self))'"),
                             start: start, end: offset)
            }
            if c == 0x5C && !raw {
                offset += min(2, text.count - offset)
                continue
            }
            if !triple && (c == 0x0A || c == 0x0D) {
                return Token(kind: .invalid("Syntax error: token recognition error at: '\(String(decoding: text[start..<offset], as: UTF8.self))'"),
                             start: start, end: offset)
            }
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                let body = Array(text[bodyStart..<offset])
                offset += triple ? 3 : 1
                return decode(body, raw: raw, bytes: bytes, start: start, bodyStart: bodyStart)
            }
            offset += 1
        }
    }

    private func decode(_ body: [UInt8], raw: Bool, bytes: Bool, start: Int, bodyStart: Int) -> Token {
        switch StringEscapes.decode(body, raw: raw, bytes: bytes) {
        case .success(let decoded):
            if bytes { return Token(kind: .bytes(decoded), start: start, end: offset) }
            guard let s = String(validating: decoded, as: UTF8.self) else {
                return Token(kind: .invalid("Syntax error: invalid UTF-8 in string literal"), start: start, end: offset)
            }
            return Token(kind: .string(s), start: start, end: offset)
        case .failure(let error):
            return Token(kind: .invalid("Syntax error: \(error.message)"), start: bodyStart + error.offset,
                         end: min(bodyStart + error.offset + error.length, offset))
        }
    }
}
