// Conveniences for reading the tree the way kubectl's YAML→JSON conversion sees it.

extension YAMLNode {
    /// The node's own byte range (an alias: the `*name` token).
    public var range: TextRange {
        switch self {
        case .scalar(let s): s.range
        case .mapping(let m): m.range
        case .sequence(let s): s.range
        case .alias(let a): a.range
        }
    }

    /// The node an alias stands for (following alias chains); other nodes are themselves.
    public var resolvedNode: YAMLNode? {
        var node = self
        while case .alias(let a) = node {
            guard let target = a.target else { return nil }
            node = target
        }
        return node
    }

    // The accessors below look at `self` first and follow aliases only for an alias:
    // nodes are stored inline, so a copy of the node (`resolvedNode`) retains its fields.

    /// The mapping this node is or stands for (through aliases).
    public var mapping: YAMLMapping? {
        switch self {
        case .mapping(let m): return m
        case .alias: if case .mapping(let m)? = resolvedNode { return m }
        case .scalar, .sequence: break
        }
        return nil
    }

    public var sequence: YAMLSequence? {
        switch self {
        case .sequence(let s): return s
        case .alias: if case .sequence(let s)? = resolvedNode { return s }
        case .scalar, .mapping: break
        }
        return nil
    }

    public var scalar: YAMLScalar? {
        switch self {
        case .scalar(let s): return s
        case .alias: if case .scalar(let s)? = resolvedNode { return s }
        case .mapping, .sequence: break
        }
        return nil
    }

    public var tag: String? {
        switch self {
        case .scalar(let s): s.tag
        case .mapping(let m): m.tag
        case .sequence(let s): s.tag
        case .alias: nil
        }
    }

    public var anchor: String? {
        switch self {
        case .scalar(let s): s.anchor
        case .mapping(let m): m.anchor
        case .sequence(let s): s.anchor
        case .alias: nil
        }
    }

    /// The key as kubectl turns it into a JSON object key (rgd.md §1); nil for
    /// collection keys, which kubectl rejects.
    public var keyString: String? {
        switch self {
        case .scalar(let s): s.keyString
        case .alias: scalar?.keyString
        case .mapping, .sequence: nil
        }
    }

    /// The same node moved by `delta` bytes (ranges and source maps; alias targets too).
    public func shifted(by delta: Int) -> YAMLNode {
        guard delta != 0 else { return self }
        switch self {
        case .scalar(let s):
            return .scalar(s.shifted(by: delta))
        case .mapping(var m):
            m.range = m.range.shifted(by: delta)
            let known = m.entriesAreKnownEffective  // moving keys changes none of them
            m.entries = m.entries.shifted(by: delta)
            m.entriesAreKnownEffective = known
            return .mapping(m)
        case .sequence(var s):
            s.range = s.range.shifted(by: delta)
            s.items = s.items.shifted(by: delta)
            return .sequence(s)
        case .alias(var a):
            a.range = a.range.shifted(by: delta)
            a.target = a.target?.shifted(by: delta)
            return .alias(a)
        }
    }
}

extension YAMLMappingEntry {
    /// True for a `<<` merge key (plain, untagged or tagged `!!merge`).
    public var isMergeKey: Bool { key.isMergeKey }
}

extension YAMLNode {
    /// True for the key of a `<<` merge (plain, untagged or tagged `!!merge`).
    public var isMergeKey: Bool {
        guard case .scalar(let s) = self, s.value == "<<" else { return false }
        return s.style == .plain && (s.tag == nil || s.tag == "tag:yaml.org,2002:merge")
    }
}

extension YAMLMapping {
    /// The entries kubectl sees: `<<` merge keys expanded (a mapping, or a sequence of
    /// mappings where earlier ones win), explicit keys over merged ones, and for
    /// duplicate keys only the last occurrence, at the position of its first occurrence.
    public var effectiveEntries: YAMLEntries {
        if entriesAreKnownEffective || entriesAreEffective { return entries }
        var visiting = 0
        return YAMLEntries(effectiveEntries(depth: &visiting))
    }

    /// True in the common case where `effectiveEntries` is `entries` as written: no merge
    /// key, every key a scalar, no key twice (decided without building dictionaries).
    private var entriesAreEffective: Bool {
        var keys: [String] = []
        keys.reserveCapacity(entries.count)
        for entry in entries {
            guard !entry.isMergeKey, let key = entry.key.keyString else { return false }
            keys.append(key)
        }
        if keys.count <= 8 {
            for i in keys.indices.dropFirst() where keys[..<i].contains(keys[i]) { return false }
            return true
        }
        return Set(keys).count == keys.count
    }

    private func effectiveEntries(depth: inout Int) -> [YAMLMappingEntry] {
        depth += 1
        defer { depth -= 1 }
        var merged: [YAMLMappingEntry] = []
        var own: [YAMLMappingEntry] = []
        for entry in entries {
            guard entry.isMergeKey else { own.append(entry); continue }
            guard depth < 64 else { continue }
            let sources: [YAMLMapping]
            if let m = entry.value.mapping {
                sources = [m]
            } else if let s = entry.value.sequence {
                sources = s.items.reversed().compactMap(\.mapping)
            } else {
                sources = []
            }
            for source in sources { merged += source.effectiveEntries(depth: &depth) }
        }
        var order: [String] = []
        var byKey: [String: YAMLMappingEntry] = [:]
        var unkeyed: [YAMLMappingEntry] = []
        for entry in merged + own {
            guard let key = entry.key.keyString else { unkeyed.append(entry); continue }
            if byKey[key] == nil { order.append(key) }
            byKey[key] = entry
        }
        return order.compactMap { byKey[$0] } + unkeyed
    }

    /// The entry kubectl keeps for `key` (the last one; merged entries included).
    public func entry(forKey key: String) -> YAMLMappingEntry? {
        // A key that reads as itself (a word resolving to the string it is, like every
        // field name) is found by comparing the text of keys without a tag: such a key's
        // kubectl string equals it exactly when its text does (no bool, null or number
        // prints as a word starting with a letter other than `true`, `false`, `null`, which
        // do not read as themselves) — no resolution per key looked at.
        let byText = Self.readsAsItself(key)
        if entriesAreKnownEffective || !hasMergeKey {
            // Packed entries come last: the last of them that matches wins. Their keys are
            // compared by their bytes (a packed key has no tag), or made alone.
            var packedMatch: Int?
            if byText {
                var name = key
                name.withUTF8 { name in
                    _ = entries.forEachPackedValue { scalar in
                        if scalar.index % 2 == 0, scalar.value.count == name.count, scalar.value.elementsEqual(name) {
                            packedMatch = scalar.index / 2
                        }
                    }
                }
            } else if entries.arePackedScalars {
                entries.forEachKey { i, node in if Self.node(node, isKey: key, byText: false) { packedMatch = i } }
            }
            if let packedMatch { return entries[packedMatch] }
            // Through the buffer, from the end: no entry is copied until one matches.
            var found: YAMLMappingEntry?
            entries.forEachUnpackedBlock { buffer, _ in
                var i = buffer.count
                while i > 0 {
                    i -= 1
                    if Self.node(buffer[i].key, isKey: key, byText: byText) { found = buffer[i]; break }
                }
                return true
            }
            return found
        }
        return effectiveEntries.first { Self.node($0.key, isKey: key, byText: byText) }
    }

    /// Whether a `<<` key is among the entries (of packed entries only the keys are made).
    private var hasMergeKey: Bool {
        var found = false
        entries.forEachKey { _, key in if key.isMergeKey { found = true } }
        return found
    }

    private static func node(_ node: YAMLNode, isKey key: String, byText: Bool) -> Bool {
        if byText, case .scalar(let s) = node, s.tag == nil { return s.value == key }
        return node.keyString == key
    }

    /// Whether `key` starts with an ASCII letter and a plain scalar of that text is that string.
    static func readsAsItself(_ key: String) -> Bool {
        guard let first = key.utf8.first, (first | 0x20) >= UInt8(ascii: "a") && (first | 0x20) <= UInt8(ascii: "z") else {
            return false
        }
        if case .string = YAMLScalar.resolvePlain(key) { return true }
        return false
    }

    public func value(forKey key: String) -> YAMLNode? { entry(forKey: key)?.value }
}

extension ScalarSourceMap {
    /// The file offset of the decoded value's byte `offset`. Inside an escape or a folded
    /// line break this is where the escape starts; at or past the end of the value, the
    /// end of the last segment.
    public func sourceOffset(forValueOffset offset: Int) -> Int {
        guard let last = lastSegment else { return 0 }
        if offset >= last.valueOffset + last.valueLength { return last.sourceOffset + last.sourceLength }
        let segment = lastSegment(startingAtOrBefore: offset)!
        let inside = offset - segment.valueOffset
        return segment.valueLength == segment.sourceLength ? segment.sourceOffset + inside : segment.sourceOffset
    }

    /// The file range of decoded bytes `range` (an empty range maps to a point).
    public func sourceRange(forValueRange range: Range<Int>) -> TextRange {
        let start = sourceOffset(forValueOffset: range.lowerBound)
        guard !range.isEmpty else { return TextRange(start: start, end: start) }
        let lastByte = range.upperBound - 1
        guard let last = lastSegment, lastByte < last.valueOffset + last.valueLength else {
            return TextRange(start: start, end: max(start, sourceOffset(forValueOffset: range.upperBound)))
        }
        let segment = lastSegment(startingAtOrBefore: lastByte)!
        let end = segment.valueLength == segment.sourceLength
            ? segment.sourceOffset + (lastByte - segment.valueOffset) + 1
            : segment.sourceOffset + segment.sourceLength
        return TextRange(start: start, end: max(start, end))
    }
}
