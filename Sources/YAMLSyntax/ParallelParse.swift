import Dispatch

/// Parsing one large document on several threads. In a kro file nearly all the text is the
/// `spec.resources` list, and its items parse alone exactly as they parse in place (the
/// incremental re-parse relies on the same fact, see IncrementalParse.swift). So the
/// document is cut by a line scan into the rest (the *skeleton*: the items' lines blanked,
/// or cut off when nothing follows them) and groups of consecutive items; all parse at
/// once, each group as a block sequence of its own, and the groups' items replace the empty
/// value the skeleton has under `resources:`.
///
/// The result equals the one-thread parse. Why: the region holds only lines at the items'
/// column starting with `- ` (an item) and lines indented further, blank or comment lines;
/// it follows a `resources:` line at a column not greater than the items' and ends before
/// the first line that is neither. In block context, libyaml's reading of a line depends
/// only on the columns of the block collections open around it, and inside an item only
/// the item's own (deeper) ones are, wherever the item is parsed; outside the region the
/// skeleton has the same lines, blank where the items were. Anything that could carry
/// meaning across a cut falls back to the one-thread parse of that document: any error or
/// encoding problem in a part, anchors or aliases, duplicate keys in the skeleton, a
/// directive, a part that is not exactly the expected items (an unclosed quote or bracket
/// spilling over an item line changes the count), a skeleton whose `resources:` value is
/// not the empty plain scalar the blank region leaves, line breaks libyaml sees and the
/// line table does not (NEL, LS, PS), or a tab where indentation is read.
extension YAMLParser {
    /// Tuning for `parse(_:limits:threads:)`; tests and the YAML fuzz target lower the sizes
    /// to cut small documents.
    public struct ParallelParsing: Sendable {
        public var threads: Int
        /// Documents shorter than this parse on the caller's thread (cutting costs more).
        public var minimumDocumentBytes: Int
        /// Groups of items per thread: a group of heavy items does not leave the others idle.
        public var groupsPerThread: Int
        /// Nodes a job builds between two looks at what all the jobs built (`LiveNodes`).
        public var liveNodeBatch: Int

        public init(threads: Int, minimumDocumentBytes: Int = 64 << 10, groupsPerThread: Int = 4, liveNodeBatch: Int = 4096) {
            (self.threads, self.minimumDocumentBytes, self.groupsPerThread) = (threads, minimumDocumentBytes, groupsPerThread)
            self.liveNodeBatch = liveNodeBatch
        }
    }

    /// `parse(source, limits:)` with the documents, and the items of large `resources`
    /// lists, parsed on up to `threads` threads (the caller's included). Same result for
    /// any number of threads.
    public static func parse(_ source: SourceText, limits: YAMLLimits = .default, threads: Int) -> YAMLFile {
        parse(source, limits: limits, parallel: ParallelParsing(threads: threads))
    }

    public static func parse(_ source: SourceText, limits: YAMLLimits, parallel: ParallelParsing) -> YAMLFile {
        parse(source, limits: limits, parallel: parallel, liveNodes: LiveNodes(batch: parallel.liveNodeBatch))
    }

    /// `liveNodes`: the count the jobs share (the tests read it afterwards).
    static func parse(_ source: SourceText, limits: YAMLLimits, parallel: ParallelParsing, liveNodes: LiveNodes) -> YAMLFile {
        let ranges = documentRanges(in: source, limit: limits.maxDocuments)
        // Over the document limit, the parts past it are left out as `parse` leaves them.
        guard parallel.threads > 1, ranges.count <= limits.maxDocuments else { return parse(source, limits: limits) }
        // The jobs: a whole document, or the skeleton or one group of items of a cut one.
        var jobs: [Job] = []
        var plans: [Plan] = []
        for range in ranges {
            if range.length >= parallel.minimumDocumentBytes, range.length <= limits.maxDocumentSize,
               let cut = ItemCut.find(in: source, document: range) {
                let groups = cut.groups(count: parallel.threads * parallel.groupsPerThread)
                plans.append(.cut(cut, firstJob: jobs.count, groups: groups.count))
                jobs.append(.skeleton(cut))
                jobs += itemJobs(cut, groups: groups, source: source, limits: limits)
            } else {
                plans.append(.whole(job: jobs.count))
                jobs.append(.document(range))
            }
        }
        guard jobs.count > 1 else { return parse(source, limits: limits) }

        let allJobs = jobs
        let collected = FinishedParts(jobs: allJobs, limits: limits, liveNodes: liveNodes)
        DispatchQueue.concurrentPerform(iterations: min(parallel.threads, allJobs.count)) { _ in
            while let (i, jobLimits, run) = collected.nextJob() {
                collected.finish(i, run ? allJobs[i].run(source, limits: jobLimits) : .interrupted)
            }
        }
        // Taken out, so that each part's tree is let go once the assembly is past it.
        var results = collected.takeParts()
        var documents: [YAMLDocument] = []
        var streamErrors: [YAMLError] = []
        var room = DuplicateKeyRoom(limits)
        var nodes = NodeRoom(limits)
        for (plan, range) in zip(plans, ranges) {
            guard !nodes.isSpent else {
                documents.append(NodeRoom.notRead(range))
                continue
            }
            var part: (documents: [YAMLDocument], leftoverErrors: [YAMLError])
            switch plan {
            case .whole(let job):
                let whole = results[job]!
                results[job] = nil
                // Interrupted: parsed again in order, as the one-thread parse reads it.
                part = whole.interrupted ? parseDocuments(source, range: range, limits: nodes.limitsForNext) : whole.parsed
            case .cut(let cut, let first, let groups):
                let jobs = first...(first + groups)
                var pieces = jobs.map { results[$0]! }
                for job in jobs { results[job] = nil }
                let assembled = pieces.contains(where: \.interrupted) ? nil
                    : cut.assemble(skeleton: pieces[0], groups: pieces.dropFirst(), source: source, limits: limits)
                pieces = []  // the groups' trees go before the document is parsed again
                if let assembled {
                    part = ([assembled], [])
                } else {
                    part = parseDocuments(source, range: range, limits: nodes.limitsForNext)
                }
            }
            // Parsed alone, it did not know the file's count: again from where it stands.
            if nodes.goesOver(part.documents) { part = parseDocuments(source, range: range, limits: nodes.limitsForNext) }
            nodes.record(part.documents)
            room.take(&part.documents)
            documents += part.documents
            streamErrors += part.leftoverErrors
        }
        let all = (documents.flatMap(\.errors) + streamErrors).sorted { $0.range < $1.range }
        return YAMLFile(source: source, documents: documents, errors: all)
    }

    /// The jobs' parts as they finish, taken in order (`nextJob`) by the threads. Once the
    /// parts before it are all in, a whole document past the file's nodes (`NodeRoom`) drops
    /// its tree, and one past the file's duplicate keys (`DuplicateKeyRoom`) its keys: the
    /// assembly applies both limits exactly afterwards, but by then every part's tree and
    /// keys would have existed at once (9,000 documents of 1,100 repeated keys each kept
    /// 220 MB of keys). Only as many parts as threads are out of order.
    final class FinishedParts: @unchecked Sendable {
        private let queue = DispatchQueue(label: "kro-lsp.parallel-parse")
        private(set) var parts: [Part?]
        private let isWholeDocument: [Bool]
        private let limits: YAMLLimits
        private var next = 0
        /// Parts counted in order, and their duplicate keys and nodes together.
        private var counted = 0, keys = 0, nodes = 0

        /// What all the jobs built, together: past the file's limit, the jobs still running
        /// stop and the ones not started are not run (both become `Part.interrupted`).
        private let liveNodes: LiveNodes

        init(jobs: [Job], limits: YAMLLimits, liveNodes: LiveNodes) {
            self.limits = limits
            self.liveNodes = liveNodes
            parts = [Part?](repeating: nil, count: jobs.count)
            isWholeDocument = jobs.map { if case .document = $0 { true } else { false } }
        }

        /// The next job, and its limits: a whole document may build what the parts counted
        /// so far left of the file's nodes. That is never less than it may build in place (the
        /// parts still out are not counted), and a part that goes over is parsed again in
        /// order (`NodeRoom`); a file of documents of millions of nodes each then parses them
        /// short once the first ones are in.
        func nextJob() -> (Int, YAMLLimits, run: Bool)? {
            queue.sync {
                guard next < parts.count else { return nil }
                defer { next += 1 }
                var jobLimits = limits
                if isWholeDocument[next] { jobLimits.nodesBuiltBefore = min(nodes, limits.maxNodes) }
                jobLimits.liveNodes = liveNodes
                return (next, jobLimits, !liveNodes.isOver(limits.maxNodes))
            }
        }

        /// The parts, moved out (the object keeps none).
        func takeParts() -> [Part?] {
            queue.sync {
                defer { parts = [] }
                return parts
            }
        }

        func finish(_ job: Int, _ part: Part) {
            // An interrupted part is parsed again: its tree is not kept meanwhile.
            let part = part.interrupted ? .interrupted : part
            queue.sync {
                parts[job] = part
                while counted < parts.count, var finished = parts[counted] {
                    let ownKeys = finished.parsed.documents.reduce(0) { $0 + $1.duplicateKeys.count }
                    // A cut document's parts count none: what is dropped is surely past the
                    // file's nodes, for the assembly stops reading (`NodeRoom`) before it.
                    let ownNodes = isWholeDocument[counted] ? finished.parsed.documents.reduce(0) { $0 + $1.nodeCount } : 0
                    if isWholeDocument[counted] && nodes > limits.maxNodes {
                        // Not read: its tree is not kept.
                        finished.parsed.documents = finished.parsed.documents.map { NodeRoom.notRead($0.range) }
                        parts[counted] = finished
                    } else if keys >= limits.maxDuplicateKeys && ownKeys > 0 && isWholeDocument[counted] {
                        for d in finished.parsed.documents.indices { finished.parsed.documents[d].duplicateKeys = [] }
                        parts[counted] = finished
                    }
                    (keys, nodes) = (keys + ownKeys, nodes + ownNodes)
                    counted += 1
                }
            }
        }
    }

    /// A job per group, dropping the items the resource-list rule surely drops.
    static func itemJobs(_ cut: ItemCut, groups: [ItemCut.Group], source: SourceText, limits: YAMLLimits) -> [Job] {
        let dropFrom = limits.resourceList.flatMap { cut.firstSurelyDropped(keepObjects: $0.keepObjects, in: source.bytes) }
        return groups.map { group in
            guard let dropFrom else { return .items(group, dropping: .none) }
            return .items(group, dropping: .group(from: max(0, dropFrom - group.firstItem), count: group.itemLines.count))
        }
    }

    private enum Plan {
        case whole(job: Int)
        /// The skeleton's job, then one per group.
        case cut(ItemCut, firstJob: Int, groups: Int)
    }

    enum Job: Sendable {
        case document(TextRange)
        case skeleton(ItemCut)
        /// `dropping`: the group's items that the rule surely drops (ResourceItemPruning), so
        /// that the groups' trees never all exist at once.
        case items(ItemCut.Group, dropping: TreeBuilder.ItemDropping)

        func run(_ source: SourceText, limits: YAMLLimits) -> Part {
            switch self {
            case .document(let range):
                // Over the size limit: the document's error alone.
                guard range.length <= limits.maxDocumentSize else { return Part(parsed: parseDocuments(source, range: range, limits: limits)) }
                return Part(LibYAMLReader(source: source, chunk: range, limits: limits))
            case .skeleton(let cut):
                return Part(LibYAMLReader(input: cut.skeletonInput(source), limits: limits, dropping: TreeBuilder.ItemDropping.none))
            case .items(let group, let dropping):
                return Part(LibYAMLReader(source: source, chunk: group.chunk, limits: limits, dropping: dropping))
            }
        }
    }

    /// A job's documents, and what the assembly checks beyond their errors.
    struct Part: Sendable {
        var parsed: (documents: [YAMLDocument], leftoverErrors: [YAMLError])
        var sawAnchorsOrAliases = false
        var deepestNesting = 0
        /// The jobs together went over the file's node limit before this one was done, or
        /// before it started (`LiveNodes`): it holds nothing, and the assembly parses its
        /// text again in order.
        var interrupted = false

        init(parsed: (documents: [YAMLDocument], leftoverErrors: [YAMLError])) { self.parsed = parsed }

        init(_ reader: LibYAMLReader) {
            var reader = reader
            parsed = reader.run()
            (sawAnchorsOrAliases, deepestNesting) = (reader.sawAnchorsOrAliases, reader.deepestNesting)
            interrupted = reader.wasInterrupted
        }

        static let interrupted: Part = {
            var part = Part(parsed: ([], []))
            part.interrupted = true
            return part
        }()
    }
}

/// Where one document's `resources:` items are, found by reading lines (see
/// `YAMLParser.parse(_:limits:threads:)` for why the cut is safe).
struct ItemCut: Sendable {
    let document: TextRange
    /// The offset of the `resources` key.
    let keyStart: Int
    /// The start of each item's `- ` line.
    let itemLines: [Int]
    /// Where the items' lines end: the first line after them that is not theirs, or the
    /// document's end (then the skeleton stops before the items).
    let regionEnd: Int

    struct Group: Sendable {
        /// From the first item's line to the next group's first item (or the region's end).
        var chunk: TextRange
        /// Start of each item's line in the group.
        var itemLines: ArraySlice<Int>
        /// The position of its first item in the list.
        var firstItem: Int { itemLines.startIndex }
    }

    static let key = Array("resources:".utf8)

    /// The first `resources:` line of `document` followed by at least two items, or nil.
    static func find(in source: SourceText, document: TextRange) -> ItemCut? {
        let bytes = source.bytes
        guard document.start < document.end else { return nil }
        if !source.isASCII && hasOtherLineBreaks(bytes[document.start..<document.end]) { return nil }
        // A directive (`%TAG`) changes how tags read: the skeleton would not see it apply.
        if bytes[document.start] == UInt8(ascii: "%") { return nil }
        let lines = source.lineStarts
        var line = source.line(containing: document.start)
        // Each line's start read once: it is the end of the line before.
        var next = line < lines.count ? lines[line] : Int.max
        while next < document.end {
            let start = next
            next = line + 1 < lines.count ? lines[line + 1] : Int.max
            let end = min(next, document.end)
            line += 1
            guard let keyColumn = keyColumn(bytes, start, end) else { continue }
            return region(after: line, keyStart: start + keyColumn, keyColumn: keyColumn, source: source, document: document)
        }
        return nil
    }

    /// The column of `resources:` when the line is only spaces, that key, then spaces or a
    /// comment.
    private static func keyColumn(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end && bytes[i] == 0x20 { i += 1 }
        guard end - i >= key.count, bytes[i] == UInt8(ascii: "r") else { return nil }
        for k in 0..<key.count where bytes[i + k] != key[k] { return nil }
        var j = i + key.count
        while j < end && bytes[j] == 0x20 { j += 1 }
        guard j == end || isBreak(bytes[j]) || bytes[j] == UInt8(ascii: "#") && j > i + key.count else { return nil }
        return i - start
    }

    /// The items after the key line (which ends before line `first`).
    private static func region(after first: Int, keyStart: Int, keyColumn: Int, source: SourceText,
                               document: TextRange) -> ItemCut? {
        let bytes = source.bytes, lines = source.lineStarts
        var itemColumn: Int?
        var items: [Int] = []
        var line = first
        var regionEnd = document.end
        var next = line < lines.count ? lines[line] : Int.max
        while next < document.end {
            let start = next
            next = line + 1 < lines.count ? lines[line + 1] : Int.max
            let end = min(next, document.end)
            line += 1
            var i = start
            while i < end && bytes[i] == 0x20 { i += 1 }
            if i == end || isBreak(bytes[i]) || bytes[i] == UInt8(ascii: "#") { continue }  // blank or comment
            if bytes[i] == 0x09 { return nil }  // a tab where libyaml reads indentation
            let column = i - start
            let isItem = bytes[i] == UInt8(ascii: "-") && (i + 1 == end || bytes[i + 1] == 0x20 || isBreak(bytes[i + 1]))
            guard let c = itemColumn else {
                // The first line after the key: the list's first item, not left of the key.
                guard isItem, column >= keyColumn else { return nil }
                itemColumn = column
                items.append(start)
                continue
            }
            if column > c { continue }
            if column == c && isItem { items.append(start); continue }
            regionEnd = start
            break
        }
        guard items.count >= 2 else { return nil }
        return ItemCut(document: document, keyStart: keyStart, itemLines: items, regionEnd: regionEnd)
    }

    /// Whether the item's line (after its `- `) is spaces, then a word of letters, digits,
    /// `_`, `-`, `.` or `/` starting with a letter, digit or `_`, then `:` ending the line or
    /// followed by a space: the first key of a block mapping, so an object item (unless the
    /// part has errors, and then it is not assembled).
    private static func startsKey(_ bytes: [UInt8], line: Int) -> Bool {
        var i = line
        while bytes[i] == 0x20 { i += 1 }
        i += 1  // the dash
        let end = bytes.count
        while i < end && bytes[i] == 0x20 { i += 1 }
        func isWord(_ b: UInt8, first: Bool) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"): !first
            default: false
            }
        }
        guard i < end, isWord(bytes[i], first: true) else { return false }
        i += 1
        while i < end && isWord(bytes[i], first: false) { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: ":") else { return false }
        return i + 1 == end || bytes[i + 1] == 0x20 || isBreak(bytes[i + 1])
    }

    /// The first item the rule surely drops when the list has more than `keepObjects`
    /// object items before it: the item `j` with at least `keepObjects + 1` items before it
    /// that surely start a mapping (the others may be anything). nil: none is sure (and no
    /// line is read when the list is too short to go over).
    func firstSurelyDropped(keepObjects: Int, in bytes: [UInt8]) -> Int? {
        guard itemLines.count > keepObjects + 1 else { return nil }
        var sure = 0
        for (j, line) in itemLines.enumerated() {
            if sure > keepObjects { return j }
            if Self.startsKey(bytes, line: line) { sure += 1 }
        }
        return nil
    }

    private static func isBreak(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }

    /// NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR: line breaks to libyaml, not to the line table.
    private static func hasOtherLineBreaks(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            if bytes[i] == 0xC2 && bytes[i + 1] == 0x85 { return true }
            if bytes[i] == 0xE2 && bytes[i + 1] == 0x80 && i + 2 < bytes.endIndex
                && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { return true }
            i += 1
        }
        return false
    }

    /// The items cut into at most `count` groups of consecutive items.
    func groups(count: Int) -> [Group] {
        let n = min(max(count, 1), itemLines.count)
        let (size, extra) = itemLines.count.quotientAndRemainder(dividingBy: n)
        var groups: [Group] = []
        var first = 0
        for g in 0..<n {
            let last = first + size + (g < extra ? 1 : 0)
            let end = last < itemLines.count ? itemLines[last] : regionEnd
            groups.append(Group(chunk: TextRange(start: itemLines[first], end: end), itemLines: itemLines[first..<last]))
            first = last
        }
        return groups
    }

    /// The document's bytes with the items' lines blanked (line breaks kept, so every
    /// offset stays), or only the part before the items when nothing follows them.
    func skeletonInput(_ source: SourceText) -> ChunkInput {
        let firstItem = itemLines[0]
        guard regionEnd < document.end else {
            return ChunkInput(source: source, chunk: TextRange(start: document.start, end: firstItem))
        }
        var bytes = Array(source.bytes[document.start..<document.end])
        for i in (firstItem - document.start)..<(regionEnd - document.start) where bytes[i] != 0x0A && bytes[i] != 0x0D {
            bytes[i] = 0x20
        }
        return ChunkInput(bytes: ChunkBytes(bytes), base: document.start)
    }
}

extension ItemCut {
    /// The document the one-thread parse gives, from the skeleton and the groups (in
    /// order); nil when any check fails (the caller then parses the document alone).
    func assemble(skeleton: YAMLParser.Part, groups: ArraySlice<YAMLParser.Part>, source: SourceText,
                  limits: YAMLLimits) -> YAMLDocument? {
        guard skeleton.parsed.leftoverErrors.isEmpty, skeleton.parsed.documents.count == 1, !skeleton.sawAnchorsOrAliases,
              let shape = skeleton.parsed.documents.first, shape.errors.isEmpty, shape.duplicateKeys.isEmpty,
              let root = shape.root, let path = Self.pathToEmptyValue(of: keyStart, in: root) else { return nil }
        var items: [YAMLNode] = []
        items.reserveCapacity(itemLines.count)
        var duplicates: [DuplicateKey] = []
        var dropped = 0
        // The skeleton's empty value gives way to the list, and each group's own list to its items.
        var nodes = shape.nodeCount
        var listEnd = 0
        var listStart: Int?
        let parts = self.groups(count: groups.count)
        for (group, part) in zip(parts, groups) {
            guard part.parsed.leftoverErrors.isEmpty, part.parsed.documents.count == 1, !part.sawAnchorsOrAliases,
                  // The list opens inside `path.count` collections: so many fewer levels are
                  // left to its items before the depth limit.
                  part.deepestNesting + path.count <= limits.maxDepth,
                  let document = part.parsed.documents.first, document.errors.isEmpty,
                  case .sequence(let list)? = document.root, list.style == .block, list.tag == nil, list.anchor == nil,
                  list.items.count == group.itemLines.count else { return nil }
            // Each item where its `- ` line is.
            for (item, line) in zip(list.items, group.itemLines) {
                guard item.range.start >= line else { return nil }
            }
            var groupItems = list.items
            if let last = groupItems.last {
                groupItems[groupItems.count - 1] = PartEnd.movingEmptyValue(last, partEnd: group.chunk.end,
                                                                            in: source.bytes, documentEnd: self.document.end)
            }
            listStart = listStart ?? list.range.start
            listEnd = groupItems.reduce(max(listEnd, list.range.start)) { max($0, $1.range.end) }
            items += groupItems
            duplicates += document.duplicateKeys
            dropped += document.droppedItems
            nodes += document.nodeCount - 1
        }
        // Over the limit, the one-thread parse says where.
        guard let listStart, nodes <= limits.maxNodes else { return nil }
        let list = YAMLNode.sequence(YAMLSequence(items: YAMLItems(items), style: .block,
                                                  range: TextRange(start: listStart, end: max(listStart, listEnd))))
        var assembled = YAMLDocument(root: Self.replacing(root, at: path[...], with: list), range: document, errors: [],
                                     duplicateKeys: duplicates.firstByPosition(limits.maxDuplicateKeys))
        // The groups dropped the items the rule surely drops, if this list is the rule's.
        (assembled.droppedItems, assembled.nodeCount) = (dropped, nodes)
        return ResourceItemPruning.prune(&assembled, limit: limits.resourceList) ? assembled : nil
    }

    /// The child positions from `root` to the value of the block mapping key starting at
    /// `keyStart` (a plain `resources` without tag or anchor), when that value is an empty
    /// plain scalar without tag or anchor (what the blanked items leave).
    static func pathToEmptyValue(of keyStart: Int, in root: YAMLNode) -> [Int]? {
        var node = root
        var path: [Int] = []
        while true {
            switch node {
            case .mapping(let m):
                guard m.style == .block else { return nil }
                if let i = m.entries.firstIndex(where: { $0.key.range.start == keyStart }) {
                    guard case .scalar(let key) = m.entries[i].key, key.style == .plain, key.value == "resources",
                          key.tag == nil, key.anchor == nil,
                          case .scalar(let value) = m.entries[i].value, value.style == .plain, value.value.isEmpty,
                          value.tag == nil, value.anchor == nil else { return nil }
                    return path + [i]
                }
                guard let i = m.entries.firstIndex(where: { $0.value.range.start <= keyStart && keyStart < $0.value.range.end })
                else { return nil }
                path.append(i)
                node = m.entries[i].value
            case .sequence(let s):
                guard s.style == .block,
                      let i = s.items.firstIndex(where: { $0.range.start <= keyStart && keyStart < $0.range.end }) else { return nil }
                path.append(i)
                node = s.items[i]
            case .scalar, .alias:
                return nil
            }
        }
    }

    /// `node` with the value at `path` replaced by `value`; the block collections around it
    /// end at their last child again (as the tree builder ends them).
    static func replacing(_ node: YAMLNode, at path: ArraySlice<Int>, with value: YAMLNode) -> YAMLNode {
        guard let i = path.first else { return value }
        switch node {
        case .mapping(var m):
            let known = m.entriesAreKnownEffective  // the keys stay: so does what is known of them
            if path.count == 1 {
                m.entries[i].value = value
            } else {
                m.entries[i].value = replacing(m.entries[i].value, at: path.dropFirst(), with: value)
            }
            m.entriesAreKnownEffective = known
            m.range.end = m.entries.reduce(m.range.start) { max($0, $1.key.range.end, $1.value.range.end) }
            return .mapping(m)
        case .sequence(var s):
            s.items[i] = replacing(s.items[i], at: path.dropFirst(), with: value)
            s.range.end = s.items.reduce(s.range.start) { max($0, $1.range.end) }
            return .sequence(s)
        case .scalar, .alias:
            return node
        }
    }
}
