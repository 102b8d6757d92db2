import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct SymbolIndexTests {
    /// The text of each use of `id`, with where it starts.
    func uses(_ s: DocumentSnapshot, _ kind: SymbolKind, _ name: String) -> [(text: String, start: Int)] {
        let symbol = s.rgds.first?.symbols[SymbolID(kind: kind, qualifiedName: name)]
        return symbol?.uses.map { (s.source.string(in: $0.range), $0.range.start) } ?? []
    }

    @Test func storedOccurrencesReadBackSortedAndPast4GiBAreLeftOut() {
        let a = SymbolID(kind: .resource, qualifiedName: "a"), b = SymbolID(kind: .schemaField, qualifiedName: "spec.b")
        let far = TextRange(start: 1 << 32, end: (1 << 32) + 1)
        #expect(SymbolIndex.Occurrence(symbol: 0, range: far, isDefinition: false, expression: nil) == nil)
        let symbols = [Symbol(id: a, name: "a", definition: TextRange(start: 5, end: 6), uses: []),
                       Symbol(id: b, name: "b", definition: nil, uses: [])]
        let found = [(1, 40, false, 3), (0, 20, false, 2), (0, 5, true, nil)].compactMap { (symbol: Int32, start: Int, isDefinition: Bool, expression: Int?) in
            SymbolIndex.Occurrence(symbol: symbol, range: TextRange(start: start, end: start + 1),
                                   isDefinition: isDefinition, expression: expression)
        }
        let index = SymbolIndex(symbols: symbols, occurrences: found)
        #expect(index.occurrences == [
            SymbolOccurrence(symbol: a, range: TextRange(start: 5, end: 6), isDefinition: true, expressionIndex: nil),
            SymbolOccurrence(symbol: a, range: TextRange(start: 20, end: 21), isDefinition: false, expressionIndex: 2),
            SymbolOccurrence(symbol: b, range: TextRange(start: 40, end: 41), isDefinition: false, expressionIndex: 3),
        ])
        #expect(index[a]?.uses.map(\.range.start) == [20] && index[b]?.uses.map(\.expressionIndex) == [3])
        #expect(index.occurrence(at: 21)?.symbol == a && index.occurrence(at: 30) == nil && index.symbol(at: 40)?.id == b)
    }

    @Test(arguments: [false, true]) func schemaFieldHasDefinitionAndUsesInStandaloneAndTemplates(crlf: Bool) throws {
        let (s, m) = SnapshotFixture.snapshot(crlf: crlf)
        let symbol = try #require(s.rgds.first?.symbols[SymbolID(kind: .schemaField, qualifiedName: "spec.name")])
        #expect(symbol.definition == TextRange(start: m.offsets[1]!, end: m.offsets[1]! + 4))
        let found = uses(s, .schemaField, "spec.name")
        #expect(found.map(\.text) == ["name", "name"])
        #expect(found.map(\.start) == [m.offsets[4]!, m.offsets[5]!])
    }

    @Test func fieldsOfCustomTypesAreReachedThroughListElements() {
        let (s, m) = SnapshotFixture.snapshot()
        #expect(uses(s, .schemaField, "types.Port.number").map(\.start) == [m.offsets[6]!])
        // `schema.spec.ports` in the template and in the forEach.
        #expect(uses(s, .schemaField, "spec.ports").map(\.text) == ["ports", "ports"])
    }

    @Test func customTypeIsUsedInFieldTypeStrings() throws {
        let (s, m) = SnapshotFixture.snapshot()
        let symbol = try #require(s.rgds.first?.symbols[SymbolID(kind: .customType, qualifiedName: "Port")])
        #expect(symbol.definition?.start == m.offsets[2]!)
        #expect(uses(s, .customType, "Port").map(\.text) == ["Port"])
    }

    @Test(arguments: [false, true]) func resourceIDIsUsedInsideAStringTemplate(crlf: Bool) throws {
        let (s, m) = SnapshotFixture.snapshot(crlf: crlf)
        let symbol = try #require(s.rgds.first?.symbols[SymbolID(kind: .resource, qualifiedName: "web")])
        #expect(symbol.definition == TextRange(start: m.offsets[3]!, end: m.offsets[3]! + 3))
        #expect(uses(s, .resource, "web").map(\.start) == [m.offsets[7]!])
        #expect(uses(s, .resource, "svc").isEmpty)
    }

    @Test func iteratorIsDefinedByItsForEachKeyAndUsedInItsTemplate() throws {
        let (s, m) = SnapshotFixture.snapshot()
        let symbol = try #require(s.rgds.first?.symbols[SymbolID(kind: .iterator, qualifiedName: "cms.item")])
        #expect(symbol.definition?.start == m.offsets[8]!)
        #expect(symbol.uses.map(\.range.start) == [m.offsets[9]!])
    }

    @Test func occurrenceAtAnOffsetFindsDefinitionsAndUses() throws {
        let (s, m) = SnapshotFixture.snapshot()
        let index = try #require(s.rgds.first?.symbols)
        #expect(index.occurrence(at: m.offsets[3]! + 1)?.isDefinition == true)
        #expect(index.symbol(at: m.offsets[7]!)?.id == SymbolID(kind: .resource, qualifiedName: "web"))
        // Right after the name (cursor at its end) still counts.
        #expect(index.symbol(at: m.offsets[9]! + 4)?.id == SymbolID(kind: .iterator, qualifiedName: "cms.item"))
        #expect(index.occurrence(at: m.offsets[7]! - 3) == nil)
        #expect(index.symbols(of: .resource).map(\.name) == ["web", "svc", "cms"])
    }
}
