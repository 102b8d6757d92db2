/// Finds the entry kubectl keeps for a key (`YAMLMapping.entry(forKey:)`) through a
/// dictionary built once for each mapping large enough to need one: looking up each key of
/// a mapping of n entries one by one costs n², and callers that follow many paths (every
/// admission error of an instance, every breaking change of a schema) did that.
/// For one pass over one tree; the mappings are told apart by their ranges.
public final class YAMLEntryLookup {
    /// Mappings with fewer entries are searched directly.
    static let indexedFrom = 32
    private var byRange: [TextRange: [String: YAMLMappingEntry]] = [:]

    public init() {}

    public func entry(_ key: String, in mapping: YAMLMapping) -> YAMLMappingEntry? {
        guard mapping.entries.count >= Self.indexedFrom else { return mapping.entry(forKey: key) }
        if let index = byRange[mapping.range] { return index[key] }
        var index: [String: YAMLMappingEntry] = [:]
        for entry in mapping.effectiveEntries {
            if let name = entry.key.keyString { index[name] = entry }
        }
        byRange[mapping.range] = index
        return index[key]
    }
}
