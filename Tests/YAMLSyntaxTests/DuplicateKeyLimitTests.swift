import Testing
@testable import YAMLSyntax

/// `YAMLLimits.maxDuplicateKeys`: a file lists its duplicate keys in order of position,
/// the first ones only, all its documents together, the same whether it was parsed whole,
/// in parallel parts or spliced after an edit.
@Suite struct DuplicateKeyLimitTests {
    /// Mappings close inner first, so the builder finds `m`'s and `n`'s repeats before the
    /// root's `a`, which lie between them.
    static let nested = """
        a: 1
        m: {x: 1, x: 2, x: 3}
        a: 2
        n:
          p: 1
          p: 2
        a: 3

        """

    static func duplicates(_ text: String, limit: Int) -> [DuplicateKey] {
        YAMLParser.parse(SourceText(text), limits: YAMLLimits(maxDuplicateKeys: limit)).documents.first?.duplicateKeys ?? []
    }

    @Test func theListIsInOrderOfPositionAndCutToTheLimit() {
        let all = Self.duplicates(Self.nested, limit: .max)
        #expect(all.map(\.key) == ["x", "x", "a", "p", "a"])
        #expect(all.map(\.duplicate.start) == all.map(\.duplicate.start).sorted())
        for limit in 0...6 {
            #expect(Self.duplicates(Self.nested, limit: limit) == Array(all.prefix(limit)), "limit \(limit)")
        }
    }

    /// Past twice the limit the builder cuts its list back as it goes: what it keeps is
    /// still the first by position, across many mappings and one wide one.
    @Test func aLongListIsCutAsItGrowsAndKeepsTheFirst() {
        var text = "wide:\n" + (0..<40).map { "  k\($0 % 7): \($0)\n" }.joined()
        for i in 0..<60 { text += "m\(i): {a: 1, b: 2, a: 3, b: 4}\n" }
        text += "wide: again\n"
        let all = Self.duplicates(text, limit: .max)
        #expect(all.count == 33 + 120 + 1)
        for limit in [1, 3, 10, 100] {
            #expect(Self.duplicates(text, limit: limit) == Array(all.prefix(limit)), "limit \(limit)")
        }
    }

    /// An RGD-like document whose `resources:` items each repeat keys, parsed in parts.
    static let resources = "spec:\n  resources:\n"
        + (0..<40).map { "  - id: r\($0)\n    id: again\n    template: {k: 1, k: 2}\n" }.joined()

    @Test func thePartsOfAParallelParseKeepTheSameFirstOnes() {
        let limits = YAMLLimits(maxDuplicateKeys: 5)
        #expect(ParallelParseTests.assembles(Array(Self.resources.utf8), limits: limits, groups: 3))
        ParallelParseTests.expectSame(Array(Self.resources.utf8), limits: limits, "resources, limit 5")
        #expect(YAMLParser.parse(SourceText(Self.resources), limits: limits).documents[0].duplicateKeys.count == 5)
    }

    /// After an edit inside one item the spliced list is the full parse's, even when the
    /// edit removes repeats from a list that was full (it may have left some out).
    @Test func anEditGivesTheListOfAFullParse() {
        let edits = [
            ("    id: again\n    template: {k: 1, k: 2}\n", "    template: {k: 1}\n"),  // in the first item
            ("  - id: r39\n", "  - id: r39\n    id: more\n    id: most\n"),  // in the last item
        ]
        for limit in [3, 80, 200] {
            let limits = YAMLLimits(maxDuplicateKeys: limit)
            let previous = YAMLParser.parse(SourceText(Self.resources), limits: limits)
            for (marker, replacement) in edits {
                let source = SourceText(IncrementalParseTests.edit(Self.resources, marker, replacement))
                let full = YAMLParser.parse(source, limits: limits)
                #expect(YAMLParser.reparse(source, previous: previous, limits: limits).documents == full.documents,
                        "limit \(limit)")
                let spliced = YAMLParser.incrementalParse(source, previous: previous, limits: limits)
                // A full list (limit 3, 80) is parsed again whole; one that is not, spliced.
                #expect((spliced != nil) == (limit == 200), "limit \(limit)")
                if let spliced { #expect(spliced.documents == full.documents, "limit \(limit)") }
            }
        }
    }

    /// The limit holds for the file: the documents, in order, keep what is left of it
    /// (9,000 documents of 1,100 repeated keys each held 885 MB of them). In parallel parts
    /// the same, and an edit once some were left out parses the file again.
    @Test func theDocumentsOfAFileShareTheLimit() {
        let text = (0..<6).map { "d\($0): {k: 1, k: 2, k: 3}\n" }.joined(separator: "---\n")
        let all = YAMLParser.parse(SourceText(text), limits: YAMLLimits(maxDuplicateKeys: .max)).documents
        #expect(all.map(\.duplicateKeys.count) == [2, 2, 2, 2, 2, 2])
        let limits = YAMLLimits(maxDuplicateKeys: 5)
        let cut = YAMLParser.parse(SourceText(text), limits: limits).documents
        #expect(cut.map(\.duplicateKeys.count) == [2, 2, 1, 0, 0, 0])
        #expect(cut[2].duplicateKeys == Array(all[2].duplicateKeys.prefix(1)))
        ParallelParseTests.expectSame(Array(text.utf8), limits: limits, "documents, limit 5")
        let parallel = YAMLParser.parse(SourceText(text), limits: limits,
                                        parallel: .init(threads: 4, minimumDocumentBytes: 1 << 30))
        #expect(parallel.documents == cut)
        // Removing a repeat from the first document brings one of the third back.
        let edited = SourceText(text.replacingOccurrences(of: "d0: {k: 1, k: 2, k: 3}", with: "d0: {k: 1, k: 2, j: 3}"))
        let previous = YAMLParser.parse(SourceText(text), limits: limits)
        #expect(YAMLParser.incrementalParse(edited, previous: previous, limits: limits) == nil)
        let again = YAMLParser.reparse(edited, previous: previous, limits: limits).documents
        #expect(again.map(\.duplicateKeys.count) == [1, 2, 2, 0, 0, 0])
        #expect(again == YAMLParser.parse(edited, limits: limits).documents)
    }
}
