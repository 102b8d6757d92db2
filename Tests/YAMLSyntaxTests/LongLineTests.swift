import Testing
@testable import YAMLSyntax

/// Positions along lines longer than `LongLineMarks.spacing` are counted from the nearest
/// mark: they must be those a count from the line's start gives, both ways, in every
/// encoding, and an edit must leave the marks a fresh scan makes.
@Suite struct LongLineTests {
    /// The position a count from the line's start gives (what `position(of:encoding:)` did).
    static func counted(_ text: SourceText, _ offset: Int, _ encoding: PositionEncoding) -> TextPosition {
        let line = text.line(containing: offset)
        let range = text.lineRange(line)
        let end = min(offset, range.end)
        var column = 0, i = range.start
        text.bytes.withUnsafeBufferPointer { buf in
            while i < end {
                let length = max(buf[i] < 0x80 ? 1 : UTF8Validation.scalarLength(buf, at: i), 1)
                if i + length > end { break }
                column += encoding == .utf8 ? length : encoding == .utf16 && length == 4 ? 2 : 1
                i += length
            }
        }
        return TextPosition(line: line, column: column)
    }

    /// Long lines of mixed characters (a 4-byte one, 2-byte ones, invalid bytes) that put
    /// character boundaries on both sides of each multiple of the spacing, between short ones.
    static func text(seed: UInt64) -> SourceText {
        var random = SourceTextEditTests.Random(state: seed)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("é".utf8), Array("😀".utf8), Array("日".utf8), [0xFF], [0xC3]]
        var bytes: [UInt8] = Array("short: é\n".utf8)
        for line in 0..<3 {
            for _ in 0..<(LongLineMarks.spacing * (line + 1) / 2) { bytes += pieces[random.next(below: pieces.count)] }
            bytes += line == 1 ? [0x0D, 0x0A] : [0x0A]
        }
        return SourceText(bytes: bytes + Array("end".utf8))
    }

    @Test func positionsAreThoseCountedFromTheLineStart() {
        for seed: UInt64 in [1, 2, 3] {
            let text = Self.text(seed: seed)
            #expect(!text.longLines.lines.isEmpty)
            for encoding in [PositionEncoding.utf16, .unicodeScalars] {
                for offset in stride(from: 0, through: text.count, by: 7) {
                    let p = text.position(of: offset, encoding: encoding)
                    #expect(p == Self.counted(text, offset, encoding), "seed \(seed) offset \(offset) \(encoding)")
                    // Back to the start of the character holding `offset`.
                    let back = text.offset(of: p, encoding: encoding)
                    #expect(back <= offset && text.position(of: back, encoding: encoding) == p, "seed \(seed) offset \(offset)")
                }
            }
        }
    }

    @Test func editsLeaveTheMarksOfAFreshScan() {
        var random = SourceTextEditTests.Random(state: 0x10_4611)
        var text = Self.text(seed: 4)
        let inserts: [[UInt8]] = [Array("é".utf8), [0x0A], Array("😀x".utf8), [], [0x0D], Array("ab".utf8)]
        for step in 0..<60 {
            let start = random.next(below: text.count + 1)
            let end = min(text.count, start + random.next(below: 3))
            let replacement = inserts[random.next(below: inserts.count)]
            text.replace(TextRange(start: start, end: end), with: replacement)
            SourceTextEditTests.expectSame(text, SourceText(bytes: text.bytes), "step \(step)")
        }
        // All ASCII again: no marks.
        let ascii = SourceText(String(repeating: "x", count: 3 * LongLineMarks.spacing))
        #expect(ascii.longLines.lines.isEmpty)
    }
}
