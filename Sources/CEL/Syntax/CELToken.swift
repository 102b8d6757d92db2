/// A lexical token of CEL text as editors classify it (semantic highlighting).
public struct CELToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case identifier
        /// `true`, `false`, `null`, `in`.
        case keyword
        /// A word CEL reserves (`if`, `let`, …): never valid as an identifier.
        case reserved
        case number
        case string
        case bytes
        /// `&&`, `==`, `+`, `!`, `?`, `:`, …
        case `operator`
        /// Brackets, `.`, `.?`, `,`.
        case punctuation
        /// `// …` to the end of the line.
        case comment
        /// A character no token starts with, or a malformed literal.
        case invalid
    }
    public var kind: Kind
    /// Byte offsets in the text.
    public var span: SourceSpan
}

extension CELParser {
    /// Every token of `text`, comments included, in order (the parser's own lexer).
    public static func tokens(_ text: String) -> [CELToken] {
        let bytes = Array(text.utf8)
        var out: [CELToken] = []
        var previousEnd = 0
        for token in Lexer.tokenize(bytes) {
            out += comments(in: bytes, from: previousEnd, to: token.start)
            previousEnd = token.end
            guard let kind = classify(token.kind) else { continue }
            out.append(CELToken(kind: kind, span: token.span))
        }
        return out
    }

    private static func classify(_ kind: Token.Kind) -> CELToken.Kind? {
        switch kind {
        case .identifier, .quotedIdentifier: return .identifier
        case .true, .false, .null, .in: return .keyword
        case .reserved: return .reserved
        case .int, .intOverflow, .uint, .double: return .number
        case .string: return .string
        case .bytes: return .bytes
        case .punct(let p): return ["(", ")", "[", "]", "{", "}", ".", ".?", ","].contains(p) ? .punctuation : .operator
        case .invalid: return .invalid
        case .eof: return nil
        }
    }

    /// Between two tokens there is only white space and comments.
    private static func comments(in bytes: [UInt8], from start: Int, to end: Int) -> [CELToken] {
        var out: [CELToken] = []
        var i = start
        while i + 1 < end {
            if bytes[i] == UInt8(ascii: "/"), bytes[i + 1] == UInt8(ascii: "/") {
                var j = i
                while j < end, bytes[j] != UInt8(ascii: "\n") { j += 1 }
                out.append(CELToken(kind: .comment, span: SourceSpan(start: i, end: j)))
                i = j
            } else {
                i += 1
            }
        }
        return out
    }
}
