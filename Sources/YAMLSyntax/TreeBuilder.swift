import CYAML

/// Builds one document's tree from libyaml events, enforcing depth and alias limits.
struct TreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var flow: Bool
        var tag: String?
        var anchor: String?
        /// File offset of the collection's first content byte (after anchor and tag).
        var start: Int
        /// Where the collection's children start on `entryStack` or `itemStack`.
        var firstChild: Int
        var pendingKey: YAMLNode?
        var lastEnd: Int
        /// Nodes in this collection, counting every node aliases stand for.
        var weight = 1
        /// Whether the collection's last children are packed scalars (`packedRuns`' last),
        /// may still be, or never will.
        var packing = Packing.maybe
        /// While `.maybe`: how many of the last children could be packed.
        var packableRun = 0
    }

    /// A collection packs its children once `YAMLLimits.packScalarListsFrom` of them in a
    /// row can be, and the ones after them, to its end.
    enum Packing { case maybe, packed, never }

    /// How `spec.resources` object items are dropped while they close (ResourceItemPruning.swift).
    enum ItemDropping: Sendable {
        case none
        /// The document's own list: items dropped as they close when the rule surely drops
        /// them in the end (`early`; the path and the header read so far allow it, the count
        /// is exact), then the finished tree pruned by the rule.
        case document(ResourceListLimit, early: Bool)
        /// A parallel parse's group of items (the root is a part of the list): items
        /// `from ..< count - 1` that are anchor-free mappings (the last one may still move,
        /// see PartEnd); the assembled tree is checked against the rule.
        case group(from: Int, count: Int)
    }

    /// The list whose items are being dropped: the frame count while it is the innermost,
    /// its items and object items so far.
    private struct DropList {
        var depth: Int
        var items = 0
        var objects = 0
    }

    let input: ChunkInput
    let limits: YAMLLimits
    /// Shared by the part's documents.
    private let values: ScalarValueCache
    /// What resource items to drop, and what was dropped: in a class, because the reader
    /// copies the builder around each libyaml event and the copy grew with every field.
    private final class Drops {
        let dropping: ItemDropping
        var list: DropList?
        /// Whether a list's items were dropped early (one list per document at most).
        var fromList = false
        var early = 0
        init(_ dropping: ItemDropping) { self.dropping = dropping }
    }
    private let drops: Drops
    var dropping: ItemDropping { drops.dropping }
    private let documentStart: Int
    private var frames: [Frame] = []
    /// The children of the open collections, innermost last: a closed collection's are
    /// moved into an array of exactly their count (no growth by doubling, no copies).
    /// Reference types, so a builder is used as one value: `finish` closes on its copy,
    /// which shares them, and the reader drops the original after it.
    private let entryStack = ChildStack<YAMLMappingEntry>()
    private let itemStack = ChildStack<YAMLNode>()
    /// The packed items of the open sequences that are `.packed`, innermost last.
    private let packedRuns = PackedRuns()
    private final class PackedRuns {
        // One builder, one thread: no access overlaps (the checks cost 3 % of a long list's parse).
        @exclusivity(unchecked) var runs: [PackedScalars] = []
    }
    /// Scratch for `checkKeys`, kept to reuse its storage.
    private var keys: [String] = []
    private var keyEntries: [Int] = []
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    private var aliasExpansion = 0
    /// Nodes built so far (`YAMLDocument.nodeCount`).
    private var builtNodes = 0
    private var root: YAMLNode?
    private var errors: [YAMLError] = []
    private var duplicates: [DuplicateKey] = []
    /// Set when a limit stops the document; the reader then stops feeding events.
    private(set) var stopError: YAMLError?
    /// Whether the parallel parse's jobs together went over the node limit (`LiveNodes`):
    /// the document is then not what the one-thread parse builds, and is parsed again.
    private(set) var wasInterrupted = false
    /// Whether a node carried an anchor or an alias was read.
    private(set) var sawAnchorsOrAliases = false
    /// The most collections open at once.
    private(set) var deepestNesting = 0
    /// The drop list's depth, 0 when there is none: `add`'s one test.
    private var dropDepth = 0
    /// Items dropped as they closed.
    var droppedEarly: Int { drops.early }

    init(input: ChunkInput, limits: YAMLLimits, documentStart: Int, dropping: ItemDropping = .none,
         values: ScalarValueCache) {
        self.input = input
        self.limits = limits
        self.values = values
        self.documentStart = documentStart
        self.drops = Drops(dropping)
    }

    // MARK: - Events

    /// `value`: libyaml's decoded bytes (only valid during the call).
    /// `releaseValue` frees libyaml's copy of the value: a large value copied verbatim from
    /// the source, or one `ScalarDecoder` matched, is then built from the source, so
    /// libyaml's buffer and the node's string are never alive together.
    mutating func scalar(value: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: String?, anchor: String?,
                         start: Int, end: Int, releaseValue: () -> Void = {}) {
        guard countsNode(at: TextRange(start: start, end: end)) else { return }
        // Decided from the bytes, before `releaseValue` frees them: as a key, the node is
        // then not looked at again (`mapKeyProblem`).
        let fineAsKey = tag == nil && (style != .plain || value.first.map { !YAMLScalar.mayBeNullOrNumber($0) } == true)
        let tokenStart = tag != nil || anchor != nil ? min(contentStart(after: start), end) : start
        let local = tokenStart - input.base
        var tokenEnd = end
        let map: ScalarSourceMap
        var decodedLarge = false
        let quote = style == .singleQuoted || style == .doubleQuoted ? 1 : 0
        let verbatim = style != .literal && style != .folded
            && isVerbatim(value, from: local + quote, to: end - input.base - quote)
        if verbatim {
            // The common case: the value is its source text.
            map = .verbatim(start: tokenStart + quote, length: value.count)
        } else if let decoded = decode(style: style, local: local, end: end, output: .check(value)) {
            decodedLarge = value.count >= limits.rebuildValuesFrom
            map = decoded.map.shifted(by: input.base)
            if style == .literal || style == .folded { tokenEnd = input.base + decoded.end }
        } else {
            // Coarse fallback: the whole value spans the token's inside.
            let quoted = quote == 1 && end - tokenStart >= 2
            let inner = quoted ? TextRange(start: tokenStart + 1, end: end - 1) : TextRange(start: tokenStart, end: end)
            map = ScalarSourceMap(segments: [.init(valueOffset: 0, sourceOffset: inner.start,
                                                   valueLength: value.count, sourceLength: inner.length)])
            if style == .literal || style == .folded { tokenEnd = Self.trimTrailingSpace(input, tokenStart, end) }
        }
        if verbatim, tag == nil, anchor == nil, appendsPacked(value, style: style, start: tokenStart, end: end) { return }
        let valueCount = value.count
        let string: String
        if verbatim, valueCount >= limits.rebuildValuesFrom {
            releaseValue()
            let inside = local + quote
            string = input.bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[inside..<(inside + valueCount)]), as: UTF8.self)
            }
        } else if decodedLarge {
            // Our decoder matched libyaml's value: it writes it again once libyaml's is freed.
            releaseValue()
            string = String(unsafeUninitializedCapacity: valueCount) { out in
                decode(style: style, local: local, end: end, output: .write(out)) != nil ? valueCount : 0
            }
        } else {
            string = values.string(value)
        }
        let range = TextRange(start: tokenStart, end: max(tokenStart, tokenEnd))
        let node: YAMLNode
        if verbatim, tag == nil, anchor == nil, string.utf8.count == valueCount {
            node = .scalar(YAMLScalar(verbatimValue: string, style: style, range: range))
        } else {
            node = .scalar(YAMLScalar(value: string, style: style, range: range, tag: tag, anchor: anchor, sourceMap: map))
            if let problem = node.scalar?.tagProblem {
                errors.append(YAMLError(message: problem, range: range, kind: .syntax))
            }
        }
        if let anchor { anchors[anchor] = (node, 1); sawAnchorsOrAliases = true }
        add(node, weight: 1, fineAsKey: fineAsKey)
    }

    private func decode(style: ScalarStyle, local: Int, end: Int, output: ScalarDecoder.Output) -> ScalarDecoder.Result? {
        let parentIndent = style == .literal || style == .folded ? parentIndent() : -1  // block scalars only
        return input.bytes.withUnsafeBufferPointer { bytes in
            var decoder = ScalarDecoder(bytes: bytes, limit: bytes.count, output: output)
            switch style {
            case .literal, .folded: return decoder.block(start: local, parentIndent: parentIndent)
            case .plain, .singleQuoted, .doubleQuoted: return decoder.flow(style: style, start: local, end: end - input.base)
            }
        }
    }

    mutating func alias(name: String, start: Int, end: Int) {
        sawAnchorsOrAliases = true
        let range = TextRange(start: start, end: end)
        guard countsNode(at: range) else { return }
        guard let anchored = anchors[name] else {
            errors.append(YAMLError(message: "unknown anchor '\(name)' referenced", range: range, kind: .syntax))
            add(.alias(YAMLAlias(name: name, range: range, target: nil)), weight: 1)
            return
        }
        aliasExpansion += anchored.weight
        if aliasExpansion > limits.maxAliasExpansion {
            stopError = YAMLError(
                message: "aliases expand to more than \(limits.maxAliasExpansion) nodes (alias bomb?)",
                range: range, kind: .limit)
            return
        }
        add(.alias(YAMLAlias(name: name, range: range, target: anchored.node)), weight: anchored.weight)
    }

    mutating func open(isMapping: Bool, flow: Bool, tag: String?, anchor: String?, start: Int) {
        guard frames.count < limits.maxDepth else {
            stopError = YAMLError(message: "nesting deeper than \(limits.maxDepth) levels",
                                  range: TextRange(start: start, end: start + 1), kind: .limit)
            return
        }
        guard countsNode(at: TextRange(start: start, end: start + 1)) else { return }
        let content = tag != nil || anchor != nil ? contentStart(after: start) : start
        if anchor != nil { sawAnchorsOrAliases = true }
        frames.append(Frame(isMapping: isMapping, flow: flow, tag: tag, anchor: anchor, start: content,
                            firstChild: isMapping ? entryStack.count : itemStack.count, lastEnd: content))
        deepestNesting = max(deepestNesting, frames.count)
        if !isMapping, !drops.fromList, startsDropList() {
            drops.list = DropList(depth: frames.count)
            dropDepth = frames.count
        }
    }

    mutating func close(end: Int) {
        guard var frame = frames.popLast() else { return }
        // Block collections end at their last child (libyaml's block end sits at the next
        // token, after comments and blank lines); flow ones at their closing bracket.
        let range = TextRange(start: frame.start, end: frame.flow ? max(end, frame.start) : frame.lastEnd)
        let style: CollectionStyle = frame.flow ? .flow : .block
        if let key = frame.pendingKey {
            // A key without value (only after an error): give it an empty value.
            let at = key.range.end
            frames.append(frame)
            addChild(YAMLMappingEntry(key: key, value: .scalar(YAMLScalar(
                value: "", style: .plain, range: TextRange(start: at, end: at),
                sourceMap: ScalarSourceMap(segments: [.init(valueOffset: 0, sourceOffset: at, valueLength: 0, sourceLength: 0)])))),
                     to: frames.count - 1, on: entryStack)
            frame = frames.removeLast()
        }
        let node: YAMLNode
        if frame.isMapping {
            let entries = YAMLEntries(children: closedChildren(of: frame, on: entryStack))
            let asWritten = checkKeys(entries)
            var mapping = YAMLMapping(entries: entries, style: style, range: range, tag: frame.tag, anchor: frame.anchor)
            mapping.entriesAreKnownEffective = asWritten
            node = .mapping(mapping)
        } else {
            let items = YAMLItems(children: closedChildren(of: frame, on: itemStack))
            node = .sequence(YAMLSequence(items: items, style: style, range: range, tag: frame.tag, anchor: frame.anchor))
        }
        if let anchor = frame.anchor { anchors[anchor] = (node, frame.weight) }
        if frames.count < dropDepth { (drops.list, dropDepth) = (nil, 0) }  // the list itself closed
        add(node, weight: frame.weight)
    }

    /// A closed collection's children: the packed run and the head before it, or the array.
    private func closedChildren<Child: PackableChild>(of frame: Frame, on stack: ChildStack<Child>) -> PackedChildren<Child> {
        if frame.packing == .packed, var packed = packedRuns.runs.popLast() {
            packed.finish()
            return PackedChildren(head: stack.popArray(from: frame.firstChild), packed: packed)
        }
        return PackedChildren(stack.popArray(from: frame.firstChild))
    }

    /// The finished document; `error` (libyaml's or a limit) closes what is still open.
    /// `droppedWrongly`: items were dropped early that the rule keeps (ResourceItemPruning),
    /// so the document must be built again without dropping early.
    func finish(documentEnd: Int, error: YAMLError?) -> (document: YAMLDocument, droppedWrongly: Bool) {
        var builder = self
        if let error {
            builder.errors.append(error)
            while !builder.frames.isEmpty { builder.close(end: error.range.start) }
        }
        var document = YAMLDocument(root: builder.root,
                                    range: TextRange(start: documentStart, end: max(documentStart, documentEnd)),
                                    errors: builder.errors.sorted { $0.range < $1.range },
                                    duplicateKeys: builder.duplicates.firstByPosition(limits.maxDuplicateKeys))
        document.droppedItems = builder.droppedEarly
        document.nodeCount = builder.builtNodes
        // The nodes not yet added in a whole batch.
        if let live = limits.liveNodes { _ = live.add(builder.builtNodes % live.batch, over: limits.maxNodes) }
        if case .document(let limit, _) = dropping, !ResourceItemPruning.prune(&document, limit: limit) {
            return (document, true)
        }
        return (document, false)
    }

    // MARK: - Dropping resource items early

    /// Whether the sequence just opened is a list whose items may be dropped as they close:
    /// a group's root list, or `spec.resources` under a root mapping whose entries so far
    /// give the rule's header (the finished tree is checked: a later key may change it).
    private func startsDropList() -> Bool {
        switch dropping {
        case .none: return false
        case .group: return frames.count == 1
        case .document(let limit, let early):
            guard early, frames.count == 3, frames[0].isMapping, frames[1].isMapping,
                  frames.allSatisfy({ $0.anchor == nil }),
                  frames[0].pendingKey?.keyString == "spec", frames[1].pendingKey?.keyString == "resources" else { return false }
            var apiVersion: String?, kind: String?
            for i in frames[0].firstChild..<frames[1].firstChild {
                let entry = entryStack.element(i)
                if entry.isMergeKey { return false }
                guard case .scalar(let value) = entry.value else { continue }
                switch entry.key.keyString {
                case "apiVersion"?: apiVersion = value.value
                case "kind"?: kind = value.value
                default: break
                }
            }
            for i in frames[1].firstChild..<entryStack.count where entryStack.element(i).isMergeKey { return false }
            guard let apiVersion, let kind else { return false }
            return limit.documents.contains { $0.matches(apiVersion: apiVersion, kind: kind) }
        }
    }

    /// `node`, or its placeholder when it is an item of the drop list the rule drops.
    private mutating func keepingOrDropping(_ node: consuming YAMLNode) -> YAMLNode {
        guard var list = drops.list else { return node }
        let index = list.items
        list.items += 1
        var drop = false
        switch dropping {
        case .none: break
        case .document(let limit, _):
            if node.mapping != nil {
                drop = list.objects > limit.keepObjects
                list.objects += 1
            }
        case .group(let from, let count):
            drop = index >= from && index < count - 1
        }
        drops.list = list
        // An item holding an anchor is kept (aliases may reach it); none is when none was read.
        guard drop, case .mapping(let item) = node, !item.isDroppedItem,
              !sawAnchorsOrAliases || !node.holdsAnchor(orAlias: false) else { return node }
        drops.early += 1
        drops.fromList = true
        return ResourceItemPruning.placeholder(for: item)
    }

    // MARK: - Helpers

    /// Counts one more node; false, with the stop error set, when that is over the limit.
    private mutating func countsNode(at range: TextRange) -> Bool {
        builtNodes += 1
        guard builtNodes + limits.nodesBuiltBefore > limits.maxNodes else {
            guard let live = limits.liveNodes, builtNodes % live.batch == 0,
                  live.add(live.batch, over: limits.maxNodes) else { return true }
            wasInterrupted = true
            stopError = YAMLError(message: "interrupted: the parallel parse's jobs together built more than "
                                    + "\(limits.maxNodes) YAML nodes", range: range, kind: .limit)
            return false
        }
        builtNodes -= 1
        let what = limits.nodesBuiltBefore == 0 ? "the document" : "the file"
        stopError = YAMLError(message: "\(what) has more than \(limits.maxNodes) YAML nodes, over kro-lsp's limit; "
                                + "the rest of it is not read", range: range, kind: .limit)
        return false
    }

    /// True when `value` is exactly the (non-empty) bytes `[start, end)` of the input.
    private func isVerbatim(_ value: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard start >= 0, end - start == value.count, end <= input.bytes.count, !value.isEmpty,
              let t = value.baseAddress else { return false }
        return input.bytes.withUnsafeBufferPointer { src in
            guard let s = src.baseAddress else { return false }
            return memcmp(s + start, t, value.count) == 0
        }
    }

    /// `fineAsKey`: the node is known to be a key kubectl converts.
    private mutating func add(_ node: consuming YAMLNode, weight: Int, fineAsKey: Bool = false) {
        guard !frames.isEmpty else { root = node; return }
        if frames.count == dropDepth { node = keepingOrDropping(node) }
        let top = frames.count - 1
        frames[top].weight = min(frames[top].weight + weight, Int.max / 4)
        frames[top].lastEnd = max(frames[top].lastEnd, node.range.end)
        if frames[top].isMapping {
            if let key = frames[top].pendingKey.take() {
                addChild(YAMLMappingEntry(key: key, value: node), to: top, on: entryStack)
            } else {
                if !fineAsKey, let problem = node.mapKeyProblem {
                    errors.append(YAMLError(message: problem, range: node.range, kind: .syntax))
                }
                frames[top].pendingKey = node
            }
        } else {
            addChild(node, to: top, on: itemStack)
        }
    }

    /// Adds a scalar that is its source text straight to the innermost collection's packed
    /// children, when it packs them: an item, or the value of the key before it (with it).
    /// No string, no node.
    private mutating func appendsPacked(_ value: UnsafeBufferPointer<UInt8>, style: ScalarStyle, start: Int, end: Int) -> Bool {
        let top = frames.count - 1
        guard top >= 0, frames[top].packing == .packed, frames.count != dropDepth, value.count <= PackedScalars.maxValueBytes,
              end - start == value.count + (style == .plain ? 0 : 2) else { return false }
        let last = packedRuns.runs.count - 1
        if frames[top].isMapping {
            guard case .scalar(let k)? = frames[top].pendingKey, let key = k.packed,
                  packedRuns.runs[last].append(key, value: value, style: style, start: start) else { return false }
            frames[top].pendingKey = nil
        } else {
            guard packedRuns.runs[last].append(value: value, style: style, start: start) else { return false }
        }
        frames[top].weight = min(frames[top].weight + 1, Int.max / 4)
        frames[top].lastEnd = max(frames[top].lastEnd, end)
        return true
    }

    /// Adds a child (an item, an entry) to the collection `frames[top]`: packed once it and
    /// the `YAMLLimits.packScalarListsFrom` before it can be, and from then on (the children
    /// before the run stay nodes); a collection whose packed run is broken is unpacked, once.
    private mutating func addChild<Child: PackableChild>(_ child: consuming Child, to top: Int, on stack: ChildStack<Child>) {
        switch frames[top].packing {
        case .never:
            stack.push(child)
        case .maybe:
            guard child.isPackable else {
                frames[top].packableRun = 0
                stack.push(child)
                return
            }
            stack.push(child)
            frames[top].packableRun += 1
            guard frames[top].packableRun >= max(1, limits.packScalarListsFrom) else { return }
            let children = stack.popArray(from: stack.count - frames[top].packableRun)
            var packed = PackedScalars()
            for c in children where !c.pack(into: &packed) {
                for c in children { stack.push(c) }
                frames[top].packing = .never
                return
            }
            packedRuns.runs.append(packed)
            frames[top].packing = .packed
        case .packed:
            if child.pack(into: &packedRuns.runs[packedRuns.runs.count - 1]) { return }
            // Not packable: the packed children go back on the stack, before this one.
            var unpacked = PackedChildren<Child>.Iterator(PackedChildren(packed: packedRuns.runs.removeLast()))
            while let c = unpacked.next() { stack.push(c) }
            frames[top].packing = .never
            stack.push(child)
        }
    }

    /// One pass over a closed mapping's keys: records the keys written twice (each against
    /// its first occurrence) and returns whether the entries are what kubectl sees as
    /// written (no merge key, every key a scalar, none twice).
    private mutating func checkKeys(_ entries: YAMLEntries) -> Bool {
        guard entries.count <= 8 else { return checkManyKeys(entries) }
        keys.removeAll(keepingCapacity: true)
        keyEntries.removeAll(keepingCapacity: true)
        var asWritten = true
        entries.forEachBlock { buffer, first in  // read in place, no entry copied
            for i in buffer.indices {
                if buffer[i].isMergeKey { asWritten = false; continue }
                guard let key = buffer[i].key.keyString else { asWritten = false; continue }
                keys.append(key)
                keyEntries.append(first + i)
            }
            return true
        }
        let repeats = Self.repeatsPairwise(keys)
        for (repeated, first) in repeats {
            record(DuplicateKey(key: keys[repeated], first: entries[keyEntries[first]].key.range,
                                duplicate: entries[keyEntries[repeated]].key.range))
        }
        return asWritten && repeats.isEmpty
    }

    /// Each key written again, with the position of its first occurrence, in key order:
    /// for a few keys (most mappings), each against the earlier ones.
    private static func repeatsPairwise(_ keys: [String]) -> [(repeated: Int, first: Int)] {
        var repeats: [(repeated: Int, first: Int)] = []
        for i in keys.indices.dropFirst() {
            if let first = keys[..<i].firstIndex(of: keys[i]) { repeats.append((i, first)) }
        }
        return repeats
    }

    /// `checkKeys` for a mapping of more than 8 entries, without a dictionary of all its
    /// keys and without holding the keys' strings (a mapping of 100,000 keys held 2.4 MB of
    /// them beside its entries): the entries' positions sorted by a cheap hash of their key
    /// (position in the low 32 bits, so equal hashes stay in order), and only keys of equal
    /// hash compared, their strings made again. Repeats are recorded as found, not gathered: a flow
    /// mapping of one key written 1.7 million times gathered 116 MB of them.
    private mutating func checkManyKeys(_ entries: YAMLEntries) -> Bool {
        let order = KeyHashOrder(entries) { key in
            var hash: UInt32 = 2_166_136_261  // FNV-1a
            for byte in key.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return hash
        }
        var repeated = false
        order.collidingRuns { run in
            // By dictionary: keys made to collide would make comparing each with the
            // earlier ones quadratic.
            var firsts: [String: TextRange] = [:]
            entries.forEachKey(at: run.lazy.map(KeyHashOrder.position)) { _, keyNode in  // in position order
                let key = keyNode.keyString ?? ""
                if let first = firsts[key] {
                    repeated = true
                    record(DuplicateKey(key: key, first: first, duplicate: keyNode.range))
                } else {
                    firsts[key] = keyNode.range
                }
            }
        }
        return order.keysAll && !repeated
    }

    /// Lists a duplicate key, keeping only the first `maxDuplicateKeys` by position: the
    /// list is cut back to them whenever it reaches twice as many (mappings close inner
    /// first, so they do not come in order of position).
    private mutating func record(_ duplicate: DuplicateKey) {
        duplicates.append(duplicate)
        if duplicates.count / 2 >= Swift.max(limits.maxDuplicateKeys, 1) {
            duplicates = duplicates.firstByPosition(limits.maxDuplicateKeys)
        }
    }

    /// libyaml's indentation of the innermost block collection (-1 at top level).
    private func parentIndent() -> Int {
        guard let frame = frames.last(where: { !$0.flow }) else { return -1 }
        return input.column(at: frame.start - input.base)
    }

    /// Skips node properties (`&anchor`, `!tag`) and the blanks, breaks and comments after
    /// them, from the event's start.
    private func contentStart(after start: Int) -> Int {
        let b = input.bytes
        var i = start - input.base
        while i < b.count && (b[i] == 0x26 || b[i] == 0x21) {
            let isAnchor = b[i] == 0x26
            while i < b.count && !Self.isSpace(b[i]) {
                if isAnchor && [0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(b[i]) { break }
                i += 1
            }
            while i < b.count {
                if Self.isSpace(b[i]) { i += 1; continue }
                if b[i] == 0x23 {
                    while i < b.count && b[i] != 0x0A && b[i] != 0x0D { i += 1 }
                    continue
                }
                break
            }
        }
        return input.base + i
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private static func trimTrailingSpace(_ input: ChunkInput, _ start: Int, _ end: Int) -> Int {
        var e = end - input.base
        while e > start - input.base && isSpace(input.bytes[e - 1]) { e -= 1 }
        return input.base + e
    }
}
