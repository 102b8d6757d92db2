import Testing
@testable import CEL

/// `GoQuote.quote` is Go's `strconv.Quote`: the expected texts are Go's own.
@Suite struct GoQuoteTests {
    @Test(arguments: [
        ("plain text, 42!", #""plain text, 42!""#),
        (#"a"b\c"#, #""a\"b\\c""#),
        ("\u{07}\u{08}\u{0C}\n\r\t\u{0B}", #""\a\b\f\n\r\t\v""#),
        ("\u{01}\u{7F}", #""\x01\x7f""#),
        ("é😀日", #""é😀日""#),
        ("\u{200B}\u{E0001}", #""\u200b\U000e0001""#),
        ("", #""""#),
    ])
    func quotesAsGoDoes(_ text: String, _ quoted: String) {
        #expect(GoQuote.quote(text) == quoted)
    }

    /// A long run of printable ASCII around other characters keeps every character in place.
    @Test func longTextsQuoteEveryCharacter() {
        let piece = String(repeating: "x", count: 999) + "é\"\u{01}"
        let text = String(repeating: piece, count: 1_000)
        let quotedPiece = String(repeating: "x", count: 999) + #"é\"\x01"#
        #expect(GoQuote.quote(text) == "\"" + String(repeating: quotedPiece, count: 1_000) + "\"")
    }
}
