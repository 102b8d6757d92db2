import Testing
@testable import YAMLSyntax

/// `YAMLLimits.maxNodes`: a document builds at most so many nodes. The count is the text's,
/// whichever way the tree was built (one thread, cut into groups of items, or an item
/// re-parsed after an edit), and the error stands on the first node over the limit.
@Suite struct NodeLimitTests {
    static let resources = """
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        spec:
          resources:
          - id: a
            template: {kind: ConfigMap, data: [1, 2]}
          - id: b
            template: {kind: ConfigMap, data: [3, 4, 5]}
          - id: c
            template: {kind: ConfigMap}

        """

    static func treeNodes(_ file: YAMLFile) -> Int { file.documents.compactMap(\.root).reduce(0) { $0 + $1.nodeCount } }

    @Test func theCountIsTheTreesNodes() throws {
        let cases = ["a: 1\n", "[a, [b, {c: d}], *x]\n", "a: &x [1]\nb: *x\n", Self.resources, "", "--- x\n--- [1, 2]\n"]
        for text in cases {
            let file = YAMLParser.parse(SourceText(text))
            #expect(file.documents.reduce(0) { $0 + $1.nodeCount } == Self.treeNodes(file), "\(text)")
        }
        // An alias is one node, however much it stands for.
        #expect(YAMLParser.parse(SourceText("a: &x [1, 2, 3]\nb: *x\n")).documents[0].nodeCount == 8)
    }

    @Test func theFirstNodeOverTheLimitGetsTheError() throws {
        let source = SourceText("a: [1, 2, 3]\n")
        // The mapping, `a`, the list and `1` fit; `2` is the fifth.
        let file = YAMLParser.parse(source, limits: YAMLLimits(maxNodes: 4))
        let error = try #require(file.errors.first)
        #expect(file.errors.count == 1)
        #expect(error.kind == .limit)
        #expect(error.message == "the document has more than 4 YAML nodes, over kro-lsp's limit; the rest of it is not read")
        #expect(error.range == TextRange(start: 7, end: 8))
        // What was read before it stays, closed at the error.
        #expect(file.documents[0].root?.mapping?.value(forKey: "a")?.sequence?.items.count == 1)
        #expect(YAMLParser.parse(source, limits: YAMLLimits(maxNodes: 6)).errors.isEmpty)
        // A collection counts where it opens; the limit is per file: the second document's
        // first node is over it, and the third document is not read.
        let text = "[1]\n---\n[2, [3]]\n---\nx\n"
        let two = YAMLParser.parse(SourceText(text), limits: YAMLLimits(maxNodes: 2))
        #expect(two.errors.map(\.range) == [TextRange(start: 8, end: 9)])
        #expect(two.errors.first?.message == "the file has more than 2 YAML nodes, over kro-lsp's limit; the rest of it is not read")
        #expect(two.documents[0].errors.isEmpty)
        #expect(two.documents.count == 3 && two.documents[2].root == nil && two.documents[2].errors.isEmpty)
        ParallelParseTests.expectSame(Array(text.utf8), limits: YAMLLimits(maxNodes: 2), "three documents, limit 2")
        let parallel = YAMLParser.parse(SourceText(text), limits: YAMLLimits(maxNodes: 2),
                                        parallel: .init(threads: 4, minimumDocumentBytes: 1 << 30))
        #expect(parallel.documents == two.documents && parallel.errors == two.errors)
    }

    /// Documents of many nodes each: a file of them stops at the limit, whichever document
    /// goes over it, in one thread or several; an edit then parses the file again.
    @Test func theDocumentsOfAFileShareTheLimit() throws {
        let text = (0..<8).map { "d\($0): [" + Array(repeating: "a", count: 20).joined(separator: ", ") + "]\n" }
            .joined(separator: "---\n")
        let each = YAMLParser.parse(SourceText(text)).documents.map(\.nodeCount)
        #expect(each == Array(repeating: 23, count: 8))
        for limit in [22, 23, 46, 50, 100, 183, 184, 1_000] {
            let limits = YAMLLimits(maxNodes: limit)
            let file = YAMLParser.parse(SourceText(text), limits: limits)
            #expect(file.documents.reduce(0) { $0 + $1.nodeCount } == min(limit, 184), "limit \(limit)")
            #expect(file.errors.count == (limit < 184 ? 1 : 0), "limit \(limit)")
            let read = file.documents.filter { $0.root != nil }.count
            #expect(read == min(8, (limit + 22) / 23), "limit \(limit)")  // a document stopped at its first node has no tree
            let parallel = YAMLParser.parse(SourceText(text), limits: limits, parallel: .init(threads: 3, minimumDocumentBytes: 1 << 30))
            #expect(parallel.documents == file.documents && parallel.errors == file.errors, "limit \(limit)")
        }
        let limits = YAMLLimits(maxNodes: 50)
        let previous = YAMLParser.parse(SourceText(text), limits: limits)
        let edited = SourceText(text.replacingOccurrences(of: "d0: [a, a,", with: "d0: [a,"))
        #expect(YAMLParser.reparse(edited, previous: previous, limits: limits).documents
            == YAMLParser.parse(edited, limits: limits).documents)
    }

    /// The jobs of a parallel parse share one count of what they built (`LiveNodes`): once
    /// they are over the file's limit together, the running ones stop and the others do
    /// not start, so the file never holds much more than the limit's nodes, whatever the
    /// number of documents or groups. The parts stopped so are parsed again in order: the
    /// file is still the one-thread parse's.
    @Test func theJobsOfAParallelParseStopTogetherAtTheLimit() throws {
        let documents = (0..<8).map { "d\($0): [" + Array(repeating: "a", count: 20).joined(separator: ", ") + "]\n" }
            .joined(separator: "---\n")
        let items = (0..<12).map { "  - id: r\($0)\n    template: {data: [" + Array(repeating: "a", count: 20).joined(separator: ", ") + "]}\n" }
        let cut = "kind: ResourceGraphDefinition\nspec:\n  resources:\n" + items.joined()
        for (name, text) in [("documents", documents), ("cut", cut)] {
            let total = YAMLParser.parse(SourceText(text)).documents.reduce(0) { $0 + $1.nodeCount }
            for limit in [10, 23, 50, 100, total - 1, total, total + 1, total + 100] {
                let limits = YAMLLimits(maxNodes: limit)
                let one = YAMLParser.parse(SourceText(text), limits: limits)
                for batch in [1, 3, 1_000] {
                    let live = LiveNodes(batch: batch)
                    let threads = 3
                    let parallel = YAMLParser.parse(SourceText(text), limits: limits, parallel: .init(
                        threads: threads, minimumDocumentBytes: 0, groupsPerThread: 2, liveNodeBatch: batch), liveNodes: live)
                    #expect(parallel.documents == one.documents && parallel.errors == one.errors, "\(name), limit \(limit), batch \(batch)")
                    // Each job running when the count went over adds at most one batch past it.
                    if batch == 1 && limit < total {
                        #expect(live.total <= limit + threads, "\(name), limit \(limit): \(live.total) nodes built")
                    }
                    // Under the limit all is built once; a cut document's groups build one
                    // node more each (their own list), the skeleton maybe its empty value.
                    let extra = name == "cut" ? 1 + threads * 2 : 0
                    if limit > total + extra {
                        #expect(live.total >= total && live.total <= total + extra, "\(name), limit \(limit): \(live.total)")
                    }
                }
            }
        }
    }

    /// The groups of a cut document each stay under the limit while the whole does not:
    /// the assembly gives way to the one-thread parse, which says where.
    @Test func theCutDocumentCountsAllItsGroups() throws {
        let source = SourceText(Self.resources)
        let total = YAMLParser.parse(source).documents[0].nodeCount
        #expect(total == Self.treeNodes(YAMLParser.parse(source)))
        for limit in [total - 1, total, total + 1, 30] {
            let limits = YAMLLimits(maxNodes: limit)
            ParallelParseTests.expectSame(Array(Self.resources.utf8), limits: limits, "limit \(limit)")
            #expect(ParallelParseTests.assembles(Array(Self.resources.utf8), limits: limits, groups: 3) == (limit >= total),
                    "limit \(limit)")
            let one = YAMLParser.parse(source, limits: limits)
            #expect(one.errors.map(\.kind) == (limit >= total ? [] : [.limit]), "limit \(limit)")
        }
    }

    /// An edit inside one item moves the count by the item's change, whether the old item
    /// was kept or dropped; an edit taking the document over the limit is parsed whole.
    @Test func anEditedItemMovesTheCount() throws {
        let before = SourceText(Self.resources)
        let total = YAMLParser.parse(before).documents[0].nodeCount
        let edits = [("[3, 4, 5]", "[3]", -2), ("[3, 4, 5]", "[3, 4, 5, 6]", 1), ("{kind: ConfigMap}\n", "{}\n", -2)]
        for (marker, replacement, change) in edits {
            let after = SourceText(IncrementalParseTests.edit(Self.resources, marker, replacement))
            for limit in [total + change - 1, total + change, 1_000] {
                for keep in [0, 5] {
                    var limits = YAMLLimits(maxNodes: limit, resourceList: ResourceItemPruningTests.limits(keep).resourceList)
                    limits.maxDepth = 12
                    let previous = YAMLParser.parse(before, limits: YAMLLimits(maxDepth: 12, maxNodes: 1_000,
                                                                                resourceList: limits.resourceList))
                    let full = YAMLParser.parse(after, limits: limits)
                    let label = "\(replacement), limit \(limit), keep \(keep)"
                    #expect(full.errors.isEmpty == (limit >= total + change), "\(label)")
                    #expect(YAMLParser.reparse(after, previous: previous, limits: limits).documents == full.documents, "\(label)")
                    let spliced = YAMLParser.incrementalParse(after, previous: previous, limits: limits)
                    #expect((spliced != nil) == (limit >= total + change), "\(label)")
                    if let spliced { #expect(spliced.documents[0].nodeCount == total + change, "\(label)") }
                }
            }
        }
    }
}
