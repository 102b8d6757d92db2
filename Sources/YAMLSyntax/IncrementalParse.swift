import Dispatch

/// Re-parsing after an edit: when the change between two texts of a file lies inside one
/// item of a block sequence (in kro files, one `spec.resources` entry) and keeps the
/// structure around it, only that item's lines are parsed again and the new item is
/// spliced into the previous tree, every later node moved by the length difference. Any
/// doubt (document boundaries moved, errors, anchors or aliases, the item's lines no
/// longer one item) falls back to a full parse, so the result always equals
/// `YAMLParser.parse(source)`.
extension YAMLParser {
    public static func reparse(_ source: SourceText, previous: YAMLFile, limits: YAMLLimits = .default) -> YAMLFile {
        reparseReportingChange(source, previous: previous, limits: limits).file
    }

    /// `reparse`, and what changed between the two texts (callers that keep results per
    /// byte range tell from it which ranges kept their text, without comparing them).
    /// `threads`: for the full parse when one is needed (`parse(_:limits:threads:)`), and for
    /// moving what follows a spliced item.
    public static func reparseReportingChange(_ source: SourceText, previous: YAMLFile, limits: YAMLLimits = .default,
                                              threads: Int = 1) -> (file: YAMLFile, change: TextChange) {
        let candidates = changes(from: previous.source.bytes, to: source.bytes)
        let change = TextChange(covering: candidates, oldCount: previous.source.bytes.count, newCount: source.bytes.count)
        let file = incrementalParse(source, previous: previous, candidates: candidates, limits: limits, threads: threads)
            ?? parse(source, limits: limits, threads: threads)
        return (file, change)
    }

    /// nil when the change needs a full parse.
    static func incrementalParse(_ source: SourceText, previous: YAMLFile, limits: YAMLLimits) -> YAMLFile? {
        incrementalParse(source, previous: previous, candidates: changes(from: previous.source.bytes, to: source.bytes),
                         limits: limits)
    }

    /// `candidates`: `changes(from:to:)` of the two texts.
    static func incrementalParse(_ source: SourceText, previous: YAMLFile, candidates: [TextRange],
                                 limits: YAMLLimits, threads: Int = 1) -> YAMLFile? {
        if candidates.isEmpty {
            // The same text: the same trees, unless they were pruned by another rule.
            var documents = previous.documents
            for i in documents.indices {
                guard ResourceItemPruning.prune(&documents[i], limit: limits.resourceList) else { return nil }
            }
            return YAMLFile(source: source, documents: documents, errors: previous.errors)
        }
        // Where an insertion goes is ambiguous when its text repeats what surrounds it
        // (a new line after a line): try it leftmost and rightmost.
        for change in candidates {
            if let file = incrementalParse(source, previous: previous, change: change, limits: limits, threads: threads) {
                return file
            }
        }
        return nil
    }

    static func incrementalParse(_ source: SourceText, previous: YAMLFile, change: TextRange,
                                 limits: YAMLLimits, threads: Int = 1) -> YAMLFile? {
        let old = previous.source.bytes, new = source.bytes
        let delta = new.count - old.count
        // Document boundaries stay where they were (moved by the change after it).
        let oldRanges = documentRanges(in: previous.source, limit: limits.maxDocuments)
        let newRanges = documentRanges(in: source, limit: limits.maxDocuments)
        guard oldRanges.count == newRanges.count, previous.documents.map(\.range) == oldRanges,
              let d = oldRanges.firstIndex(where: { $0.start <= change.start && change.end <= $0.end }),
              change.end < oldRanges[d].end || d == oldRanges.count - 1 else { return nil }
        for (i, (a, b)) in zip(oldRanges, newRanges).enumerated() {
            let expected = i < d ? a : i == d ? TextRange(start: a.start, end: a.end + delta) : a.shifted(by: delta)
            guard b == expected else { return nil }
        }
        let document = previous.documents[d]
        // A full list may have left out duplicate keys the edit brings within the limit, and
        // a file over a limit documents the edit brings back within it.
        guard document.errors.isEmpty, let root = document.root, newRanges[d].length <= limits.maxDocumentSize,
              DuplicateKeyRoom.noneLeftOut(previous.documents, limits: limits),
              !previous.errors.contains(where: { $0.kind == .limit }),
              old[document.range.start] != UInt8(ascii: "%"),  // directives change how tags read
              let target = item(containing: change, in: root, source: previous.source, documentEnd: document.range.end)
        else { return nil }

        // The item's lines alone, in the new text.
        let chunk = TextRange(start: target.chunk.start, end: target.chunk.end + delta)
        var chunkLimits = limits
        chunkLimits.maxDepth = limits.maxDepth - target.depth
        let parsed = parseDocuments(source, range: chunk, limits: chunkLimits)
        guard parsed.leftoverErrors.isEmpty, parsed.documents.count == 1, parsed.documents[0].errors.isEmpty,
              case .sequence(let list)? = parsed.documents[0].root, list.style == .block, list.items.count == 1,
              !list.items[0].hasAnchorsOrAliases else { return nil }
        let newItem = PartEnd.movingEmptyValue(list.items[0], partEnd: chunk.end, in: source.bytes,
                                               documentEnd: newRanges[d].end)

        // The old item's nodes give way to the new one's (its list aside); over the limit, the
        // full parse says where.
        var nodes = document.nodeCount + parsed.documents[0].nodeCount - 1
        if case .mapping(let old) = target.item, old.isDroppedItem {
            let before = parseDocuments(previous.source, range: target.chunk, limits: chunkLimits)
            guard before.documents.count == 1 else { return nil }
            nodes -= before.documents[0].nodeCount - 1
        } else {
            nodes -= target.item.nodeCount
        }
        let others = previous.documents.reduce(0) { $0 + $1.nodeCount } - document.nodeCount
        guard nodes + others <= limits.maxNodes else { return nil }

        var spliced = document
        spliced.nodeCount = nodes
        spliced.root = splice(root, path: target.path[...], item: newItem, delta: delta, threads: threads)
        if case .mapping(let old) = target.item, old.isDroppedItem { spliced.droppedItems -= 1 }
        spliced.range = newRanges[d]
        let oldItem = target.item.range
        spliced.duplicateKeys = document.duplicateKeys.filter { $0.duplicate.start < oldItem.start }
            + parsed.documents[0].duplicateKeys
            + document.duplicateKeys.filter { $0.duplicate.start >= target.chunk.end }.map { $0.shifted(by: delta) }
        spliced.duplicateKeys = spliced.duplicateKeys.firstByPosition(limits.maxDuplicateKeys)
        // The edit may drop the new item, or keep one dropped before (then: a full parse).
        guard ResourceItemPruning.prune(&spliced, limit: limits.resourceList) else { return nil }
        var documents = previous.documents
        documents[d] = spliced
        for i in (d + 1)..<documents.count { documents[i] = documents[i].shifted(by: delta) }
        var room = DuplicateKeyRoom(limits)
        room.take(&documents)
        let errors = previous.errors.map { $0.range.start >= target.chunk.end ? $0.shifted(by: delta) : $0 }
        return YAMLFile(source: source, documents: documents, errors: errors)
    }

    /// The changed range in `old` coordinates: with the longest common prefix taken
    /// first, then with the longest common suffix first (equal when the change is not
    /// ambiguous); empty when the texts are equal.
    static func changes(from old: [UInt8], to new: [UInt8]) -> [TextRange] {
        let common = min(old.count, new.count)
        // Eight bytes at a time first: a keystroke in a megabyte compares it all.
        func prefix(limit: Int) -> Int {
            old.withUnsafeBytes { a in
                new.withUnsafeBytes { b in
                    var n = 0
                    while n + 8 <= limit
                        && a.loadUnaligned(fromByteOffset: n, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n, as: UInt64.self) {
                        n += 8
                    }
                    while n < limit && a[n] == b[n] { n += 1 }
                    return n
                }
            }
        }
        /// `known`: bytes already found equal.
        func suffix(limit: Int, known: Int = 0) -> Int {
            old.withUnsafeBytes { a in
                new.withUnsafeBytes { b in
                    var n = known
                    while n + 8 <= limit
                        && a.loadUnaligned(fromByteOffset: a.count - n - 8, as: UInt64.self)
                            == b.loadUnaligned(fromByteOffset: b.count - n - 8, as: UInt64.self) {
                        n += 8
                    }
                    while n < limit && a[a.count - 1 - n] == b[b.count - 1 - n] { n += 1 }
                    return n
                }
            }
        }
        let p1 = prefix(limit: common)
        if p1 == old.count && old.count == new.count { return [] }
        let s1 = suffix(limit: common - p1)
        // The second placement extends what is known equal instead of comparing it again:
        // the last s1 bytes are equal, and so are the first p1 (no more: byte p1 differs).
        let s2 = suffix(limit: common, known: s1)
        let p2 = min(p1, common - s2)
        let first = TextRange(start: p1, end: old.count - s1), second = TextRange(start: p2, end: old.count - s2)
        return first == second ? [first] : [first, second]
    }

    /// The outermost block-sequence item holding the change, with the lines to re-parse
    /// (from its `- ` line to the next item's line, or the document's end for the last),
    /// the child positions from the root to it, and how many collections enclose it.
    struct Target {
        var item: YAMLNode
        var chunk: TextRange
        var path: [Int]
        var depth: Int
    }

    static func item(containing change: TextRange, in root: YAMLNode, source: SourceText, documentEnd: Int) -> Target? {
        var node = root
        var path: [Int] = []
        var ancestorKeys: [YAMLMapping] = []
        while true {
            switch node {
            case .mapping(let m):
                // An anchored ancestor may be copied by a later alias: the copy would keep the old item.
                guard m.anchor == nil, let i = m.entries.firstIndex(where: {
                    $0.value.range.start <= change.start && change.end <= $0.value.range.end
                }), m.entries[i].key.range.end <= change.start else { return nil }
                ancestorKeys.append(m)
                path.append(i)
                node = m.entries[i].value
            case .sequence(let s):
                guard s.style == .block, s.anchor == nil,
                      let k = s.items.lastIndex(where: { $0.range.start <= change.start }) else { return nil }
                let item = s.items[k]
                let lineStart = source.lineStarts[source.line(containing: item.range.start)]
                let end = k + 1 < s.items.count
                    ? source.lineStarts[source.line(containing: s.items[k + 1].range.start)] : documentEnd
                let last = k + 1 == s.items.count
                guard isItemPrefix(source.bytes[lineStart..<item.range.start]),
                      last ? change.end <= item.range.end : change.end < end,
                      !last || s.range.end == root.range.end,
                      !item.hasAnchorsOrAliases,
                      // Duplicate keys of enclosing mappings are recorded after the item's:
                      // keep the simple order (none there).
                      ancestorKeys.allSatisfy(\.hasUniqueKeys) else { return nil }
                return Target(item: item, chunk: TextRange(start: lineStart, end: end), path: path + [k], depth: path.count)
            case .scalar, .alias:
                return nil
            }
        }
    }

    /// `  - ` (spaces, a dash, spaces): the item starts on its own entry line.
    private static func isItemPrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        var sawDash = false
        var afterDash = 0
        for b in bytes {
            if b == UInt8(ascii: "-") {
                if sawDash { return false }
                sawDash = true
            } else if b == UInt8(ascii: " ") {
                if sawDash { afterDash += 1 }
            } else {
                return false
            }
        }
        return sawDash && afterDash > 0
    }

    /// `node` with the child at `path` replaced by `item`; what follows moved by `delta` (on up
    /// to `threads` threads where much follows).
    static func splice(_ node: YAMLNode, path: ArraySlice<Int>, item: YAMLNode, delta: Int, threads: Int = 1) -> YAMLNode {
        guard let i = path.first else { return item }
        let rest = path.dropFirst()
        switch node {
        case .mapping(var m):
            m.entries = YAMLEntries(rebuilt(m.entries.array, at: i, threads: threads) {
                YAMLMappingEntry(key: $0.key, value: splice($0.value, path: rest, item: item, delta: delta, threads: threads))
            } moving: {
                YAMLMappingEntry(key: $0.key.shifted(by: delta), value: $0.value.shifted(by: delta))
            })
            // Block collections end at their last child, flow ones at their bracket.
            m.range.end = m.style == .block
                ? m.entries.reduce(m.range.start) { max($0, $1.key.range.end, $1.value.range.end) } : m.range.end + delta
            return .mapping(m)
        case .sequence(var s):
            s.items = YAMLItems(rebuilt(s.items.array, at: i, threads: threads) {
                splice($0, path: rest, item: item, delta: delta, threads: threads)
            } moving: { $0.shifted(by: delta) })
            s.range.end = s.style == .block ? s.items.reduce(s.range.start) { max($0, $1.range.end) } : s.range.end + delta
            return .sequence(s)
        case .scalar, .alias:
            return node
        }
    }

    /// `elements` with the `i`-th changed by `change` and each later one by `move`, as a new
    /// array: written in place, the array (shared with the previous tree) would first be
    /// copied whole, then most of it replaced. Many later elements (an edit early in 10,000
    /// resources) are moved on up to `threads` threads, in parts.
    private static func rebuilt<Element>(_ elements: [Element], at i: Int, threads: Int, change: (Element) -> Element,
                                         moving move: @escaping @Sendable (Element) -> Element) -> [Element] {
        elements.withUnsafeBufferPointer { old in
            Array(unsafeUninitializedCapacity: old.count) { new, count in
                let base = new.baseAddress!
                for j in 0..<i { (base + j).initialize(to: old[j]) }
                (base + i).initialize(to: change(old[i]))
                let moved = (i + 1)..<old.count
                let parts = moved.count >= minimumParallelMoves ? max(1, threads) : 1
                if parts == 1 {
                    for j in moved { (base + j).initialize(to: move(old[j])) }
                } else {
                    // Each part initializes its own slots.
                    nonisolated(unsafe) let (old, base) = (old, base)
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let start = moved.lowerBound + moved.count * part / parts
                        let end = moved.lowerBound + moved.count * (part + 1) / parts
                        for j in start..<end { (base + j).initialize(to: move(old[j])) }
                    }
                }
                count = old.count
            }
        }
    }

    /// Later elements worth threads: moving a resource item is a few microseconds.
    static let minimumParallelMoves = 256
}

extension YAMLMapping {
    /// No key written twice (merge keys aside).
    var hasUniqueKeys: Bool {
        var seen: Set<String> = []
        for entry in entries where !entry.isMergeKey {
            guard let key = entry.key.keyString else { continue }
            if !seen.insert(key).inserted { return false }
        }
        return true
    }
}

extension YAMLNode {
    /// True when the node or anything below it carries an anchor or is an alias (their
    /// meaning reaches outside the node).
    public var hasAnchorsOrAliases: Bool { holdsAnchor(orAlias: true) }

    /// The nodes of the tree: the node, and each key, value and item below it (an alias is one
    /// node; its target is not entered).
    public var nodeCount: Int {
        var open: [ChildCursor] = []
        var node = self
        var count = 0
        while true {
            count += 1
            switch node {
            case .alias, .scalar: break
            case .mapping(let m): open.append(ChildCursor(mapping: m))
            case .sequence(let s): open.append(ChildCursor(sequence: s))
            }
            guard let next = ChildCursor.next(in: &open) else { return count }
            node = next
        }
    }

    /// Whether the node or anything inside it carries an anchor (or, with `orAlias`, is an
    /// alias; aliases' targets are not entered).
    func holdsAnchor(orAlias: Bool) -> Bool {
        // Only collections go on the stack, each with a cursor: a mapping of a million
        // scalars is read in place, not copied onto it.
        var open: [ChildCursor] = []
        var node = self
        while true {
            switch node {
            case .alias: if orAlias { return true }
            case .scalar(let s): if s.anchor != nil { return true }
            case .mapping(let m):
                if m.anchor != nil { return true }
                open.append(ChildCursor(mapping: m))
            case .sequence(let s):
                if s.anchor != nil { return true }
                open.append(ChildCursor(sequence: s))
            }
            guard let next = ChildCursor.next(in: &open) else { return false }
            node = next
        }
    }
}

/// A collection's children in order (a mapping's keys and values alternating), for walks
/// that keep a stack of open collections rather than of nodes.
private struct ChildCursor {
    private let mapping: YAMLMapping?
    private let sequence: YAMLSequence?
    private var position = 0

    init(mapping: YAMLMapping) { (self.mapping, sequence) = (mapping, nil) }
    init(sequence: YAMLSequence) { (mapping, self.sequence) = (nil, sequence) }

    private mutating func next() -> YAMLNode? {
        defer { position += 1 }
        if let mapping {
            guard position < 2 * mapping.entries.count else { return nil }
            let entry = mapping.entries[position / 2]
            return position % 2 == 0 ? entry.key : entry.value
        }
        guard let sequence, position < sequence.items.count else { return nil }
        return sequence.items[position]
    }

    /// The next child of the innermost collection that has one left, closing those done.
    static func next(in open: inout [ChildCursor]) -> YAMLNode? {
        while !open.isEmpty {
            if let child = open[open.count - 1].next() { return child }
            open.removeLast()
        }
        return nil
    }
}

/// How one text became another: the bytes of `old` (a range of the old text) were replaced
/// by `newLength` bytes; every byte before it is unchanged, every byte after it unchanged
/// and moved by `delta`. Equal texts: an empty range at the old text's end.
public struct TextChange: Equatable, Sendable {
    public let old: TextRange
    public let newLength: Int
    public var delta: Int { newLength - old.length }

    public init(old: TextRange, newLength: Int) { self.old = old; self.newLength = newLength }

    /// The smallest change holding every one of `candidates` (`YAMLParser.changes`:
    /// the placements of one ambiguous insertion), between texts of these lengths.
    init(covering candidates: [TextRange], oldCount: Int, newCount: Int) {
        guard let first = candidates.first else {
            self.init(old: TextRange(start: oldCount, end: oldCount), newLength: 0)
            return
        }
        let start = candidates.map(\.start).min() ?? first.start
        let end = candidates.map(\.end).max() ?? first.end
        // Each candidate keeps the same bytes after it (oldCount - end of them).
        self.init(old: TextRange(start: start, end: end), newLength: newCount - (oldCount - end) - start)
    }

    /// Whether the old text's `range` is outside the change, so the new text holds the
    /// same bytes at `range` moved by `movedBy(range)`.
    public func keeps(_ range: TextRange) -> Bool { range.end <= old.start || range.start >= old.end }

    /// Where the old text's `range` (kept by the change) is in the new text.
    public func moved(_ range: TextRange) -> TextRange { range.start >= old.end ? range.shifted(by: delta) : range }
}
