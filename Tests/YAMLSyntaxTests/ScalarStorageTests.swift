import Testing
import YAMLSyntax

/// YAMLScalar keeps most fields packed or derived (see SyntaxTree.swift); these pin that it
/// still behaves as a plain struct of stored fields.
@Suite struct ScalarStorageTests {
    static func scalar(_ value: String, style: ScalarStyle = .plain, at start: Int = 10) -> YAMLScalar {
        let quote = style == .singleQuoted || style == .doubleQuoted ? 1 : 0
        let n = value.utf8.count
        return YAMLScalar(value: value, style: style, range: TextRange(start: start, end: start + n + 2 * quote),
                          sourceMap: .verbatim(start: start + quote, length: n))
    }

    @Test func verbatimMapReadsBack() {
        let s = Self.scalar("héllo", style: .doubleQuoted)
        #expect(s.sourceMap.segments == [.init(valueOffset: 0, sourceOffset: 11, valueLength: 6, sourceLength: 6)])
        #expect(s.range == TextRange(start: 10, end: 18))
    }

    @Test func changingRangeValueOrStyleKeepsTheMap() {
        var s = Self.scalar("abc")
        let map = s.sourceMap
        s.range = TextRange(start: 100, end: 103)
        #expect(s.sourceMap == map)
        s.value = "abcdef"
        #expect(s.sourceMap == map)
        s.style = .singleQuoted
        #expect(s.sourceMap == map)
        #expect(s.value == "abcdef" && s.style == .singleQuoted && s.range == TextRange(start: 100, end: 103))
    }

    @Test func shiftingMovesRangeAndMapOnce() {
        var s = Self.scalar("abc", style: .singleQuoted)
        s = { var m = s; m.range = s.range.shifted(by: 7); m.sourceMap = s.sourceMap.shifted(by: 7); return m }()
        #expect(s == Self.scalar("abc", style: .singleQuoted, at: 17))
        #expect(YAMLNode.scalar(Self.scalar("x")).shifted(by: 5) == .scalar(Self.scalar("x", at: 15)))
    }

    @Test func equalityIgnoresHowTheMapIsStored() {
        let a = Self.scalar("abc")
        let b = YAMLScalar(value: "abc", style: .plain, range: TextRange(start: 10, end: 13),
                           sourceMap: ScalarSourceMap(segments: [.init(valueOffset: 0, sourceOffset: 10, valueLength: 3, sourceLength: 3)]))
        #expect(a == b && a.hashValue == b.hashValue)
        let escaped = YAMLScalar(value: "abc", style: .plain, range: TextRange(start: 10, end: 13),
                                 sourceMap: ScalarSourceMap(segments: [.init(valueOffset: 0, sourceOffset: 10, valueLength: 1, sourceLength: 2)]))
        #expect(a != escaped)
        #expect(escaped.sourceMap.segments.count == 1 && escaped.sourceMap.segments[0].sourceLength == 2)
    }

    @Test func tagAnchorAndWideOffsets() {
        var s = Self.scalar("x")
        s.tag = "tag:yaml.org,2002:str"
        s.anchor = "a"
        let far = TextRange(start: 5_000_000_000, end: 5_000_000_001)
        s.range = far
        s.sourceMap = .verbatim(start: far.start, length: 1)
        #expect(s.range == far && s.tag == "tag:yaml.org,2002:str" && s.anchor == "a")
        #expect(s.sourceMap.sourceOffset(forValueOffset: 0) == 5_000_000_000)
        s.tag = nil
        s.anchor = nil
        s.range = TextRange(start: 1, end: 2)
        s.sourceMap = .verbatim(start: 1, length: 1)
        #expect(s == Self.scalar("x", at: 1))
    }

    static let styles: [ScalarStyle] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]

    @Test func everyStyleWithNarrowLongAndFarRanges() {
        // Inline: a 32-bit start and a 21-bit length; anything else goes out of line.
        let ranges = [TextRange(start: 0, end: 0), TextRange(start: 7, end: 70_000),
                      TextRange(start: 1, end: 1 + (1 << 21) - 1), TextRange(start: 1, end: 1 + (1 << 21)),
                      TextRange(start: Int(UInt32.max), end: Int(UInt32.max) + 3),
                      TextRange(start: 5_000_000_000, end: 5_000_000_004), TextRange(start: 9, end: 4)]
        for style in Self.styles {
            for range in ranges {
                let s = YAMLScalar(value: "v", style: style, range: range,
                                   sourceMap: .verbatim(start: range.start, length: 1))
                #expect(s.style == style && s.range == range && s.value == "v")
                // Moving it elsewhere and back gives an equal scalar, whichever storage it passed through.
                var moved = s
                for other in ranges { moved.range = other; #expect(moved.range == other && moved.style == style) }
                moved.range = range
                #expect(moved == s && moved.hashValue == s.hashValue)
                for next in Self.styles {
                    var restyled = s
                    restyled.style = next
                    #expect(restyled.style == next && restyled.range == range)
                }
            }
        }
    }

    @Test func collectionsKeepWideRangesTagsAndAnchors() {
        let item = YAMLNode.scalar(Self.scalar("x"))
        let far = TextRange(start: 6_000_000_000, end: 6_000_000_010)
        var m = YAMLMapping(entries: [YAMLMappingEntry(key: item, value: item)], style: .flow, range: far,
                            tag: "!t", anchor: "a")
        var q = YAMLSequence(items: [item], style: .block, range: far, anchor: "b")
        #expect(m.range == far && m.tag == "!t" && m.anchor == "a" && m.style == .flow)
        #expect(q.range == far && q.tag == nil && q.anchor == "b" && q.style == .block)
        m.range = TextRange(start: 3, end: 9)
        q.range = TextRange(start: 3, end: 9)
        #expect(m.range == TextRange(start: 3, end: 9) && m.tag == "!t" && m.anchor == "a")
        m.tag = nil; m.anchor = nil; q.anchor = nil
        let narrowM = YAMLMapping(entries: [YAMLMappingEntry(key: item, value: item)], style: .flow,
                                  range: TextRange(start: 3, end: 9))
        let narrowQ = YAMLSequence(items: [item], style: .block, range: TextRange(start: 3, end: 9))
        #expect(m == narrowM && m.hashValue == narrowM.hashValue)
        #expect(q == narrowQ && q.hashValue == narrowQ.hashValue)
        #expect(YAMLNode.mapping(narrowM).shifted(by: 6_000_000_000).range == TextRange(start: 6_000_000_003, end: 6_000_000_009))
        #expect(narrowM != YAMLMapping(entries: narrowM.entries, style: .flow, range: TextRange(start: 3, end: 10)))
    }

    @Test func aNodeIsStoredInlineIn24Bytes() {
        // The tree's memory is its nodes' inline size (only aliases are boxed): keep the
        // payloads within 24 bytes so an entry (key and value) is 48.
        #expect(MemoryLayout<YAMLScalar>.size == 24)
        #expect(MemoryLayout<YAMLNode>.stride == 24)
        #expect(MemoryLayout<YAMLNode?>.size == 24)
        #expect(MemoryLayout<YAMLMappingEntry>.stride == 48)
        // Every expression keeps its scalar's map: one word and a case tag, whichever way
        // it is stored (a packed map is a reference).
        #expect(MemoryLayout<ScalarSourceMap>.size <= 9)
    }

    @Test func parsedVerbatimScalarsKeepStyleRangeAndMap() throws {
        // Most parsed scalars take a shorter path (no map built and compared): their style,
        // token range and derived map must be what the text says, as for the others.
        let text = "a: plain\nb: 'sq'\nc: \"dq\"\nd: 'it''s'\ne: \"t\\tx\"\nf: !!str 5\ng: &x y\nh: |\n  lit\n\"é\": ü\n"
        let bytes = Array(text.utf8)
        let root = try #require(YAMLParser.parse(SourceText(text)).documents.first?.root?.mapping)
        let values = try root.entries.map { try #require($0.value.scalar) }
        #expect(values.map(\.style) == [.plain, .singleQuoted, .doubleQuoted, .singleQuoted, .doubleQuoted, .plain, .plain, .literal, .plain])
        let tokens = values.map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) }
        #expect(tokens == ["plain", "'sq'", "\"dq\"", "'it''s'", "\"t\\tx\"", "5", "y", "|\n  lit", "ü"])
        let keys = try root.entries.map { try #require($0.key.scalar) }
        for s in values + keys where !s.value.isEmpty {
            // Where the map puts the value's first and last bytes.
            let first = s.sourceMap.sourceOffset(forValueOffset: 0)
            let lastByte = s.value.utf8.count - 1
            let last = s.sourceMap.sourceOffset(forValueOffset: lastByte)
            #expect(bytes[first] == s.value.utf8.first && bytes[last] == s.value.utf8.last, "\(s.value)")
            let built = YAMLScalar(value: s.value, style: s.style, range: s.range, tag: s.tag, anchor: s.anchor,
                                   sourceMap: s.sourceMap)
            #expect(built == s && built.hashValue == s.hashValue)
        }
        #expect(values[5].tag == "tag:yaml.org,2002:str" && values[6].anchor == "x" && keys[8].style == .doubleQuoted)
    }

    @Test func parsedScalarsMapEveryStyle() {
        let text = "a: plain\nb: 'sq ''x'''\nc: \"dq\\tx\"\nd: |\n  lit\n"
        let file = YAMLParser.parse(SourceText(text))
        let m = file.documents.first?.root?.mapping
        let bytes = Array(text.utf8)
        func source(_ key: String) -> String? {
            guard let s = m?.value(forKey: key)?.scalar else { return nil }
            return String(decoding: bytes[s.range.start..<s.range.end], as: UTF8.self)
        }
        #expect(source("a") == "plain" && source("b") == "'sq ''x'''" && source("c") == "\"dq\\tx\"")
        let sq = m?.value(forKey: "b")?.scalar
        #expect(sq?.value == "sq 'x'")
        // The value's "x" (offset 4) comes from after the doubled quote.
        #expect(sq.map { bytes[$0.sourceMap.sourceOffset(forValueOffset: 4)] } == UInt8(ascii: "x"))
        #expect(m?.value(forKey: "c")?.scalar.map { $0.sourceMap.sourceOffset(forValueOffset: 3) }
                == text.utf8.count - "x\"\nd: |\n  lit\n".utf8.count)
    }
}
