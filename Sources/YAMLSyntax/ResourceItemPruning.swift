/// Over kro-lsp's resource limit an RGD's resources are not analysed: admission counts the
/// object items of `spec.resources`, reads only the first one over the limit (KRO921 points
/// at it) and walks only the items that are not objects (KRO016, KRO003). Yet the tree of
/// 200,000 one-line resources was ~130 MB. So, as a document over the size limit is not
/// parsed, such a list is not kept: the parser builds it, then drops what nothing reads.
///
/// The rule (one function of the finished tree, idempotent, whatever path built it):
/// in a document whose root mapping (no anchor, no merge key) has a header of
/// `documents` (`apiVersion` and `kind` written as scalars) and a `spec` mapping (no
/// anchor, no merge key) whose `resources` value is a sequence (no anchor), every item
/// that is a mapping (not an alias), has more than `keepObjects` object items before it
/// (an item is an object when it is or stands for a mapping, as admission counts) and
/// holds no anchor anywhere inside is replaced by a placeholder: an empty mapping with the
/// item's range, style and tag and `isDroppedItem` set. The lookups are kubectl's (the
/// last entry of a key), the engine's. So the count, KRO921's item, the items that are not
/// objects and everything outside the list stay as they were; no alias can reach a dropped
/// item (none of its ancestors and nothing inside it has an anchor). Duplicate keys and
/// other YAML errors inside dropped items were recorded while they were built.
///
/// Dropped items have no tree, so editor features that read one (folding, symbols,
/// semantic tokens, hover) show nothing for them; `droppedItems` counts them.
public struct ResourceListLimit: Sendable, Hashable {
    /// Object items kept in full: the list's first `keepObjects + 1` (the last of them is
    /// the first over the limit, which admission reads).
    public var keepObjects: Int
    /// The documents whose list is pruned, by their root's `apiVersion` and `kind`.
    public var documents: [DocumentKind]

    public struct DocumentKind: Sendable, Hashable {
        /// The `apiVersion` value; ending in `/`, any version of that group.
        public var apiVersion: String
        public var kind: String
        public init(apiVersion: String, kind: String) { self.apiVersion = apiVersion; self.kind = kind }

        func matches(apiVersion value: String, kind: String) -> Bool {
            kind == self.kind && (apiVersion.hasSuffix("/") ? value.hasPrefix(apiVersion) : value == apiVersion)
        }
    }

    public init(keepObjects: Int, documents: [DocumentKind]) {
        self.keepObjects = keepObjects; self.documents = documents
    }
}

enum ResourceItemPruning {
    /// Applies the rule to `document`, whose tree already holds `document.droppedItems`
    /// placeholders (dropped while it was built), and updates that count. False when one
    /// of them is not where the rule puts one: the caller then builds the tree again.
    static func prune(_ document: inout YAMLDocument, limit: ResourceListLimit?) -> Bool {
        let placed = document.droppedItems
        guard let limit, let root = document.root, let path = listPath(of: root, documents: limit.documents) else {
            return placed == 0
        }
        guard let drop = itemsToDrop(root, path, keepObjects: limit.keepObjects, placed: placed) else { return false }
        document.droppedItems = placed + drop.count
        guard !drop.isEmpty else { return true }
        var tree = document.root.take()!  // held once, so the lists below change in place
        inPlace(&tree, mapping: { rootMap in
            inPlace(&rootMap.entries[path.spec].value, mapping: { spec in
                inPlace(&spec.entries[path.resources].value, sequence: { list in
                    for i in drop {
                        guard case .mapping(let item) = list.items[i] else { continue }
                        list.items[i] = placeholder(for: item)
                    }
                })
            })
        })
        document.root = tree
        return true
    }

    /// The positions of `spec` in the root and of `resources` in `spec`, when the rule
    /// applies to this document.
    static func listPath(of root: YAMLNode, documents: [ResourceListLimit.DocumentKind]) -> (spec: Int, resources: Int)? {
        guard case .mapping(let map) = root, map.anchor == nil, !map.entries.contains(where: \.isMergeKey),
              case .scalar(let apiVersion)? = map.entry(forKey: "apiVersion")?.value,
              case .scalar(let kind)? = map.entry(forKey: "kind")?.value,
              documents.contains(where: { $0.matches(apiVersion: apiVersion.value, kind: kind.value) }),
              let s = index(of: "spec", in: map), case .mapping(let spec) = map.entries[s].value, spec.anchor == nil,
              !spec.entries.contains(where: \.isMergeKey),
              let r = index(of: "resources", in: spec), case .sequence(let list) = spec.entries[r].value,
              list.anchor == nil else { return nil }
        return (s, r)
    }

    /// The position of the entry `entry(forKey:)` finds in a mapping without merge keys
    /// (its keys are its own nodes, each at its own place).
    private static func index(of key: String, in map: YAMLMapping) -> Int? {
        guard let found = map.entry(forKey: key)?.key.range else { return nil }
        return map.entries.lastIndex { $0.key.range == found }
    }

    /// The items to replace; nil when a placeholder is where the rule puts none, or there
    /// are not `placed` of them in the list.
    private static func itemsToDrop(_ root: YAMLNode, _ path: (spec: Int, resources: Int), keepObjects: Int,
                                    placed: Int) -> [Int]? {
        guard case .mapping(let map) = root, case .mapping(let spec) = map.entries[path.spec].value,
              case .sequence(let list) = spec.entries[path.resources].value else { return nil }
        var objects = 0, found = 0
        var drop: [Int] = []
        var valid = true
        list.items.forEachBlock { items, first in
            for i in items.indices {
                switch items[i] {
                case .mapping(let item):
                    if item.isDroppedItem {
                        guard objects > keepObjects else { valid = false; return false }
                        found += 1
                    } else if objects > keepObjects && !items[i].holdsAnchor(orAlias: false) {
                        drop.append(first + i)
                    }
                    objects += 1
                case .alias:
                    if items[i].mapping != nil { objects += 1 }
                case .scalar, .sequence:
                    break
                }
            }
            return true
        }
        return valid && found == placed ? drop : nil
    }

    static func placeholder(for item: YAMLMapping) -> YAMLNode {
        var empty = YAMLMapping(entries: [], style: item.style, range: item.range, tag: item.tag)
        empty.entriesAreKnownEffective = true
        empty.isDroppedItem = true
        return .mapping(empty)
    }

    /// `change` applied to the mapping `node` holds, without a second reference to its
    /// entries while it runs (so they change in place); what is known of its keys stays.
    private static func inPlace(_ node: inout YAMLNode, mapping change: (inout YAMLMapping) -> Void) {
        guard case .mapping(var m) = node else { return }
        node = vacant
        let known = m.entriesAreKnownEffective
        change(&m)
        m.entriesAreKnownEffective = known
        node = .mapping(m)
    }

    private static func inPlace(_ node: inout YAMLNode, sequence change: (inout YAMLSequence) -> Void) {
        guard case .sequence(var s) = node else { return }
        node = vacant
        change(&s)
        node = .sequence(s)
    }

    private static let vacant = YAMLNode.scalar(YAMLScalar(verbatimValue: "", style: .plain, range: TextRange(start: 0, end: 0)))
}

extension YAMLParser {
    /// The tree of a dropped item (`YAMLMapping.isDroppedItem`), parsed again from its text
    /// in `source` (a block item from its line, as the parallel parse parses items alone);
    /// another mapping is itself. For the rare reader that needs it.
    public static func droppedItemTree(_ item: YAMLMapping, in source: SourceText) -> YAMLNode? {
        guard item.isDroppedItem else { return .mapping(item) }
        let lineStart = source.lineStarts[source.line(containing: item.range.start)]
        let onItemLine = source.bytes[lineStart..<item.range.start].allSatisfy { $0 == 0x20 || $0 == UInt8(ascii: "-") }
        let start = item.style == .block && onItemLine ? lineStart : item.range.start
        let part = parseDocuments(source, range: TextRange(start: start, end: item.range.end), limits: .default)
        var node = part.documents.first?.root
        if case .sequence(let list)? = node, list.style == .block, list.items.count == 1 { node = list.items[0] }
        // A tag on a line of its own is left out of the text parsed: the placeholder has it.
        guard case .mapping(var tree)? = node else { return nil }
        tree.tag = item.tag
        return .mapping(tree)
    }
}
