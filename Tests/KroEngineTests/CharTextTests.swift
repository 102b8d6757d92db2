import KroTestSupport
import Testing
@testable import KroEngine

/// `CharText` keeps ASCII text as bytes and other text as scalars with 32-bit offsets; both
/// answer as the plain definition does (the string's scalars, each with its UTF-8 offset).
@Suite struct CharTextTests {
    static let alphabet: [Unicode.Scalar] = ["a", "|", " ", "\t", "=", "\"", ",", "é", "\u{A0}", "\u{2003}", "日", "😀", "\u{85}", "\u{301}"]

    static func random(_ generator: inout SplitMix64, asciiOnly: Bool) -> String {
        let length = Int(generator.next() % 12)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let pool = asciiOnly ? Array(alphabet.prefix(7)) : alphabet
            scalars.append(pool[Int(generator.next() % UInt64(pool.count))])
        }
        return String(scalars)
    }

    @Test func answersAsTheScalarsAndTheirOffsets() {
        var generator = SplitMix64(seed: 29)
        for round in 0..<2_000 {
            let string = Self.random(&generator, asciiOnly: round % 2 == 0)
            let text = CharText(string)
            let scalars = Array(string.unicodeScalars)
            var offsets = [0]
            for u in scalars { offsets.append(offsets.last! + UTF8.width(u)) }

            #expect(text.count == scalars.count, "\(string.debugDescription)")
            for i in 0..<scalars.count { #expect(text[i] == scalars[i]) }
            for i in 0...scalars.count { #expect(text.offset(i) == offsets[i]) }
            for probe in ["|", "é", "😀", "x"] as [Unicode.Scalar] {
                #expect(text.firstIndex(of: probe) == scalars.firstIndex(of: probe))
            }
            let lo = scalars.isEmpty ? 0 : Int(generator.next() % UInt64(scalars.count + 1))
            let hi = lo + Int(generator.next() % UInt64(scalars.count - lo + 1))
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[lo..<hi])
            #expect(text.string(lo, hi) == String(slice))

            // TrimSpace: Go's `unicode.IsSpace` on both ends, as `trimmed` finds them.
            let (a, b) = text.trimmed(0, text.count)
            #expect(CharText.trimSpace(string) == text.string(a, b))
            #expect(CharText.trimSpace(string[...]) == text.string(a, b))
        }
    }

    @Test func trimSpaceKeepsInnerSpaceAndNonSpaceMarks() {
        #expect(CharText.trimSpace(" \t a b \u{85}") == "a b")
        #expect(CharText.trimSpace("\u{2003}\u{A0}") == "")
        #expect(CharText.trimSpace("\u{301}x ") == "\u{301}x")
    }
}
