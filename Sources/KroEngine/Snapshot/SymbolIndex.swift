import YAMLSyntax

/// Every symbol of one RGD with its definition and uses, and the occurrence at any
/// offset. Built once per snapshot.
public struct SymbolIndex: Sendable {
    /// Definitions and uses, sorted by range start, 20 bytes each (a `SymbolOccurrence` is
    /// 64, and an RGD of 65,000 expressions has some 160,000 uses).
    private let stored: [Occurrence]
    /// Symbol ids by the number an `Occurrence` holds.
    private let ids: [SymbolID]
    /// Each occurrence is stored once, in `stored`; a symbol keeps the positions of its uses there.
    private let entries: [SymbolID: Entry]

    private struct Entry: Sendable {
        var name: String
        var definition: TextRange?
        /// Indices into `stored`, ascending.
        var uses: [Int32]
    }

    /// A definition or use as stored: the symbol by number, offsets in 32 bits (a document
    /// the server holds is at most 64 MiB; `init` is nil past 4 GiB).
    struct Occurrence: Sendable {
        var symbol: Int32
        /// -1 for none.
        var expression: Int32
        var start: UInt32
        var end: UInt32
        var isDefinition: Bool

        init?(symbol: Int32, range: TextRange, isDefinition: Bool, expression: Int?) {
            guard let start = UInt32(exactly: range.start), let end = UInt32(exactly: range.end),
                  let expression = Int32(exactly: expression ?? -1) else { return nil }
            (self.symbol, self.start, self.end, self.isDefinition, self.expression) = (symbol, start, end, isDefinition, expression)
        }
    }

    /// `symbols`: every symbol with its definition, numbered by position (their `uses` are
    /// not read); `occurrences`: every definition and use, in any order.
    init(symbols: [Symbol], occurrences: consuming [Occurrence]) {
        var all = consume occurrences
        all.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        stored = all
        ids = symbols.map(\.id)
        var uses = [[Int32]](repeating: [], count: symbols.count)
        for (i, occurrence) in all.enumerated() where !occurrence.isDefinition {
            uses[Int(occurrence.symbol)].append(Int32(truncatingIfNeeded: i))
        }
        var entries: [SymbolID: Entry] = [:]
        entries.reserveCapacity(symbols.count)
        for (k, symbol) in symbols.enumerated() {
            entries[symbol.id] = Entry(name: symbol.name, definition: symbol.definition, uses: uses[k])
        }
        self.entries = entries
    }

    /// Definitions and uses, sorted by range start.
    public var occurrences: [SymbolOccurrence] { stored.map(occurrence) }

    private func occurrence(_ o: Occurrence) -> SymbolOccurrence {
        SymbolOccurrence(symbol: ids[Int(o.symbol)], range: TextRange(start: Int(o.start), end: Int(o.end)),
                         isDefinition: o.isDefinition, expressionIndex: o.expression < 0 ? nil : Int(o.expression))
    }

    public subscript(_ id: SymbolID) -> Symbol? { entries[id].map { symbol(id, $0) } }

    /// Every symbol by id.
    public var symbols: [SymbolID: Symbol] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.key, symbol($0.key, $0.value)) })
    }

    private func symbol(_ id: SymbolID, _ entry: Entry) -> Symbol {
        Symbol(id: id, name: entry.name, definition: entry.definition, uses: entry.uses.map { occurrence(stored[Int($0)]) })
    }

    /// The occurrence whose range holds `offset` (a cursor right after a name counts).
    public func occurrence(at offset: Int) -> SymbolOccurrence? {
        var lo = 0, hi = stored.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(stored[mid].start) <= offset { lo = mid + 1 } else { hi = mid }
        }
        // Names do not overlap; the nearest candidates are enough.
        for i in stride(from: lo - 1, through: max(0, lo - 2), by: -1) {
            let o = stored[i]
            if offset >= Int(o.start) && offset <= Int(o.end) { return occurrence(o) }
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
