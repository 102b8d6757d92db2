import Testing
import YAMLSyntax

@Suite struct SourceTextTests {
    @Test func lineTableHandlesLFCRLFAndLoneCR() {
        let text = SourceText("a\nbb\r\nccc\rd")
        #expect(text.lineCount == 4)
        #expect(text.lineStarts == [0, 2, 6, 10])
        #expect(text.lineRange(0) == TextRange(start: 0, end: 1))
        #expect(text.lineRange(1) == TextRange(start: 2, end: 4))
        #expect(text.lineRange(2) == TextRange(start: 6, end: 9))
        #expect(text.lineRange(3) == TextRange(start: 10, end: 11))
        #expect(text.position(of: 5, encoding: .utf16) == TextPosition(line: 1, column: 2))
        #expect(text.position(of: 7, encoding: .utf8) == TextPosition(line: 2, column: 1))
        #expect(text.offset(of: TextPosition(line: 2, column: 1), encoding: .utf16) == 7)
    }

    @Test func trailingBreakStartsAnEmptyLine() {
        let text = SourceText("x: 1\n")
        #expect(text.lineCount == 2)
        #expect(text.lineRange(1) == TextRange(start: 5, end: 5))
        #expect(text.position(of: 5, encoding: .utf16) == TextPosition(line: 1, column: 0))
    }

    @Test func utf16ColumnsAfterEmojiAndAccentedLetters() {
        // "é" is 2 bytes / 1 UTF-16 unit, "😀" is 4 bytes / 2 units / 1 scalar.
        let text = SourceText("k: é😀x\n")
        let x = 3 + 2 + 4
        #expect(text.bytes[x] == UInt8(ascii: "x"))
        #expect(text.position(of: x, encoding: .utf16) == TextPosition(line: 0, column: 6))
        #expect(text.position(of: x, encoding: .unicodeScalars) == TextPosition(line: 0, column: 5))
        #expect(text.position(of: x, encoding: .utf8) == TextPosition(line: 0, column: 9))
        #expect(text.offset(of: TextPosition(line: 0, column: 6), encoding: .utf16) == x)
        #expect(text.offset(of: TextPosition(line: 0, column: 5), encoding: .unicodeScalars) == x)
        // The middle of the surrogate pair maps to the emoji's start.
        #expect(text.offset(of: TextPosition(line: 0, column: 5), encoding: .utf16) == 5)
        // Inside a multi-byte character: that character's column.
        #expect(text.position(of: 6, encoding: .utf16) == TextPosition(line: 0, column: 4))
    }

    @Test func outOfRangePositionsClamp() {
        let text = SourceText("ab\r\ncd")
        #expect(text.offset(of: TextPosition(line: 0, column: 99), encoding: .utf16) == 2)
        #expect(text.offset(of: TextPosition(line: 7, column: 0), encoding: .utf16) == 6)
        #expect(text.offset(of: TextPosition(line: -1, column: 3), encoding: .utf8) == 0)
        #expect(text.position(of: 99, encoding: .utf16) == TextPosition(line: 1, column: 2))
        #expect(text.position(of: 3, encoding: .utf16) == TextPosition(line: 0, column: 2))
    }

    /// Also with ASCII stretches of every length around the other characters (columns
    /// count ASCII eight bytes at a time).
    @Test(arguments: ["naïve: \"日本\"\r\n😀: [ü, 𝄞]\rlast",
                      (0..<40).map { String(repeating: "a", count: $0) + ["é", "😀", "日"][$0 % 3] }.joined() + "\nb"])
    func roundTripsEveryOffsetOfMixedText(_ string: String) {
        let text = SourceText(string)
        for encoding in [PositionEncoding.utf8, .utf16, .unicodeScalars] {
            var offset = 0
            for scalar in text.text.unicodeScalars {
                let p = text.position(of: offset, encoding: encoding)
                let insideCRLF = offset > 0 && text.bytes[offset - 1] == 0x0D && text.bytes[offset] == 0x0A
                #expect(insideCRLF ? text.offset(of: p, encoding: encoding) == offset - 1 :
                        text.offset(of: p, encoding: encoding) == offset, "offset \(offset) \(encoding)")
                offset += String(scalar).utf8.count
            }
        }
    }

    @Test func invalidUTF8IsReportedAndCountsOneUnitPerByte() {
        let text = SourceText(bytes: [0x61, 0xFF, 0xC3, 0x3A, 0x20, 0xE2, 0x82, 0x41, 0x0A, 0xED, 0xA0, 0x80])
        #expect(text.invalidUTF8Ranges == [
            TextRange(start: 1, end: 3), TextRange(start: 5, end: 7), TextRange(start: 9, end: 12),
        ])
        #expect(text.position(of: 7, encoding: .utf16) == TextPosition(line: 0, column: 7))
        #expect(text.offset(of: TextPosition(line: 0, column: 7), encoding: .unicodeScalars) == 7)
    }
}
