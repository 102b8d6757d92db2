/// A mapping's entries in order of a 32-bit hash of their key: each entry's position in the
/// low 32 bits, its key's hash in the high 32, sorted, so entries of equal hash stay in
/// position order. 8 bytes an entry, and no key string kept: what the duplicate-key check
/// of a large mapping (`TreeBuilder.checkManyKeys`) and the key index
/// (`YAMLEntryLookup`) both need, where a dictionary of the keys cost many times more.
struct KeyHashOrder {
    private(set) var order: [UInt64] = []
    /// False when an entry was left out: a merge key, or a key that is not a string.
    private(set) var keysAll = true

    init(_ entries: YAMLEntries, hash: (String) -> UInt32) {
        order.reserveCapacity(entries.count)
        entries.forEachKey { i, key in  // of packed entries, only the keys are made
            guard !key.isMergeKey, let string = key.keyString else { keysAll = false; return }
            order.append(UInt64(hash(string)) << 32 | UInt64(i))
        }
        order.sort()
    }

    static func position(_ o: UInt64) -> Int { Int(truncatingIfNeeded: o & 0xFFFF_FFFF) }
    static func hash(_ o: UInt64) -> UInt64 { o >> 32 }

    /// The positions whose key has `hash`, in order.
    func positions(withHash hash: UInt32) -> some Sequence<Int> {
        // The first place whose hash is not below `hash`.
        var (low, high) = (0, order.count)
        while low < high {
            let mid = (low + high) / 2
            if Self.hash(order[mid]) < UInt64(hash) { low = mid + 1 } else { high = mid }
        }
        return order[low...].lazy.prefix { Self.hash($0) == UInt64(hash) }.map(Self.position)
    }

    /// Each run of two or more entries of equal hash, as their positions in order.
    func collidingRuns(_ body: (ArraySlice<UInt64>) -> Void) {
        var run = order.startIndex
        while run < order.endIndex {
            var end = run + 1
            while end < order.endIndex && Self.hash(order[end]) == Self.hash(order[run]) { end += 1 }
            if end - run > 1 { body(order[run..<end]) }
            run = end
        }
    }
}
