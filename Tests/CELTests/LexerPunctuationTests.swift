import Testing
@testable import CEL

/// The lexer picks punctuation by its first byte: the same token as the longest match in
/// CEL's punctuation list, for every pair of bytes that does not start another token.
@Suite struct LexerPunctuationTests {
    /// CEL's punctuation, two-byte tokens first: the first that matches is the token.
    static let punctuation = [
        "&&", "||", "==", "!=", "<=", ">=", ".?",
        "(", ")", "[", "]", "{", "}", ".", ",", ":", "?", "!", "-", "+", "*", "/", "%", "<", ">",
    ]

    static func expected(_ text: [UInt8]) -> String? {
        punctuation.first { p in text.starts(with: Array(p.utf8)) }
    }

    @Test func everyBytePairLexesAsTheLongestPunctuation() {
        // Bytes that start something else (names, numbers, strings, spaces) are left out.
        let others = Set(Array("0123456789_\"'` \t\n\r\u{0C}".utf8) + Array(0x41...0x5A) + Array(0x61...0x7A))
        let firsts = (UInt8(0x21)...UInt8(0x7E)).filter { !others.contains($0) }
        var punct = 0
        for c in firsts {
            for d in [nil] + (UInt8(0x20)...UInt8(0x7E)).map(Optional.some) {
                let text = [c] + (d.map { [$0] } ?? [])
                if text == Array("//".utf8) { continue }  // a comment
                var lexer = Lexer(text: text)
                let token = lexer.next(previousEndsOperand: true)
                if let p = Self.expected(text) {
                    punct += 1
                    #expect(token.kind == .punct(p) && token.end == p.utf8.count, "\(text)")
                } else if case .punct = token.kind {
                    Issue.record("\(text): \(token.kind)")
                }
            }
        }
        #expect(punct > 1000)
    }
}
