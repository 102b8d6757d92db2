/// One step from a YAML root down to a node: how the parent reached it and the node.
public struct YAMLPathStep: Sendable, Hashable {
    public enum Key: Sendable, Hashable {
        /// A mapping entry, by its key as kubectl stringifies it.
        case key(String)
        /// A sequence item.
        case index(Int)
    }
    /// nil for the root.
    public var key: Key?
    /// The mapping key node of this entry (nil for the root and sequence items).
    public var keyNode: YAMLNode?
    public var node: YAMLNode
    /// True when the offset lies on `keyNode` rather than on `node`.
    public var isOnKey: Bool
}

extension YAMLNode {
    /// The nodes from this one down to the innermost holding `offset`, each with the key
    /// or index that leads to it. A cursor right after a scalar (`offset == range.end`)
    /// still counts as on it; where one node ends exactly where the next begins, the later
    /// one wins. When the offset is on a mapping key, the last step is that
    /// entry with `isOnKey`. Aliases are not followed. Empty when the offset is outside.
    public func path(to offset: Int) -> [YAMLPathStep] {
        guard Self.holds(self, offset) else { return [] }
        var steps = [YAMLPathStep(key: nil, keyNode: nil, node: self, isOnKey: false)]
        while let next = Self.child(of: steps.last!.node, at: offset) {
            steps.append(next)
            if next.isOnKey { break }
        }
        return steps
    }

    /// Entries and items are in the order written, each ending where or before the next
    /// starts, so the last one starting at or before the offset is the only one that can
    /// hold it (found by a binary search: a list of 10,000 resources is searched at every
    /// position a request names).
    private static func child(of node: YAMLNode, at offset: Int) -> YAMLPathStep? {
        switch node {
        case .mapping(let m):
            let entries = m.entries
            let i = lastStarting(atOrBefore: offset, count: entries.count) { entries[$0].key.range.start }
            guard i >= 0 else { return nil }
            let entry = entries[i]
            if holds(entry.key, offset) {
                return YAMLPathStep(key: .key(entry.key.keyString ?? ""), keyNode: entry.key, node: entry.value, isOnKey: true)
            }
            if holds(entry.value, offset), entry.value.range.length > 0 {
                return YAMLPathStep(key: .key(entry.key.keyString ?? ""), keyNode: entry.key, node: entry.value, isOnKey: false)
            }
        case .sequence(let s):
            let items = s.items
            let i = lastStarting(atOrBefore: offset, count: items.count) { items[$0].range.start }
            if i >= 0 && holds(items[i], offset) {
                return YAMLPathStep(key: .index(i), keyNode: nil, node: items[i], isOnKey: false)
            }
        case .scalar, .alias:
            break
        }
        return nil
    }

    /// The last index whose start (ascending) is at or before `offset`; -1 when none is.
    private static func lastStarting(atOrBefore offset: Int, count: Int, start: (Int) -> Int) -> Int {
        var (low, high) = (0, count)  // the answer + 1 lies in low...high
        while low < high {
            let mid = (low + high) / 2
            if start(mid) <= offset { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }

    private static func holds(_ node: YAMLNode, _ offset: Int) -> Bool {
        node.range.start <= offset && offset <= node.range.end
    }
}
