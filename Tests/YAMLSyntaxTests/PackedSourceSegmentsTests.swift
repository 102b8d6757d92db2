import KroTestSupport
import Testing
@testable import YAMLSyntax

/// A map of many segments is packed (PackedSourceSegments.swift); these check it against
/// the plain array of segments it stands for.
@Suite struct PackedSourceSegmentsTests {
    typealias Segment = ScalarSourceMap.Segment

    /// Segments in value order as the decoder makes them (mostly short, contiguous runs, many
    /// of them escapes), with long runs, gaps both ways, empty runs and offsets past 4 GiB mixed in.
    static func segments(count: Int, seed: UInt64) -> [Segment] {
        var rng = SplitMix64(seed: seed)
        var value = Int(rng.next() % 3), source = Int(rng.next() % 1000) + (seed % 5 == 0 ? 5_000_000_000 : 0)
        var result: [Segment] = []
        for _ in 0..<count {
            let long = rng.next() % 8 == 0
            var valueLength = Int(rng.next() % (long ? 100_000 : 16))
            var sourceLength = rng.next() % 2 == 0 ? valueLength : Int(rng.next() % (long ? 300 : 15))
            // A two-byte escape of one byte (packed with the verbatim run before it) a third of the time.
            if !long, rng.next() % 3 == 0 { (valueLength, sourceLength) = (1, 2) }
            if rng.next() % 10 == 0 { value += Int(rng.next() % 4) }
            if rng.next() % 6 == 0 { source += Int(rng.next() % 40) - 5 }
            result.append(Segment(valueOffset: value, sourceOffset: source, valueLength: valueLength, sourceLength: sourceLength))
            value += valueLength
            source += sourceLength
        }
        return result
    }

    // The plain algorithms over the array, as the map answered before it was packed.
    static func sourceOffset(_ segments: [Segment], _ offset: Int) -> Int {
        guard let last = segments.last else { return 0 }
        if offset >= last.valueOffset + last.valueLength { return last.sourceOffset + last.sourceLength }
        let s = segments.last(where: { $0.valueOffset <= offset }) ?? segments[0]
        return s.valueLength == s.sourceLength ? s.sourceOffset + offset - s.valueOffset : s.sourceOffset
    }

    static func valueOffset(_ segments: [Segment], _ offset: Int) -> Int? {
        if let s = segments.first(where: { $0.sourceOffset <= offset && offset < $0.sourceOffset + $0.sourceLength }) {
            return s.valueLength == s.sourceLength ? s.valueOffset + offset - s.sourceOffset : s.valueOffset
        }
        return segments.last(where: { $0.sourceOffset + $0.sourceLength == offset }).map { $0.valueOffset + $0.valueLength }
    }

    /// Around the checkpoints (every `stride` segments) and well past them.
    static let counts = [0, 1, 2, 1_000] + [1, 2].flatMap { k in [-1, 0, 1].map { k * PackedSourceSegments.stride + $0 } }

    @Test(arguments: counts)
    func readsBackWhatItPacked(count: Int) {
        for seed in UInt64(1)...6 {
            let segments = Self.segments(count: count, seed: seed &* 7919 &+ UInt64(count))
            let map = ScalarSourceMap(segments: segments)
            #expect(map.segments == segments, "\(count) segments, seed \(seed)")
            #expect(map.segmentCount == count)
            for i in Swift.stride(from: 0, to: count, by: max(1, count / 97)) { #expect(map.segment(i) == segments[i]) }
            guard let last = segments.last else { continue }
            let valueEnd = last.valueOffset + last.valueLength
            for offset in Swift.stride(from: 0, through: valueEnd + 1, by: max(1, valueEnd / 211)) {
                #expect(map.sourceOffset(forValueOffset: offset) == Self.sourceOffset(segments, offset), "value \(offset)")
            }
            let sources = segments.flatMap { [$0.sourceOffset, $0.sourceOffset + $0.sourceLength / 2, $0.sourceOffset + $0.sourceLength] }
            for offset in sources.prefix(300) {
                #expect(map.valueOffset(forSourceOffset: offset) == Self.valueOffset(segments, offset), "source \(offset)")
            }
        }
    }

    @Test func equalMapsAreEqualHoweverMade() {
        let segments = Self.segments(count: 300, seed: 42)
        let moved = segments.map { var s = $0; s.sourceOffset += 1234; return s }
        let a = ScalarSourceMap(segments: segments).shifted(by: 1234), b = ScalarSourceMap(segments: moved)
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a.shifted(by: -1234) == ScalarSourceMap(segments: segments))
        var changed = segments
        changed[200].sourceLength += 1
        #expect(ScalarSourceMap(segments: changed) != ScalarSourceMap(segments: segments))
        // One verbatim run is kept inline whichever way it is made.
        let run = [Segment(valueOffset: 0, sourceOffset: 7, valueLength: 3, sourceLength: 3)]
        #expect(ScalarSourceMap(segments: run) == .verbatim(start: 7, length: 3))
    }

    /// 200,000 escapes in one double-quoted string: each maps to its backslash, each `x` to
    /// itself (the decoder's map, packed, and checked byte by byte against libyaml's value).
    @Test func aStringOfEscapesMapsEachOne() throws {
        let n = 200_000
        let head = "kind: ConfigMap\ndata:\n  big: \""
        let source = SourceText(head + String(repeating: "x\\n", count: n) + "\"\n")
        let file = YAMLParser.parse(source)
        let scalar = try #require(file.documents.first?.root?.mapping?.value(forKey: "data")?.mapping?.value(forKey: "big")?.scalar)
        #expect(scalar.value == String(repeating: "x\n", count: n))
        #expect(scalar.sourceMap.segmentCount == 2 * n)
        #expect(mapMismatches(scalar, source).isEmpty)
        let inside = head.utf8.count
        for k in [0, 1, PackedSourceSegments.stride / 2 - 1, PackedSourceSegments.stride / 2, PackedSourceSegments.stride + 1, n / 2, n - 1] {
            #expect(scalar.sourceMap.sourceOffset(forValueOffset: 2 * k) == inside + 3 * k)
            #expect(scalar.sourceMap.sourceOffset(forValueOffset: 2 * k + 1) == inside + 3 * k + 1)
            #expect(scalar.sourceMap.sourceRange(forValueRange: (2 * k)..<(2 * k + 2))
                    == TextRange(start: inside + 3 * k, end: inside + 3 * k + 3))
            #expect(scalar.sourceMap.valueOffset(forSourceOffset: inside + 3 * k + 2) == 2 * k + 1)
        }
    }

    /// A folded block of many lines: each line's text maps to itself.
    @Test func aFoldedBlockOfManyLinesMapsEachLine() throws {
        let lines = (0..<5_000).map { "line\($0)" }
        let head = "kind: ConfigMap\ndata:\n  big: >\n"
        let source = SourceText(head + lines.map { "    " + $0 + "\n" }.joined())
        let scalar = try #require(YAMLParser.parse(source).documents.first?.root?.mapping?
            .value(forKey: "data")?.mapping?.value(forKey: "big")?.scalar)
        #expect(scalar.value == lines.joined(separator: " ") + "\n")
        #expect(mapMismatches(scalar, source).isEmpty)
        let text = scalar.value.utf8
        for k in [0, 64, 4_999] {
            let word = Array(lines[k].utf8)
            let at = try #require(Array(text).firstRange(of: word + [0x20]) ?? Array(text).firstRange(of: word + [0x0A]))
            let expected = try #require(source.offset(of: "    " + lines[k] + "\n")) + 4
            #expect(scalar.sourceMap.sourceOffset(forValueOffset: at.lowerBound) == expected)
        }
    }
}
