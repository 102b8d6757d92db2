import Testing
import YAMLSyntax
@testable import KroEngine

/// RGDResource keeps its fields in one copy-on-write object with the rare ones (externalRef,
/// includeWhen, readyWhen, forEach and its key) out of line: each still behaves as a stored
/// field, and a copy changes independently of the original.
@Suite struct RGDResourceStorageTests {
    static func resources() throws -> [RGDResource] {
        let file = YAMLParser.parse(SourceText("""
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: demo}
        spec:
          schema: {apiVersion: v1alpha1, kind: Demo, spec: {name: string}}
          resources:
          - id: plain
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
          - id: all
            forEach: [{idx: "${[1]}"}]
            includeWhen: ["${true}"]
            readyWhen: ["${true}"]
            externalRef: {apiVersion: v1, kind: Secret, metadata: {selector: {}}}
        """))
        return try #require(RGDParser.parse(document: file.documents[0]).0).resources
    }

    @Test func rareFieldsReadBackAndClearIndependently() throws {
        let r = try Self.resources()
        let plain = r[0], all = r[1]
        #expect(plain.externalRef == nil && plain.includeWhen == nil && plain.readyWhen == nil)
        #expect(plain.forEach.isEmpty && plain.forEachKeyRange == nil && plain.template != nil)
        #expect(all.externalRef != nil && all.includeWhen?.items.count == 1 && all.readyWhen?.items.count == 1)
        #expect(all.forEach.map(\.name.value) == ["idx"] && all.forEachKeyRange != nil)

        var changed = all
        changed.includeWhen = nil
        #expect(changed.includeWhen == nil && changed.readyWhen?.items.count == 1 && changed.externalRef != nil)
        changed.externalRef = nil
        changed.readyWhen = nil
        #expect(changed.forEach.map(\.name.value) == ["idx"] && changed.forEachKeyRange == all.forEachKeyRange)
        changed.forEach = []
        changed.forEachKeyRange = nil
        #expect(changed.nodeType == .resource)
        // The original is untouched by the copy's changes.
        #expect(all.includeWhen != nil && all.readyWhen != nil && all.externalRef != nil && !all.forEach.isEmpty)

        var grown = plain
        grown.readyWhen = all.readyWhen
        grown.forEachKeyRange = TextRange(start: 1, end: 2)
        #expect(grown.readyWhen?.items.count == 1 && grown.includeWhen == nil && grown.forEachKeyRange == TextRange(start: 1, end: 2))
        #expect(plain.readyWhen == nil && plain.forEachKeyRange == nil)
        #expect(grown.id?.value == "plain" && grown.index == plain.index && grown.template != nil)
    }

    /// A resource with only readyWhen or includeWhen does not carry an inline externalRef.
    @Test func theRareRecordKeepsTheExternalRefOutOfLine() throws {
        #expect(MemoryLayout<RGDResource.Rare>.size <= 8 + 2 * MemoryLayout<RGDConditionList?>.size + 8 + 17)
        let all = try Self.resources()[1]
        #expect(all.externalRef?.kind?.value == "Secret" && all.externalRef?.selector != nil)
    }
}
