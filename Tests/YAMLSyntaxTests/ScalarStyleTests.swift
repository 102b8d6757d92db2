import Testing
import YAMLSyntax

/// Each style's decoded value, token range and value→source mapping.
@Suite struct ScalarStyleTests {
    /// Checks that every decoded byte maps back to a source byte that produced it.
    func expectConsistentMap(_ s: YAMLScalar, _ source: SourceText, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(mapMismatches(s, source).isEmpty, sourceLocation: sourceLocation)
        #expect(s.sourceMap.segments.allSatisfy { s.range.touches($0.sourceOffset) || $0.sourceLength == 0 },
                sourceLocation: sourceLocation)
    }

    @Test func plainScalarWithFolding() throws {
        let (source, root) = parseMapping("k: one\n  two\n\n  three  \nnext: x\n")
        let s = try #require(scalar(root, "k"))
        #expect(s.style == .plain)
        #expect(s.value == "one two\nthree")
        #expect(source.string(in: s.range) == "one\n  two\n\n  three")
        let three = try #require(source.offset(of: "three"))
        #expect(s.sourceMap.sourceOffset(forValueOffset: 8) == three)
        #expect(s.sourceMap.sourceRange(forValueRange: 4..<7) == TextRange(start: three - 7, end: three - 4))
        expectConsistentMap(s, source)
    }

    @Test func singleQuotedScalar() throws {
        let (source, root) = parseMapping("k: 'it''s a\n   test '\n")
        let s = try #require(scalar(root, "k"))
        #expect(s.style == .singleQuoted)
        #expect(s.value == "it's a test ")
        #expect(source.string(in: s.range) == "'it''s a\n   test '")
        // "s" after the doubled quote.
        #expect(s.sourceMap.sourceOffset(forValueOffset: 3) == 8)
        // The doubled quote maps to both source quotes.
        #expect(s.sourceMap.sourceRange(forValueRange: 2..<3) == TextRange(start: 6, end: 8))
        let test = try #require(source.offset(of: "test"))
        #expect(s.sourceMap.sourceRange(forValueRange: 7..<11) == TextRange(start: test, end: test + 4))
        expectConsistentMap(s, source)
    }

    @Test func doubleQuotedEscapesMapBackToTheirSource() throws {
        let text = #"k: "a\tb \u00e9\x41\U0001F600 ${x.y} \"q\" \\ end\#n  more\#n\#n  para""# + "\n"
        let (source, root) = parseMapping(text)
        let s = try #require(scalar(root, "k"))
        #expect(s.style == .doubleQuoted)
        #expect(s.value == "a\tb éA😀 ${x.y} \"q\" \\ end more\npara")
        #expect(source.string(in: s.range) == String(text.dropFirst(3).dropLast()))
        let value = Array(s.value.utf8)
        // The expression inside the string maps to its exact source bytes.
        let lower = try #require(valueOffset(of: "x.y", in: s.value))
        let exprSource = try #require(source.offset(of: "x.y"))
        #expect(s.sourceMap.sourceRange(forValueRange: lower..<(lower + 3)) == TextRange(start: exprSource, end: exprSource + 3))
        // "\t" (value byte 1) comes from the two bytes `\t`.
        #expect(s.sourceMap.sourceRange(forValueRange: 1..<2) == TextRange(start: 5, end: 7))
        // "é" (2 value bytes) comes from `\u00e9` (6 bytes).
        let e = try #require(source.offset(of: #"\u00e9"#))
        #expect(s.sourceMap.sourceRange(forValueRange: 4..<6) == TextRange(start: e, end: e + 6))
        #expect(s.sourceMap.sourceOffset(forValueOffset: 5) == e)
        // "😀" from `\U0001F600`.
        let emoji = try #require(source.offset(of: #"\U0001F600"#))
        #expect(s.sourceMap.sourceRange(forValueRange: 7..<11) == TextRange(start: emoji, end: emoji + 10))
        // "more" after the folded break.
        let more = try #require(source.offset(of: "more"))
        let moreValue = value.count - "more\npara".utf8.count
        #expect(s.sourceMap.sourceOffset(forValueOffset: moreValue) == more)
        expectConsistentMap(s, source)
    }

    @Test func doubleQuotedEscapedLineBreakJoinsWithoutSpace() throws {
        let (source, root) = parseMapping("k: \"ab\\\n    cd\"\n")
        let s = try #require(scalar(root, "k"))
        #expect(s.value == "abcd")
        let cd = try #require(source.offset(of: "cd"))
        #expect(s.sourceMap.sourceOffset(forValueOffset: 2) == cd)
        #expect(s.sourceMap.sourceRange(forValueRange: 0..<4) == TextRange(start: 4, end: cd + 2))
    }

    @Test func literalBlockScalarChomping() throws {
        let text = "clip: |\n  a\n   b\n\nstrip: |-\n  a\n\nkeep: |+\n  a\n\n\nind: |2\n    x\n  y\nlast: 1\n"
        let (source, root) = parseMapping(text)
        let clip = try #require(scalar(root, "clip"))
        #expect(clip.style == .literal)
        #expect(clip.value == "a\n b\n")
        #expect(source.string(in: clip.range) == "|\n  a\n   b")
        let b = try #require(source.offset(of: " b"))
        #expect(clip.sourceMap.sourceRange(forValueRange: 2..<4) == TextRange(start: b, end: b + 2))
        #expect(scalar(root, "strip")?.value == "a")
        let keep = try #require(scalar(root, "keep"))
        #expect(keep.value == "a\n\n\n")
        // Kept trailing breaks are part of the token.
        #expect(source.string(in: keep.range) == "|+\n  a\n\n\n")
        let ind = try #require(scalar(root, "ind"))
        #expect(ind.value == "  x\ny\n")
        let x = try #require(source.offset(of: "    x"))
        #expect(ind.sourceMap.sourceOffset(forValueOffset: 0) == x + 2)
        for s in [clip, ind, scalar(root, "keep"), scalar(root, "strip")].compactMap({ $0 }) {
            expectConsistentMap(s, source)
        }
    }

    @Test func foldedBlockScalarMapsFoldedLines() throws {
        let text = "f: >\n  first line\n  second ${a.b}\n\n  new para\n    indented\n  end\n"
        let (source, root) = parseMapping(text)
        let f = try #require(scalar(root, "f"))
        #expect(f.style == .folded)
        #expect(f.value == "first line second ${a.b}\nnew para\n  indented\nend\n")
        #expect(source.string(in: f.range) == ">\n  first line\n  second ${a.b}\n\n  new para\n    indented\n  end")
        let value = f.value
        let exprValue = try #require(valueOffset(of: "a.b", in: value))
        let exprSource = try #require(source.offset(of: "a.b"))
        #expect(f.sourceMap.sourceRange(forValueRange: exprValue..<(exprValue + 3)) == TextRange(start: exprSource, end: exprSource + 3))
        // The space that folds "line" and "second" maps to the line break.
        let fold = "first line".utf8.count
        let lineBreak = try #require(source.offset(of: "\n  second"))
        #expect(f.sourceMap.sourceRange(forValueRange: fold..<(fold + 1)) == TextRange(start: lineBreak, end: lineBreak + 1))
        let end = try #require(source.offset(of: "end"))
        #expect(f.sourceMap.sourceOffset(forValueOffset: value.utf8.count - 4) == end)
        expectConsistentMap(f, source)
    }

    @Test func blockScalarWithExplicitIndentationInASequence() throws {
        let source = SourceText("items:\n  - |1\n     x\n    y\n")
        let seq = try #require(YAMLParser.parse(source).documents.first?.root?.mapping?.value(forKey: "items")?.sequence)
        let s = try #require(seq.items.first?.scalar)
        // Content indentation = sequence column 2 + indicator 1.
        #expect(s.value == "  x\n y\n")
        let x = try #require(source.offset(of: "x\n"))
        #expect(s.sourceMap.sourceOffset(forValueOffset: 0) == x - 2)
        expectConsistentMap(s, source)
    }

    @Test func emptyAndPropertiedScalars() throws {
        let (source, root) = parseMapping("a:\nb: &anchor !!str 12\nc: \"\"\n")
        let a = try #require(scalar(root, "a"))
        #expect(a.value == "" && a.range.length == 0)
        #expect(a.resolved == .null)
        let b = try #require(scalar(root, "b"))
        #expect(b.anchor == "anchor" && b.tag == "tag:yaml.org,2002:str")
        #expect(source.string(in: b.range) == "12")
        #expect(b.resolved == .string("12"))
        let c = try #require(scalar(root, "c"))
        #expect(c.value == "" && source.string(in: c.range) == "\"\"")
        #expect(c.sourceMap.sourceOffset(forValueOffset: 0) == c.range.start + 1)
    }

    @Test func crlfFilesKeepExactRanges() throws {
        let text = "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: \"p\r\n  q\"\r\nd: plain\r\n  more\r\n"
        let (source, root) = parseMapping(text)
        let b = try #require(scalar(root, "b"))
        #expect(b.value == "x\ny\n")
        #expect(source.string(in: b.range) == "|\r\n  x\r\n  y")
        let y = try #require(source.offset(of: "y"))
        #expect(b.sourceMap.sourceOffset(forValueOffset: 2) == y)
        // The "\n" after x comes from the two bytes CRLF.
        #expect(b.sourceMap.sourceRange(forValueRange: 1..<2) == TextRange(start: y - 4, end: y - 2))
        #expect(scalar(root, "c")?.value == "p q")
        #expect(scalar(root, "d")?.value == "plain more")
        let c = try #require(scalar(root, "c"))
        #expect(source.position(of: c.range.start, encoding: .utf16) == TextPosition(line: 4, column: 3))
        for s in [b, c, scalar(root, "d")].compactMap({ $0 }) { expectConsistentMap(s, source) }
    }
}
