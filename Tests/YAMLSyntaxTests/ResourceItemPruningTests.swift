import Testing
@testable import YAMLSyntax

/// An RGD's `spec.resources` over `YAMLLimits.resourceList` keeps no tree for the object
/// items past the first one over the limit (ResourceItemPruning.swift). One rule, whatever
/// built the tree: the one-thread parse (which drops items as they close), the same without
/// dropping early, the parallel parse (whose groups drop what the rule surely drops) and
/// the incremental re-parse all give the unlimited parse with the rule applied after it.
@Suite struct ResourceItemPruningTests {
    static let kinds: [ResourceListLimit.DocumentKind] = [
        .init(apiVersion: "kro.run/v1alpha1", kind: "ResourceGraphDefinition"),
        .init(apiVersion: "kro.run/", kind: "ResourceGroup"),
    ]

    static func limits(_ keep: Int, early: Bool = true) -> YAMLLimits {
        var limits = YAMLLimits(maxDepth: 12, resourceList: ResourceListLimit(keepObjects: keep, documents: kinds))
        limits.dropsItemsEarly = early
        return limits
    }

    /// The parse without the limit, then the rule.
    static func reference(_ source: SourceText, keep: Int) -> YAMLFile {
        var file = YAMLParser.parse(source, limits: YAMLLimits(maxDepth: 12))
        for i in file.documents.indices {
            #expect(ResourceItemPruning.prune(&file.documents[i], limit: limits(keep).resourceList!))
        }
        return file
    }

    static func dropped(_ file: YAMLFile) -> Int { file.documents.reduce(0) { $0 + $1.droppedItems } }

    static let header = "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: x}\n"

    // MARK: - The rule's shape

    @Test func objectItemsPastTheFirstOverTheLimitArePlaceholders() throws {
        let text = Self.header + """
        spec:
          schema: {apiVersion: v1alpha1, kind: X}
          resources:
          - id: a
          - text
          - id: b
          - [1]
          - !!map {id: c}
          - &keep
            id: d
          - id: e
            inner: &inside 1
          - *keep
          - !!map
            id: f
            list: [1, 2]
          - {id: g}

        """
        let source = SourceText(text)
        let file = YAMLParser.parse(source, limits: Self.limits(1))
        let document = try #require(file.documents.first)
        let list = try #require(document.root?.mapping?.value(forKey: "spec")?.mapping?.value(forKey: "resources")?.sequence)
        let unlimited = try #require(YAMLParser.parse(source).documents.first?.root?.mapping?.value(forKey: "spec")?
            .mapping?.value(forKey: "resources")?.sequence)
        // Objects a and b are kept (b is the first over a limit of 1); the tagged flow item
        // and the last two go; the anchored item, the item holding an anchor, the alias, the
        // scalar and the sequence stay.
        let droppedAt = [4, 8, 9]
        #expect(document.droppedItems == 3)
        #expect(list.items.count == unlimited.items.count)
        for (i, (item, full)) in zip(list.items, unlimited.items).enumerated() {
            guard droppedAt.contains(i) else { #expect(item == full, "item \(i)"); continue }
            let m = try #require(item.mapping), f = try #require(full.mapping)
            #expect(m.isDroppedItem && m.entries.isEmpty, "item \(i)")
            #expect(m.range == f.range && m.style == f.style && m.tag == f.tag, "item \(i)")
            #expect(item != .mapping(YAMLMapping(entries: [], style: f.style, range: f.range, tag: f.tag)), "not a real {}")
        }
        // The rule again changes nothing.
        var again = document
        #expect(ResourceItemPruning.prune(&again, limit: Self.limits(1).resourceList))
        #expect(again == document)
        // The tree again from a dropped item's text.
        let f = try #require(list.items[8].mapping)
        #expect(YAMLParser.droppedItemTree(f, in: source) == unlimited.items[8])
        #expect(YAMLParser.droppedItemTree(try #require(list.items[9].mapping), in: source) == unlimited.items[9])
    }

    /// Documents the rule does not cover keep every item; the header may come last; the
    /// list is the one kubectl keeps (the last `spec`, the last `resources`).
    @Test func whichDocumentsAndWhichList() throws {
        let items = "  - id: a\n  - id: b\n  - id: c\n  - id: d\n"
        let cases: [(String, Int)] = [
            (Self.header + "spec:\n  resources:\n" + items, 2),
            ("spec:\n  resources:\n" + items + "kind: ResourceGraphDefinition\napiVersion: kro.run/v1alpha1\n", 2),
            ("apiVersion: kro.run/v1\nkind: ResourceGroup\nspec:\n  resources:\n" + items, 2),
            ("apiVersion: kro.run/v1beta1\nkind: ResourceGraphDefinition\nspec:\n  resources:\n" + items, 0),
            ("apiVersion: v1\nkind: List\nspec:\n  resources:\n" + items, 0),
            (Self.header + "spec:\n  resources:\n" + items + "kind: Other\n", 0),
            (Self.header + "spec:\n  resources:\n" + items + "spec: {resources: [{id: z}]}\n", 0),
            (Self.header + "spec:\n  resources:\n" + items + "  resources: []\n", 0),
            (Self.header + "<<: {x: 1}\nspec:\n  resources:\n" + items, 0),
            (Self.header + "spec: &s\n  resources:\n" + items, 0),
            (Self.header + "spec:\n  resources: &l\n" + items, 0),
            (Self.header + "spec:\n  resources:\n" + items + "  <<: {x: 1}\n", 0),
            ("apiVersion: kro.run/v1alpha1\nkind: &k ResourceGraphDefinition\nspec:\n  resources:\n" + items, 2),
            ("k: &k ResourceGraphDefinition\napiVersion: kro.run/v1alpha1\nkind: *k\nspec:\n  resources:\n" + items, 0),
        ]
        for (text, expected) in cases {
            let source = SourceText(text)
            for early in [true, false] {
                let file = YAMLParser.parse(source, limits: Self.limits(1, early: early))
                #expect(Self.dropped(file) == expected, "\(text)")
                #expect(file.documents == Self.reference(source, keep: 1).documents, "\(text)")
            }
        }
    }

    /// The peak falls only if items go while the list is built: in a list whose document
    /// starts with its header, every item the rule drops is dropped as it closes, and the
    /// parallel parse's groups drop all but their last items; nothing is built twice.
    @Test func plainListsDropItemsWhileTheyAreBuilt() throws {
        var rng = FuzzTests.Generator(state: 0xD0_0D1E)
        for i in 0..<40 {
            var text = Self.header + "spec:\n  resources:\n"
            let count = 8 + rng.below(30)
            for n in 0..<count {
                text += rng.below(5) == 0 ? "  - text \(n)\n" : "  - id: r\(n)\n    template: {kind: ConfigMap}\n"
            }
            let source = SourceText(text)
            let keep = rng.below(6)
            let expected = Self.reference(source, keep: keep).documents[0].droppedItems
            var reader = LibYAMLReader(source: source, chunk: TextRange(start: 0, end: source.count), limits: Self.limits(keep))
            let parsed = reader.run()
            #expect(parsed.documents[0].droppedItems == expected && expected > 0, "\(i)")
            #expect(reader.droppedWhileBuilding == expected && !reader.rebuilt, "\(i)")

            let cut = try #require(ItemCut.find(in: source, document: TextRange(start: 0, end: source.count)))
            let groups = cut.groups(count: 4)
            let parts = YAMLParser.itemJobs(cut, groups: groups, source: source, limits: Self.limits(keep)).map {
                $0.run(source, limits: Self.limits(keep))
            }
            let inGroups = parts.reduce(0) { $0 + $1.parsed.documents[0].droppedItems }
            #expect(inGroups >= expected - groups.count && inGroups <= expected, "\(i): \(inGroups) of \(expected)")
            let skeleton = YAMLParser.Job.skeleton(cut).run(source, limits: Self.limits(keep))
            let assembled = cut.assemble(skeleton: skeleton, groups: parts[...], source: source, limits: Self.limits(keep))
            #expect(assembled == parsed.documents[0], "\(i)")
        }
        // A header after the list: only the finished tree is pruned.
        let late = SourceText("spec:\n  resources:\n  - id: a\n  - id: b\n  - id: c\n" + Self.header)
        var reader = LibYAMLReader(source: late, chunk: TextRange(start: 0, end: late.count), limits: Self.limits(0))
        #expect(reader.run().documents[0].droppedItems == 2 && reader.droppedWhileBuilding == 0 && !reader.rebuilt)
        // A later key changing the verdict: built again.
        let changed = SourceText(Self.header + "spec:\n  resources:\n  - id: a\n  - id: b\n  - id: c\nkind: Other\n")
        reader = LibYAMLReader(source: changed, chunk: TextRange(start: 0, end: changed.count), limits: Self.limits(0))
        #expect(reader.run().documents[0].droppedItems == 0 && reader.rebuilt)
    }

    // MARK: - Every path gives the rule's tree

    /// A random RGD-like document: its header first, last or wrong, items of every kind.
    static func document(_ rng: inout FuzzTests.Generator) -> (text: String, objects: Int) {
        let headers = [Self.header, "", "apiVersion: kro.run/v1\nkind: ResourceGroup\n", "apiVersion: v1\nkind: List\n"]
        var text = headers[rng.below(headers.count)] + "spec:\n  schema: {apiVersion: v1alpha1, kind: X}\n  resources:\n"
        var anchors = 0, objects = 0
        for n in 0..<(3 + rng.below(14)) {
            switch rng.below(14) {
            case 0: text += "  - just text\n"
            case 1: text += "  - \"q # kro-lsp: ignore KRO019\"\n"
            case 2: text += "  - [1, .nan]\n"
            case 3: text += "  - &a\(anchors)\n    id: r\(n)\n"; anchors += 1; objects += 1
            case 4: text += "  - id: r\(n)\n    x: &a\(anchors) 1\n"; anchors += 1; objects += 1
            case 5: text += anchors > 0 ? "  - *a\(rng.below(anchors))\n" : "  - 7\n"
            case 6: text += "  - {id: r\(n),\n     v: 2}\n"; objects += 1
            case 7: text += "  - !!map\n    id: r\(n)\n"; objects += 1
            case 8: text += "  - id: r\(n)\n    id: again\n"; objects += 1
            case 9: text += anchors > 0 ? "  - id: r\(n)\n    x: *a\(rng.below(anchors))\n" : "  - null\n"
            case 10: text += "  - ? k\(n)\n"; objects += 1
            case 11: text += "  -\n    id: r\(n)\n    note: |\n      # not a comment\n"; objects += 1
            default: text += "  - id: r\(n)\n    template: {apiVersion: v1, kind: ConfigMap}  # c\n"; objects += 1
            }
        }
        let tails = ["", "", "", "kind: ResourceGraphDefinition\napiVersion: kro.run/v1alpha1\n", "kind: Other\n",
                     "  resources: []\n", "status: {}\n", "---\n" + Self.header + "spec:\n  resources:\n  - id: z\n  - id: y\n"]
        text += tails[rng.below(tails.count)]
        if rng.below(6) == 0 { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        return (text, objects)
    }

    @Test func everyPathGivesTheRulesTree() {
        var rng = FuzzTests.Generator(state: 0x9E50_0C35)
        var droppedSome = 0, assembledWithDrops = 0
        for i in 0..<160 {
            let (text, objects) = Self.document(&rng)
            let source = SourceText(text)
            for keep in Set([0, 1, 2, max(0, objects - 2), objects - 1, objects, objects + 1]) where keep >= 0 {
                let expected = Self.reference(source, keep: keep)
                if Self.dropped(expected) > 0 { droppedSome += 1 }
                let label = "document \(i), keep \(keep):\n\(text)"
                let one = YAMLParser.parse(source, limits: Self.limits(keep))
                #expect(one.documents == expected.documents && one.errors == expected.errors, "\(label)")
                #expect(ParallelParseTests.marks(one) == ParallelParseTests.marks(expected), "\(label)")
                let late = YAMLParser.parse(source, limits: Self.limits(keep, early: false))
                #expect(late.documents == expected.documents, "\(label)")
                for groups in [1, 3] {
                    let many = YAMLParser.parse(source, limits: Self.limits(keep),
                                                parallel: .init(threads: 3, minimumDocumentBytes: 0, groupsPerThread: groups))
                    #expect(many.documents == expected.documents && many.errors == expected.errors, "\(label)")
                    #expect(ParallelParseTests.marks(many) == ParallelParseTests.marks(expected), "\(label)")
                }
                if Self.dropped(expected) > 0,
                   ParallelParseTests.assembles(Array(text.utf8), limits: Self.limits(keep), groups: 4) {
                    assembledWithDrops += 1
                }
            }
        }
        // The comparison is about dropped items, and the parallel parse kept some of its cuts.
        #expect(droppedSome > 200)
        #expect(assembledWithDrops > 20)
    }

    /// Edits of one item: the incremental re-parse splices it, drops it or falls back when a
    /// dropped item must be kept again (an object before it became a scalar).
    @Test func reparsingAfterAnEditGivesTheRulesTree() throws {
        var rng = FuzzTests.Generator(state: 0x51CE_D0E5)
        let replacements = ["  - id: new\n", "  - scalar now\n", "  - {id: flow}\n", "  - [1]\n",
                            "  - id: x\n    y: &fresh 1\n", "  - id: changed\n    template: {kind: Secret}\n"]
        var spliced = 0
        for i in 0..<120 {
            var items = (0..<(4 + rng.below(8))).map { n in
                rng.below(4) == 0 ? "  - text \(n)\n" : "  - id: r\(n)\n    template: {kind: ConfigMap}\n"
            }
            let prefix = Self.header + "spec:\n  resources:\n"
            let before = SourceText(prefix + items.joined())
            let k = rng.below(items.count)
            items[k] = replacements[rng.below(replacements.count)]
            let after = SourceText(prefix + items.joined())
            for keep in 0..<4 {
                let limits = Self.limits(keep)
                let previous = YAMLParser.parse(before, limits: limits)
                let full = YAMLParser.parse(after, limits: limits)
                #expect(full.documents == Self.reference(after, keep: keep).documents)
                let label = "case \(i), keep \(keep), item \(k):\n\(after.text)"
                #expect(YAMLParser.reparse(after, previous: previous, limits: limits).documents == full.documents, "\(label)")
                if YAMLParser.incrementalParse(after, previous: previous, limits: limits) != nil { spliced += 1 }
                // Parsed under another limit, or none: the same tree as a parse under this one.
                let other = YAMLParser.parse(before, limits: Self.limits(keep + 1))
                #expect(YAMLParser.reparse(after, previous: other, limits: limits).documents == full.documents, "\(label)")
                #expect(YAMLParser.reparse(after, previous: previous).documents == YAMLParser.parse(after).documents)
                #expect(YAMLParser.reparse(before, previous: previous, limits: Self.limits(keep + 1)).documents
                        == YAMLParser.parse(before, limits: Self.limits(keep + 1)).documents)
            }
        }
        #expect(spliced > 100)
    }
}
