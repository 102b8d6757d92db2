import Testing
@testable import YAMLSyntax

/// The line table's scan takes the line feeds of a plain eight-byte word from its mask
/// (several per word when lines are short) and stops, when asked to sync, at the first
/// line break ending at or after the sync offset. Against a byte-by-byte reading, over
/// texts dense with short lines, at every start line and sync offset.
@Suite struct LineTableWordScanTests {
    /// Line starts after `start` up to and including the first whose break ends at or
    /// after `sync` (all of them without `sync`), and where that leaves the scan.
    static func reference(_ b: [UInt8], from start: Int, sync: Int?) -> (starts: [Int], end: Int) {
        var starts: [Int] = []
        var i = start
        while i < b.count {
            if b[i] == 0x0A || b[i] == 0x0D {
                if b[i] == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
                if let sync, i >= sync { return (starts, i + 1) }
            }
            i += 1
        }
        return (starts, b.count)
    }

    static func denseText(_ rng: inout FuzzTests.Generator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<(1 + rng.below(40)) {
            bytes += [UInt8](repeating: UInt8(ascii: " ") + UInt8(rng.below(90)), count: rng.below(11))
            switch rng.below(20) {
            case 0: bytes += [0x0D, 0x0A]
            case 1: bytes += [0x0D]
            case 2: bytes += Array("é".utf8)
            default: bytes += [0x0A]
            }
        }
        return bytes
    }

    @Test func shortLinesAtEveryStartAndSyncAgreeWithAByteByByteReading() {
        var rng = FuzzTests.Generator(state: 0x11AE_5CA7)
        for _ in 0..<200 {
            let bytes = Self.denseText(&rng)
            let whole = SourceText(bytes: bytes)
            #expect(Array(whole.lineStarts) == [0] + Self.reference(bytes, from: 0, sync: nil).starts, "\(bytes)")
            for start in whole.lineStarts where start < bytes.count {
                for sync in [nil] + Array(start..<bytes.count) {
                    let scan = bytes.withUnsafeBufferPointer { SourceText.scan($0, from: start, syncAfter: sync) }
                    let expected = Self.reference(bytes, from: start, sync: sync)
                    #expect(Array(scan.lineStarts) == expected.starts, "\(bytes) from \(start) sync \(String(describing: sync))")
                    #expect(scan.end == expected.end, "\(bytes) from \(start) sync \(String(describing: sync))")
                }
            }
        }
    }

    /// The count a whole text's table is reserved at is the table's size: CRLF pairs split
    /// across words, CRs and LFs at every offset of a word, and a CR at the very end.
    @Test func theLineCountIsTheTablesSize() {
        var rng = FuzzTests.Generator(state: 0xC0_FFEE)
        var texts: [[UInt8]] = (0..<500).map { _ in Self.denseText(&rng) }
        for shift in 0..<17 {
            let pad = [UInt8](repeating: UInt8(ascii: "x"), count: shift)
            texts += [pad + [0x0D, 0x0A] + pad, pad + [0x0D], pad + [0x0D, 0x0D, 0x0A, 0x0A], pad + [0x0A, 0x0D] + pad + [0x0A]]
        }
        texts.append([])
        for bytes in texts {
            let count = bytes.withUnsafeBufferPointer { LineStarts.lineCount(of: $0) }
            #expect(count == SourceText(bytes: bytes).lineStarts.count, "\(bytes)")
            #expect(count == 1 + Self.reference(bytes, from: 0, sync: nil).starts.count, "\(bytes)")
        }
    }
}
