import Testing
import YAMLSyntax

@Test func textRangeContainsAndTouches() {
    let r = TextRange(start: 3, end: 7)
    #expect(r.contains(3) && r.contains(6) && !r.contains(7))
    #expect(r.touches(7) && !r.touches(8))
    #expect(r.shifted(by: 10) == TextRange(start: 13, end: 17))
}
