import YAMLSyntax

/// Every symbol of one RGD with its definition and uses, and the occurrence at any
/// offset. Built once per snapshot.
public struct SymbolIndex: Sendable {
    /// Definitions and uses, sorted by range start.
    public let occurrences: [SymbolOccurrence]
    /// Each occurrence is stored once, in `occurrences`; a symbol keeps the positions of its
    /// uses there (an RGD of 65,000 expressions has some 160,000 uses, 10 MB a copy).
    private let entries: [SymbolID: Entry]

    private struct Entry: Sendable {
        var name: String
        var definition: TextRange?
        /// Indices into `occurrences`, ascending.
        var uses: [Int32]
    }

    /// `symbols`: every symbol with its definition (their `uses` are not read);
    /// `occurrences`: every definition and use, in any order.
    init(symbols: [SymbolID: Symbol], occurrences: consuming [SymbolOccurrence]) {
        var all = consume occurrences
        all.sort { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
        self.occurrences = all
        var entries = symbols.mapValues { Entry(name: $0.name, definition: $0.definition, uses: []) }
        for (i, occurrence) in all.enumerated() where !occurrence.isDefinition {
            entries[occurrence.symbol]?.uses.append(Int32(truncatingIfNeeded: i))
        }
        self.entries = entries
    }

    public subscript(_ id: SymbolID) -> Symbol? { entries[id].map { symbol(id, $0) } }

    /// Every symbol by id.
    public var symbols: [SymbolID: Symbol] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, symbol($0.key, $0.value)) })
    }

    private func symbol(_ id: SymbolID, _ entry: Entry) -> Symbol {
        Symbol(id: id, name: entry.name, definition: entry.definition, uses: entry.uses.map { occurrences[Int($0)] })
    }

    /// The occurrence whose range holds `offset` (a cursor right after a name counts).
    public func occurrence(at offset: Int) -> SymbolOccurrence? {
        var lo = 0, hi = occurrences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if occurrences[mid].range.start <= offset { lo = mid + 1 } else { hi = mid }
        }
        // Names do not overlap; the nearest candidates are enough.
        for i in stride(from: lo - 1, through: max(0, lo - 2), by: -1) where occurrences[i].range.touches(offset) {
            return occurrences[i]
        }
        return nil
    }

    /// The symbol at `offset` (definition or use).
    public func symbol(at offset: Int) -> Symbol? { occurrence(at: offset).flatMap { self[$0.symbol] } }

    /// Symbols of one kind, sorted by definition position (undefined ones last).
    public func symbols(of kind: SymbolKind) -> [Symbol] {
        entries.filter { $0.key.kind == kind }.map { symbol($0.key, $0.value) }.sorted {
            ($0.definition?.start ?? Int.max, $0.id.qualifiedName) < ($1.definition?.start ?? Int.max, $1.id.qualifiedName)
        }
    }
}
