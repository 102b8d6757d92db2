/// A lexical token of CEL text, with its byte range.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case identifier(String)
        /// A backtick-quoted name (`` `content-type` ``), valid only after a dot.
        case quotedIdentifier(String)
        case int(Int64)
        /// An int literal too large for Int64 unless negated (`9223372036854775808`).
        case intOverflow(String)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case `true`, `false`, null
        case `in`
        case reserved(String)
        case punct(String)
        /// A character no token starts with, or a malformed literal (message inside).
        case invalid(String)
        case eof
    }

    var kind: Kind
    var start: Int
    var end: Int

    var span: SourceSpan { SourceSpan(start: start, end: end) }

    /// The token as ANTLR-based cel-go prints it in syntax errors.
    func display(in text: [UInt8]) -> String {
        if kind == .eof { return "<EOF>" }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = kind { return q == p }  // no `.punct(p)` built to compare
        return false
    }
}
