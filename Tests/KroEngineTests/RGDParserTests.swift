import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct RGDParserTests {
    func parse(_ text: String) -> (ResourceGraphDefinition?, [Diagnostic]) {
        let file = YAMLParser.parse(SourceText(text))
        return RGDParser.parse(document: file.documents[0])
    }

    @Test func readsModelAndNodeTypes() throws {
        let (rgd, diags) = parse("""
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: demo}
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Demo
            spec: {name: string}
          resources:
          - id: one
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
          - id: many
            forEach: [{idx: "${[1]}"}]
            template: {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}
          - id: ext
            externalRef: {apiVersion: v1, kind: Secret, metadata: {name: s}}
          - id: exts
            externalRef: {apiVersion: v1, kind: Secret, metadata: {selector: {}}}
        """)
        #expect(diags.isEmpty)
        let model = try #require(rgd)
        #expect(model.name?.value == "demo")
        #expect(model.schema?.kind?.value == "Demo")
        #expect(model.schema?.effectiveGroup == "kro.run")
        #expect(model.schema?.effectiveScope == .namespaced)
        #expect(model.resources.map(\.nodeType) == [.resource, .collection, .external, .externalCollection])
        #expect(model.resources[1].forEach.map(\.name.value) == ["idx"])
    }

    @Test func ignoresOtherDocuments() {
        let (rgd, diags) = parse("apiVersion: v1\nkind: ConfigMap\n")
        #expect(rgd == nil && diags.isEmpty)
    }
}
