import JSON
import Testing

/// The eight-byte tests against a byte-by-byte reference, and the JSON string reader that
/// uses them against strings with a special byte at every offset.
@Suite struct ByteWordTests {
    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { ByteWord.load($0, at: 0) }
    }

    /// Every byte value at every position of a word, over several fillers (a borrow from a
    /// low byte must not hide or invent one above it), and pairs of special bytes.
    @Test func everyByteAtEveryPositionAgreesWithTheReference() {
        let fillers: [UInt8] = [0x00, 0x01, 0x09, 0x20, 0x22, 0x41, 0x5C, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        let targets: [UInt8] = [0x00, 0x0A, 0x0D, 0x22, 0x5C, 0x7F, 0x80, 0xFF]
        let limits: [UInt8] = [1, 0x0A, 0x20, 0x80]
        func check(_ bytes: [UInt8]) {
            let w = Self.word(bytes)
            for t in targets { #expect(ByteWord.contains(w, t) == bytes.contains(t), "contains \(t) in \(bytes)") }
            for n in limits { #expect(ByteWord.hasByte(below: n, w) == bytes.contains { $0 < n }, "below \(n) in \(bytes)") }
            #expect(ByteWord.hasNonASCII(w) == bytes.contains { $0 >= 0x80 })
            // Exact marks: the high bit of every byte equal to the target, nothing else.
            for t in targets {
                let expected = (0..<8).reduce(UInt64(0)) { marks, k in bytes[k] == t ? marks | (0x80 << (8 * UInt64(k))) : marks }
                #expect(ByteWord.matches(w, t) == expected, "matches \(t) in \(bytes)")  // little-endian load
            }
            // The string reader's marks: the first special byte exactly, none when none.
            let first = bytes.firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 >= 0x80 }
            let marks = ByteWord.jsonStringSpecials(w)
            #expect((marks != 0) == (first != nil), "specials in \(bytes)")
            if let first, marks != 0 { #expect(ByteWord.firstMarked(marks) == first, "first special in \(bytes)") }
        }
        for filler in fillers {
            for position in 0..<8 {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[position] = UInt8(value)
                    check(bytes)
                    // A second special byte above the first.
                    if position < 7 {
                        bytes[7] = 0x22
                        check(bytes)
                    }
                }
            }
        }
    }

    static let specials: [(text: String, json: String)] = [
        ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\t", #"\t"#), ("é", "é"), ("😀", "😀"),
        ("\u{7F}", "\u{7F}"), ("\u{01}", #"\u0001"#), ("A", #"\u0041"#),
    ]

    /// Strings of 0…40 plain characters with a special character (escaped or multi-byte)
    /// at each offset decode to the string they encode.
    @Test func stringsWithASpecialCharacterAtEveryOffsetDecode() throws {
        for length in 0...40 {
            let plain = String((0..<length).map { Character(UnicodeScalar(UInt8(0x61 + $0 % 26))) })
            for offset in 0...length {
                let cut = plain.index(plain.startIndex, offsetBy: offset)
                for special in Self.specials {
                    let expected = String(plain[..<cut]) + special.text + String(plain[cut...])
                    let json = "\"" + String(plain[..<cut]) + special.json + String(plain[cut...]) + "\""
                    #expect(try JSONParser.parse(json) == .string(expected), "\(json)")
                }
            }
        }
    }

    /// A raw control character, a stray byte that is not UTF-8, or the end of the input
    /// at each offset of a long string is reported exactly there.
    @Test func errorsInsideLongStringsKeepTheirOffset() {
        let plain = [UInt8](repeating: UInt8(ascii: "x"), count: 37)
        for offset in 0..<plain.count {
            for (byte, reason) in [(UInt8(0x1F), JSONParseError.Reason.invalidCharacter(0x1F, context: "in string literal")),
                                   (UInt8(0xFF), .invalidUTF8)] {
                var bytes = [UInt8(ascii: "\"")] + plain + [UInt8(ascii: "\"")]
                bytes[1 + offset] = byte
                do {
                    _ = try JSONParser.parse(bytes)
                    Issue.record("accepted \(bytes)")
                } catch {
                    #expect(error.reason == reason)
                    #expect(error.offset == 1 + offset)
                }
            }
            let unterminated = [UInt8(ascii: "\"")] + plain[..<offset]
            do {
                _ = try JSONParser.parse(Array(unterminated))
                Issue.record("accepted an unterminated string")
            } catch {
                #expect(error.reason == .unexpectedEnd)
                #expect(error.offset == unterminated.count)
            }
        }
    }
}
