/// Finds the entry kubectl keeps for a key (`YAMLMapping.entry(forKey:)`) through an index
/// built once for each mapping large enough to need one: looking up each key of a mapping
/// of n entries one by one costs n², and callers that follow many paths (every admission
/// error of an instance, every breaking change of a schema) did that.
/// For one pass over one tree; the mappings are told apart by their ranges.
///
/// The index is the entries' positions sorted by a hash of their key (8 bytes an entry):
/// a dictionary of the entries, keyed by their names, took 192 MB and 2.3 s for an
/// instance of 3.5 million fields. The hash is the process's seeded one, so keys cannot be
/// made to collide on purpose.
public final class YAMLEntryLookup {
    /// Mappings with fewer entries are searched directly.
    static let indexedFrom = 32
    private var byRange: [TextRange: Index] = [:]

    public init() {}

    public func entry(_ key: String, in mapping: YAMLMapping) -> YAMLMappingEntry? {
        guard mapping.entries.count >= Self.indexedFrom else { return mapping.entry(forKey: key) }
        if let index = byRange[mapping.range] { return index.entry(key) }
        let index = Index(mapping)
        byRange[mapping.range] = index
        return index.entry(key)
    }

    /// A mapping's entries as kubectl reads them, in order of the hash of their key.
    private struct Index {
        let entries: YAMLEntries
        let order: KeyHashOrder

        init(_ mapping: YAMLMapping) {
            entries = mapping.effectiveEntries
            order = KeyHashOrder(entries, hash: Self.hash)
        }

        static func hash(_ name: String) -> UInt32 { UInt32(truncatingIfNeeded: name.hashValue) }

        /// The last entry named `key` (a dictionary filled in order would keep that one).
        func entry(_ key: String) -> YAMLMappingEntry? {
            order.positions(withHash: Self.hash(key)).lazy.map { entries[$0] }.last { $0.key.keyString == key }
        }
    }
}
