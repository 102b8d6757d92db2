import Testing
@testable import YAMLSyntax

/// The line table and libyaml's input check skip eight ordinary bytes at a time: over
/// seeded texts mixing long plain runs with line breaks (LF, CRLF, lone CR), multi-byte
/// characters, control characters and bytes that are not UTF-8, at every alignment, both
/// must find what a byte-by-byte reading finds.
@Suite struct ByteScanTests {
    static let pieces: [[UInt8]] = [
        Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8), Array("é".utf8), Array("😀".utf8), [0xFF], [0xC3],
        [0x01], [0x7F], [0x00], [0xC2, 0x85], [0xC2, 0x80], [0xEF, 0xBF, 0xBE], Array("\t".utf8), Array("\"".utf8),
    ]

    static func randomText(_ rng: inout FuzzTests.Generator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<(1 + rng.below(12)) {
            bytes += [UInt8](repeating: UInt8(ascii: "a") + UInt8(rng.below(26)), count: rng.below(30))
            bytes += Self.pieces[rng.below(Self.pieces.count)]
        }
        return bytes
    }

    static func referenceLineStarts(_ b: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < b.count {
            if b[i] == 0x0A { starts.append(i + 1) }
            if b[i] == 0x0D {
                if i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    /// The offsets libyaml must not see: control characters (tab and line breaks aside),
    /// bytes that start no well-formed UTF-8 character, C1 controls (NEL aside), U+FFFE/F.
    static func referenceRejected(_ b: [UInt8]) -> [Int] {
        var rejected: [Int] = []
        b.withUnsafeBufferPointer { buf in
            var i = 0
            while i < buf.count {
                let c = buf[i]
                if c < 0x80 {
                    if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F { rejected.append(i) }
                    i += 1
                    continue
                }
                let length = UTF8Validation.scalarLength(buf, at: i)
                if length == 0 { rejected.append(i); i += 1; continue }
                let v = UTF8Validation.scalarValue(buf, at: i, length: length)
                if (v >= 0x80 && v <= 0x9F && v != 0x85) || v == 0xFFFE || v == 0xFFFF { rejected += i..<(i + length) }
                i += length
            }
        }
        return rejected
    }

    /// A part of the text is read in place (a resource group of a 50 MB file was copied
    /// whole); only a part with bytes to replace gets bytes of its own.
    @Test func aChunkReadsTheTextsBytesInPlace() {
        let source = SourceText("a: 1\nb: [2, 3]\nc: \u{1}x\n")
        let address = source.bytes.withUnsafeBufferPointer { $0.baseAddress! }
        let clean = ChunkInput(source: source, chunk: TextRange(start: 5, end: 16))
        #expect(clean.bytes.withUnsafeBufferPointer { $0.baseAddress } == address + 5)
        #expect(clean.bytes.array == Array("b: [2, 3]\nc".utf8))
        let replaced = ChunkInput(source: source, chunk: TextRange(start: 16, end: source.bytes.count))
        #expect(replaced.bytes.withUnsafeBufferPointer { $0.baseAddress } != address + 16)
        #expect(replaced.bytes.array == Array(": _x\n".utf8))
    }

    @Test func lineTableAndInputCheckAgreeWithAByteByByteReading() {
        var rng = FuzzTests.Generator(state: 0x5EED_B17E)
        for _ in 0..<3_000 {
            let bytes = Self.randomText(&rng)
            let source = SourceText(bytes: bytes)
            #expect(Array(source.lineStarts) == Self.referenceLineStarts(bytes))
            #expect(source.isASCII == bytes.allSatisfy { $0 < 0x80 })
            // A chunk starting anywhere (its first bytes then fall at another alignment).
            let start = bytes.isEmpty ? 0 : rng.below(bytes.count)
            // … and ending anywhere: the chunk is a view of the text's bytes, read no further.
            let end = start + (bytes.count == start ? 0 : rng.below(bytes.count - start + 1))
            let input = ChunkInput(source: source, chunk: TextRange(start: start, end: end))
            let part = Array(bytes[start..<end])
            let rejected = Self.referenceRejected(part)
            var expected = part
            for i in rejected { expected[i] = ChunkInput.replacement }
            #expect(input.bytes.array == expected, "\(part)")
            let reported = input.encodingErrors.flatMap { ($0.range.start - start)..<($0.range.end - start) }
            #expect(reported == rejected, "\(part)")
        }
    }
}
