import YAMLSyntax

/// The YAML layer: every node, key and error range lies inside the file, parsing the same
/// bytes twice gives the same tree, and the parse that cuts a `resources:` list into groups of
/// items parsed on other threads (ParallelParse.swift; here for documents of any size) gives
/// the one-thread tree; so do parses that pack short lists or rebuild short values.
enum YAMLFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let source = SourceText(bytes: input)
        let file = YAMLParser.parse(source)
        for error in file.errors { v.expectInside(error.range, input.count, "YAML error '\(error.message)'") }
        for document in file.documents {
            v.expectInside(document.range, input.count, "document")
            for error in document.errors { v.expectInside(error.range, input.count, "document error '\(error.message)'") }
            var stack = document.root.map { [$0] } ?? []
            var visited = 0
            while let node = stack.popLast(), visited < 1_000_000 {
                visited += 1
                v.expectInside(node.range, input.count, "node")
                switch node {
                case .mapping(let m): m.entries.forEach { stack.append($0.key); stack.append($0.value) }
                case .sequence(let s): stack.append(contentsOf: s.items)
                case .scalar, .alias: break  // an alias's target was visited where it is anchored
                }
            }
        }
        let again = YAMLParser.parse(source)
        v.expect(again.errors == file.errors && again.documents.count == file.documents.count,
                 "a second parse of the same bytes differs")
        let cut = YAMLParser.parse(source, limits: .default,
                                   parallel: .init(threads: 2, minimumDocumentBytes: 0, groupsPerThread: 2))
        v.expect(cut.documents == file.documents && cut.errors == file.errors,
                 "the parse cut at the resources items differs from the one-thread parse")
        checkResourceListLimit(source, unlimited: file, &v)
        checkNodeLimit(source, unlimited: file, &v)
        checkPacking(source, &v)
        checkRebuiltValues(source, reference: file, &v)
        return v.list
    }

    /// Values built from the source after libyaml's copy is freed, from 0, 1 or 2 bytes on
    /// (not 64 KiB, which the fuzzer's inputs never reach), read as the default parse's, in
    /// the one-thread and in the cut parse: under AddressSanitizer, a read of the freed copy
    /// fails here.
    static func checkRebuiltValues(_ source: SourceText, reference: YAMLFile, _ v: inout Violations) {
        var limits = YAMLLimits.default
        limits.rebuildValuesFrom = source.bytes.count % 3
        expectParses(source, limits: limits, toGive: reference, "rebuilding short values from the source", &v)
    }

    /// Lists packed from their first, second or third item (YAMLItems) read as the same
    /// lists parsed into nodes, in the one-thread and in the cut parse.
    static func checkPacking(_ source: SourceText, _ v: inout Violations) {
        var packing = YAMLLimits.default, unpacked = YAMLLimits.default
        (packing.packScalarListsFrom, unpacked.packScalarListsFrom) = (1 + source.bytes.count % 3, .max)
        expectParses(source, limits: packing, toGive: YAMLParser.parse(source, limits: unpacked), "packing short lists", &v)
    }

    /// The one-thread and the cut parse under `limits` give `reference`'s documents and errors.
    static func expectParses(_ source: SourceText, limits: YAMLLimits, toGive reference: YAMLFile,
                             _ doing: String, _ v: inout Violations) {
        let one = YAMLParser.parse(source, limits: limits)
        v.expect(one.documents == reference.documents && one.errors == reference.errors,
                 "a parse \(doing) differs from the reference parse")
        let cut = YAMLParser.parse(source, limits: limits, parallel: .init(threads: 2, minimumDocumentBytes: 0, groupsPerThread: 2))
        v.expect(cut.documents == reference.documents && cut.errors == reference.errors,
                 "a cut parse \(doing) differs from the reference parse")
    }

    /// A document's node count is its tree's when nothing was cut short; under a limit just
    /// below a document's count the one-thread and the cut parse stop at the same node.
    static func checkNodeLimit(_ source: SourceText, unlimited: YAMLFile, _ v: inout Violations) {
        for document in unlimited.documents where document.errors.isEmpty {
            v.expect(document.nodeCount == (document.root?.nodeCount ?? 0), "a document's node count is not its tree's")
        }
        guard let largest = unlimited.documents.map(\.nodeCount).max(), largest > 1 else { return }
        var limits = YAMLLimits.default
        limits.maxNodes = largest - 1 - source.bytes.count % min(largest - 1, 4)
        let one = YAMLParser.parse(source, limits: limits)
        // Small batches: the jobs stop together (LiveNodes) at varying points.
        let cut = YAMLParser.parse(source, limits: limits, parallel: .init(threads: 2, minimumDocumentBytes: 0, groupsPerThread: 2,
                                                                            liveNodeBatch: 1 + source.bytes.count % 5))
        v.expect(cut.documents == one.documents && cut.errors == one.errors,
                 "over the node limit, the cut parse differs from the one-thread parse")
        v.expect(one.errors.contains { $0.kind == .limit }, "a document over the node limit has no limit error")
    }

    /// Over a resource limit (0–2 objects kept, by the input's length) the one-thread and the
    /// cut parse drop the same items, and each dropped item stands where the unlimited parse
    /// has a mapping with its range, style and tag; all else is the unlimited tree.
    static func checkResourceListLimit(_ source: SourceText, unlimited: YAMLFile, _ v: inout Violations) {
        var limits = YAMLLimits.default
        limits.resourceList = ResourceListLimit(keepObjects: source.bytes.count % 3, documents: [
            .init(apiVersion: "kro.run/v1alpha1", kind: "ResourceGraphDefinition")])
        let one = YAMLParser.parse(source, limits: limits)
        let cut = YAMLParser.parse(source, limits: limits, parallel: .init(threads: 2, minimumDocumentBytes: 0, groupsPerThread: 2))
        v.expect(cut.documents == one.documents && cut.errors == one.errors,
                 "over a resource limit, the cut parse differs from the one-thread parse")
        v.expect(one.errors == unlimited.errors && one.documents.count == unlimited.documents.count,
                 "a resource limit changed the errors or the documents")
        for (limited, whole) in zip(one.documents, unlimited.documents) {
            v.expect(limited.errors == whole.errors && limited.duplicateKeys == whole.duplicateKeys && limited.range == whole.range,
                     "a resource limit changed a document's errors or range")
            var dropped = 0
            var pairs: [(YAMLNode, YAMLNode)] = []
            switch (limited.root, whole.root) {
            case (nil, nil): break
            case (let a?, let b?): pairs.append((a, b))
            default: v.expect(false, "a resource limit changed whether a document has a root")
            }
            while let (a, b) = pairs.popLast() {
                switch (a, b) {
                case (.mapping(let m), .mapping(let w)) where m.isDroppedItem:
                    dropped += 1
                    v.expect(m.entries.isEmpty && m.range == w.range && m.style == w.style && m.tag == w.tag,
                             "a dropped item is not an empty mapping with its item's range, style and tag")
                case (.mapping(let m), .mapping(let w)):
                    guard m.entries.count == w.entries.count, m.range == w.range, m.tag == w.tag, m.anchor == w.anchor else {
                        v.expect(false, "a resource limit changed a mapping other than a dropped item"); continue
                    }
                    for (x, y) in zip(m.entries, w.entries) { pairs.append((x.key, y.key)); pairs.append((x.value, y.value)) }
                case (.sequence(let s), .sequence(let w)):
                    guard s.items.count == w.items.count, s.range == w.range, s.tag == w.tag, s.anchor == w.anchor else {
                        v.expect(false, "a resource limit changed a sequence"); continue
                    }
                    pairs.append(contentsOf: zip(s.items, w.items))
                default:
                    v.expect(a == b, "a resource limit changed a node")
                }
            }
            v.expect(dropped == limited.droppedItems, "droppedItems (\(limited.droppedItems)) is not the placeholders' count (\(dropped))")
        }
    }
}
