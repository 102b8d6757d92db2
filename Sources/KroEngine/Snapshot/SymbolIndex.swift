import YAMLSyntax

/// Every symbol of one RGD with its definition and uses, and the occurrence at any
/// offset. Built once per snapshot.
public struct SymbolIndex: Sendable {
    public let symbols: [SymbolID: Symbol]
    /// Definitions and uses, sorted by range start.
    public let occurrences: [SymbolOccurrence]

    public init(symbols: [SymbolID: Symbol]) {
        self.symbols = symbols
        var all: [SymbolOccurrence] = []
        for symbol in symbols.values {
            if let d = symbol.definition {
                all.append(SymbolOccurrence(symbol: symbol.id, range: d, isDefinition: true, expressionIndex: nil))
            }
            all += symbol.uses
        }
        self.occurrences = all.sorted { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
    }

    public subscript(_ id: SymbolID) -> Symbol? { symbols[id] }

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
    public func symbol(at offset: Int) -> Symbol? { occurrence(at: offset).flatMap { symbols[$0.symbol] } }

    /// Symbols of one kind, sorted by definition position (undefined ones last).
    public func symbols(of kind: SymbolKind) -> [Symbol] {
        symbols.values.filter { $0.kind == kind }.sorted {
            ($0.definition?.start ?? Int.max, $0.id.qualifiedName) < ($1.definition?.start ?? Int.max, $1.id.qualifiedName)
        }
    }
}
