import Testing
@testable import YAMLSyntax

/// `YAMLParser.reparseReportingChange`: the change it reports between two texts leaves
/// every byte outside it as it was (moved by the length difference after it), which is
/// what callers rely on to keep results for the ranges it does not touch.
@Suite struct TextChangeTests {
    /// Every edit of a short text with repeats (insertions there are ambiguous): each
    /// position, removed length and replacement.
    @Test func bytesOutsideTheChangeAreTheSame() {
        let old = Array("ab\nab\n- x: é\n".utf8)
        let replacements = ["", "a", "ab", "b\n", "\n", "é", "ab\nab"]
        for start in 0...old.count {
            for length in 0...min(3, old.count - start) {
                for replacement in replacements {
                    let new = Array(old[..<start]) + Array(replacement.utf8) + Array(old[(start + length)...])
                    let previous = YAMLParser.parse(SourceText(bytes: old))
                    let change = YAMLParser.reparseReportingChange(SourceText(bytes: new), previous: previous).change
                    #expect(new.count == old.count + change.delta)
                    #expect(change.old.start >= 0 && change.old.start <= change.old.end && change.old.end <= old.count)
                    #expect(change.newLength >= 0)
                    #expect(old[..<change.old.start] == new[..<change.old.start])
                    #expect(old[change.old.end...] == new[(change.old.start + change.newLength)...])
                }
            }
        }
    }

    @Test func equalTextsChangeNothing() {
        let text = SourceText("a: 1\nb: [2]\n")
        let change = YAMLParser.reparseReportingChange(text, previous: YAMLParser.parse(text)).change
        #expect(change == TextChange(old: TextRange(start: 12, end: 12), newLength: 0))
        #expect(change.keeps(TextRange(start: 0, end: 12)))
    }

    @Test func rangesOutsideTheChangeAreKeptAndMoved() {
        // Bytes 10..<14 became 6 bytes.
        let change = TextChange(old: TextRange(start: 10, end: 14), newLength: 6)
        #expect(change.delta == 2)
        #expect(change.keeps(TextRange(start: 2, end: 10)) && change.moved(TextRange(start: 2, end: 10)) == TextRange(start: 2, end: 10))
        #expect(change.keeps(TextRange(start: 14, end: 20)) && change.moved(TextRange(start: 14, end: 20)) == TextRange(start: 16, end: 22))
        #expect(!change.keeps(TextRange(start: 9, end: 11)))
        #expect(!change.keeps(TextRange(start: 13, end: 15)))
        // An insertion keeps what touches it on either side.
        let insertion = TextChange(old: TextRange(start: 5, end: 5), newLength: 1)
        #expect(insertion.keeps(TextRange(start: 0, end: 5)) && insertion.keeps(TextRange(start: 5, end: 8)))
        #expect(insertion.moved(TextRange(start: 5, end: 8)) == TextRange(start: 6, end: 9))
    }
}
