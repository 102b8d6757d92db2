/// A list item parsed alone (the incremental re-parse, the parallel parse) reads as it does
/// in place except at its very end: libyaml puts an empty value it has to supply (an
/// explicit `? key` without `: value`) at the next token, which is the part's end when the
/// item is parsed alone and the next item's `-` (or whatever follows the list) in the whole
/// document. Moving that one scalar, and the ends of the collections ending with it, makes
/// the item what the whole parse gives.
enum PartEnd {
    /// `item` as the whole document reads it, when its part ended at the line start
    /// `partEnd` (another item's line, the line after the list, or the document's end).
    static func movingEmptyValue(_ item: YAMLNode, partEnd: Int, in bytes: [UInt8], documentEnd: Int) -> YAMLNode {
        var next = partEnd
        while next < documentEnd && bytes[next] == 0x20 { next += 1 }
        return next == partEnd ? item : moving(item, from: partEnd, to: next)
    }

    private static func moving(_ node: YAMLNode, from end: Int, to target: Int) -> YAMLNode {
        guard node.range.end == end else { return node }
        switch node {
        case .scalar(let s):
            guard s.style == .plain, s.value.isEmpty, s.range.start == end else { return node }
            return node.shifted(by: target - end)
        case .mapping(var m):
            guard let last = m.entries.last else { return node }
            let known = m.entriesAreKnownEffective  // a moved value changes no key
            m.entries[m.entries.count - 1] = YAMLMappingEntry(key: moving(last.key, from: end, to: target),
                                                              value: moving(last.value, from: end, to: target))
            m.entriesAreKnownEffective = known
            if m.style == .block { m.range.end = m.entries.reduce(m.range.start) { max($0, $1.key.range.end, $1.value.range.end) } }
            return .mapping(m)
        case .sequence(var s):
            guard let last = s.items.last else { return node }
            s.items[s.items.count - 1] = moving(last, from: end, to: target)
            if s.style == .block { s.range.end = s.items.reduce(s.range.start) { max($0, $1.range.end) } }
            return .sequence(s)
        case .alias:
            return node
        }
    }
}
