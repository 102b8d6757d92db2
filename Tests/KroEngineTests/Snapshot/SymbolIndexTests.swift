import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct SymbolIndexTests {
    /// The text of each use of `id`, with where it starts.
    func uses(_ s: DocumentSnapshot, _ kind: SymbolKind, _ name: String) -> [(text: String, start: Int)] {
        let symbol = s.rgds.first?.symbols[SymbolID(kind: kind, qualifiedName: name)]
        return symbol?.uses.map { (s.source.string(in: $0.range), $0.range.start) } ?? []
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
