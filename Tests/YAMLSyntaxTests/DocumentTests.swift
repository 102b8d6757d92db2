import Testing
@testable import YAMLSyntax

@Suite struct DocumentTests {
    @Test func syntaxErrorPointsAtTheOffendingCharacter() throws {
        let source = SourceText("apiVersion: v1\nkind: X\nmetadata:\n  name: a: b\n")
        let file = YAMLParser.parse(source)
        let error = try #require(file.errors.first)
        #expect(file.errors.count == 1)
        #expect(error.kind == .syntax)
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(source.position(of: error.range.start, encoding: .unicodeScalars) == TextPosition(line: 3, column: 9))
        // What was parsed before the error is kept.
        #expect(file.documents.first?.root?.mapping?.value(forKey: "kind")?.scalar?.value == "X")
    }

    @Test func errorPositionsCountBytesAfterNonASCII() throws {
        let source = SourceText("é: 😀\nname: a: b\n")
        let error = try #require(YAMLParser.parse(source).errors.first)
        #expect(error.range.start == source.offset(of: ": b"))
        #expect(error.range.length == 1)
    }

    @Test func brokenDocumentDoesNotHideTheOthers() throws {
        let text = """
            a: 1
            ---
            b: [1, 2
            c: 3
            ---
            # comment
            d: |
              --- not a marker inside the block
              x
            ---
            e: {f: g}

            """
        let source = SourceText(text)
        let file = YAMLParser.parse(source)
        #expect(file.documents.count == 4)
        #expect(file.documents[0].errors.isEmpty)
        #expect(file.documents[1].errors.count == 1)
        #expect(file.errors.count == 1)
        #expect(file.documents[0].root?.mapping?.value(forKey: "a")?.scalar?.value == "1")
        #expect(file.documents[2].root?.mapping?.value(forKey: "d")?.scalar?.value == "--- not a marker inside the block\nx\n")
        #expect(file.documents[3].root?.mapping?.value(forKey: "e")?.mapping?.value(forKey: "f")?.scalar?.value == "g")
        // Documents tile the file.
        #expect(file.documents.first?.range.start == 0)
        #expect(file.documents.last?.range.end == source.count)
        for (a, b) in zip(file.documents, file.documents.dropFirst()) { #expect(a.range.end == b.range.start) }
        let broken = try #require(file.documents[1].errors.first)
        #expect(file.documents[1].range.contains(broken.range.start))
    }

    @Test func columnZeroMarkerEndsABlockScalar() throws {
        let file = YAMLParser.parse(SourceText("a: |\n  x\n---\nb: 2\n"))
        #expect(file.documents.count == 2)
        #expect(file.errors.isEmpty)
        #expect(file.documents[0].root?.mapping?.value(forKey: "a")?.scalar?.value == "x\n")
    }

    @Test func explicitDocumentEndAndDirectives() throws {
        let file = YAMLParser.parse(SourceText("a: 1\n...\n%YAML 1.1\n---\nb: 2\n"))
        #expect(file.errors.isEmpty)
        #expect(file.documents.count == 2)
        #expect(file.documents[1].root?.mapping?.value(forKey: "b")?.scalar?.value == "2")
    }

    @Test func collectionRangesAndFlowStyles() throws {
        let source = SourceText("top:\n  inner: [1, {x: y}]\n  # trailing comment\nnext: 2\n")
        let root = try #require(YAMLParser.parse(source).documents.first?.root?.mapping)
        let top = try #require(root.value(forKey: "top")?.mapping)
        #expect(source.string(in: top.range) == "inner: [1, {x: y}]")
        let inner = try #require(top.value(forKey: "inner")?.sequence)
        #expect(inner.style == .flow)
        #expect(source.string(in: inner.range) == "[1, {x: y}]")
        let entry = try #require(root.entry(forKey: "next"))
        #expect(source.string(in: entry.key.range) == "next")
    }

    @Test func duplicateKeysAreReportedAndTheLastWins() throws {
        let source = SourceText("a: 1\nb: 2\na: 3\n1: x\n\"1\": y\n")
        let doc = try #require(YAMLParser.parse(source).documents.first)
        #expect(doc.duplicateKeys.map(\.key) == ["a", "1"])
        #expect(doc.duplicateKeys[0].first == TextRange(start: 0, end: 1))
        #expect(doc.duplicateKeys[0].duplicate == TextRange(start: 10, end: 11))
        #expect(doc.root?.mapping?.value(forKey: "a")?.scalar?.value == "3")
    }

    @Test func aliasesResolveAndMergeKeysExpand() throws {
        let text = """
            base: &base {a: 1, b: 2}
            other: &other {c: 3}
            derived:
              <<: [*base, *other]
              b: 20
            list: &l [x]
            again: *l

            """
        let root = try #require(YAMLParser.parse(SourceText(text)).documents.first?.root?.mapping)
        let derived = try #require(root.value(forKey: "derived")?.mapping)
        let effective = derived.effectiveEntries.compactMap { e in e.key.keyString.map { ($0, e.value.scalar?.value ?? "") } }
        #expect(effective.map(\.0) == ["c", "a", "b"])
        #expect(derived.value(forKey: "b")?.scalar?.value == "20")
        #expect(derived.value(forKey: "a")?.scalar?.value == "1")
        #expect(derived.value(forKey: "c")?.scalar?.value == "3")
        guard case .alias(let alias)? = root.value(forKey: "again") else {
            Issue.record("expected an alias"); return
        }
        #expect(alias.name == "l")
        #expect(root.value(forKey: "again")?.sequence?.items.first?.scalar?.value == "x")
    }

    @Test func unknownAnchorIsAnError() {
        let file = YAMLParser.parse(SourceText("a: *nope\n"))
        #expect(file.errors.map(\.message) == ["unknown anchor 'nope' referenced"])
        #expect(file.errors.first?.range == TextRange(start: 3, end: 8))
    }

    @Test func invalidUTF8AndControlCharactersAreEncodingErrors() throws {
        let source = SourceText(bytes: Array("a: x".utf8) + [0xFF] + Array("\nb: \u{01}y\nc: 3\n".utf8))
        let file = YAMLParser.parse(source)
        #expect(file.errors.map(\.kind) == [.encoding, .encoding])
        #expect(file.errors.map(\.range) == [TextRange(start: 4, end: 5), TextRange(start: 9, end: 10)])
        #expect(file.documents.first?.root?.mapping?.value(forKey: "c")?.scalar?.value == "3")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let source = SourceText("\u{FEFF}k: v\nname: a: b\n")
        let file = YAMLParser.parse(source)
        #expect(file.documents.first?.root?.mapping?.entries.first.map { source.string(in: $0.key.range) } == "k")
        #expect(file.errors.first?.range.start == source.offset(of: ": b"))
    }

    @Test func oneDocumentReparsesAloneWithShiftedOffsets() throws {
        let text = "a: 1\n---\nb: \"x\\ty\"\nc: [1, 2]\n---\nd: 4\n"
        let source = SourceText(text)
        let file = YAMLParser.parse(source)
        let ranges = YAMLParser.documentRanges(in: source)
        #expect(ranges.count == 3)
        let again = YAMLParser.parseDocument(source, range: ranges[1])
        #expect(again == file.documents[1])
        // The document's own text, parsed alone and shifted into place, is the same tree.
        let alone = YAMLParser.parse(SourceText(source.string(in: ranges[1])))
        #expect(alone.documents.first?.root?.shifted(by: ranges[1].start) == file.documents[1].root)
    }
}

/// `effectiveEntries` as kubectl sees a mapping, for the shapes its fast path must leave
/// to the full computation.
@Suite struct EffectiveEntriesTests {
    func keys(_ text: String) -> [String] {
        parseMapping(text).1?.effectiveEntries.map { $0.key.keyString ?? "<collection>" } ?? []
    }

    @Test func uniqueScalarKeysKeepTheirOrder() {
        #expect(keys("b: 1\na: 2\nc: 3\n") == ["b", "a", "c"])
        let many = (0..<20).map { "k\(19 - $0): v\n" }.joined()
        #expect(keys(many) == (0..<20).map { "k\(19 - $0)" })
    }

    @Test func aDuplicateKeyKeepsTheLastValueAtTheFirstPlace() {
        let (_, m) = parseMapping("a: 1\nb: 2\na: 3\n")
        #expect(m?.effectiveEntries.map { $0.value.scalar?.value } == ["3", "2"])
        let many = (0..<12).map { "k\($0): v\($0)\n" }.joined() + "k3: last\n"
        let (_, big) = parseMapping(many)
        #expect(big?.effectiveEntries.count == 12)
        #expect(big?.effectiveEntries[3].value.scalar?.value == "last")
    }

    @Test func keysThatStringifyAlikeAreDuplicates() {
        // `yes` and `true` are both the JSON key "true".
        let (_, m) = parseMapping("yes: 1\nb: 2\ntrue: 3\n")
        #expect(m?.effectiveEntries.map { $0.value.scalar?.value } == ["3", "2"])
    }

    @Test func collectionKeysGoLast() {
        #expect(keys("? [x]\n: 1\na: 2\n") == ["a", "<collection>"])
    }

    @Test func mergedKeysComeFirst() {
        #expect(keys("base: &b {x: 1}\nm:\n  z: 2\n  <<: *b\n").count == 2)
        let (_, root) = parseMapping("base: &b {x: 1}\nm:\n  z: 2\n  <<: *b\n")
        #expect(root?.value(forKey: "m")?.mapping?.effectiveEntries.compactMap(\.key.keyString) == ["x", "z"])
    }

    /// Parts start at a column-0 `---` after LF, CRLF or a lone CR, pulled back over `%`
    /// directive lines; `---` elsewhere (indented, in a value, `----`) starts none.
    @Test func documentRangesFollowLineBreaksAndDirectives() throws {
        let text = "a: 1\n---\nb: x --- y\r\n---\r\n  ---\n----\rc: 2\r%YAML 1.2\n---\nd: 3\n--- e\n"
        let source = SourceText(text)
        let starts = YAMLParser.documentRanges(in: source).map { source.string(in: TextRange(start: $0.start, end: min($0.start + 5, $0.end))) }
        #expect(starts == ["a: 1\n", "---\nb", "---\r\n", "%YAML", "--- e"])
        let wide: LineStarts = [0, 7, 1 << 33]
        let narrow: LineStarts = [0, 7, 9]
        for table in [wide, narrow] {
            var seen: [Int] = []
            table.forEachOffset { index, offset in seen.append(offset); #expect(table[index] == offset) }
            #expect(seen == Array(table))
        }
    }
}
