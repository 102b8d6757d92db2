import Testing
@testable import YAMLSyntax

/// `SourceText.replacing` (and `replace`, in place) rescans only around the edit; it must give exactly what a scan
/// of the whole new text gives (line table, invalid UTF-8 runs, ASCII flag), across CR,
/// LF, CRLF split by the edit, non-ASCII and invalid bytes.
@Suite struct SourceTextEditTests {
    /// A small xorshift generator: seeded, so a failure repeats.
    struct Random {
        var state: UInt64
        mutating func next(below n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    static let pieces: [[UInt8]] = [
        Array("a".utf8), Array("key: v".utf8), [0x0A], [0x0D], [0x0D, 0x0A], Array("é".utf8), Array("😀".utf8),
        [0xFF], [0xC3], [0x80], Array("  - x".utf8), [],
    ]

    static func randomBytes(_ random: inout Random, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<count { out += pieces[random.next(below: pieces.count)] }
        return out
    }

    static func expectSame(_ edited: SourceText, _ fresh: SourceText, _ context: String) {
        #expect(edited.bytes == fresh.bytes, "\(context)")
        #expect(edited.lineStarts == fresh.lineStarts, "\(context)")
        #expect(edited.invalidUTF8Ranges == fresh.invalidUTF8Ranges, "\(context)")
        #expect(edited.isASCII == fresh.isASCII, "\(context)")
        #expect(edited.longLines == fresh.longLines, "\(context)")
    }

    @Test func randomEditsEqualAFreshScan() {
        var random = Random(state: 0x5eed_1234_abcd)
        for round in 0..<3000 {
            var text = SourceText(bytes: Self.randomBytes(&random, count: random.next(below: 40)))
            for step in 0..<4 {
                let start = random.next(below: text.count + 1)
                let end = start + random.next(below: min(6, text.count - start) + 1)
                let replacement = Self.randomBytes(&random, count: random.next(below: 4))
                let edited = text.replacing(TextRange(start: start, end: end), with: replacement)
                var bytes = text.bytes
                bytes.replaceSubrange(start..<end, with: replacement)
                Self.expectSame(edited, SourceText(bytes: bytes), "round \(round) step \(step): \(text.bytes) [\(start),\(end)) ← \(replacement)")
                if edited.bytes != bytes || edited.lineStarts != SourceText(bytes: bytes).lineStarts { return }
                text = edited
            }
        }
    }

    /// In place (`replace`, the changes of one didChange): the same texts as `replacing`,
    /// edit after edit on one uniquely held text, and a copy taken before is not touched.
    @Test func inPlaceEditsEqualAFreshScanAndLeaveCopiesAlone() {
        var random = Random(state: 0x1a_2b3c)
        for round in 0..<1000 {
            var text = SourceText(bytes: Self.randomBytes(&random, count: random.next(below: 60)))
            let original = text
            let originalBytes = text.bytes
            var bytes = text.bytes
            for step in 0..<8 {
                let start = random.next(below: text.count + 1)
                let end = start + random.next(below: min(6, text.count - start) + 1)
                let replacement = Self.randomBytes(&random, count: random.next(below: 4))
                text.replace(TextRange(start: start, end: end), with: replacement)
                bytes.replaceSubrange(start..<end, with: replacement)
                Self.expectSame(text, SourceText(bytes: bytes), "round \(round) step \(step)")
                if text.lineStarts != SourceText(bytes: bytes).lineStarts { return }
            }
            #expect(original.bytes == originalBytes)
            Self.expectSame(original, SourceText(bytes: originalBytes), "round \(round): the copy")
        }
    }

    @Test func aCRBeforeTheEditPairsWithAnInsertedLF() {
        let text = SourceText(bytes: Array("a\rb\nc".utf8))
        let edited = text.replacing(TextRange(start: 2, end: 3), with: [0x0A])  // a\r\n\nc
        #expect(edited.lineStarts == [0, 3, 4])
        #expect(edited.lineStarts == SourceText(bytes: edited.bytes).lineStarts)
    }

    @Test func asciiAgainOnceTheOnlyNonASCIICharacterIsGone() {
        let text = SourceText("x\nabé\ny\n" + String(repeating: "line\n", count: 10))
        #expect(!text.isASCII)
        let edited = text.replacing(TextRange(start: 4, end: 6), with: [])
        #expect(edited.isASCII)
        #expect(!edited.replacing(TextRange(start: 0, end: 0), with: Array("ü".utf8)).isASCII)
    }
}
