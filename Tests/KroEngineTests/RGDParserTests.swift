import KroTestSupport
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

    /// Lookups by id (one, or all at once) find the first resource of that id (a duplicate
    /// is kro's error, but the first one is what references resolve to), and none for an id
    /// not declared.
    @Test func resourceByIDIsTheFirstOfThatID() throws {
        let (rgd, _) = parse(RGDFixture.text(name: "demo", kind: "Demo", spec: "name: string", resources: """
            - template: {apiVersion: v1, kind: ConfigMap, metadata: {name: noid}}
            - id: a
              template: {apiVersion: v1, kind: ConfigMap, metadata: {name: first}}
            - id: b
              template: {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
            - id: a
              template: {apiVersion: v1, kind: ConfigMap, metadata: {name: second}}
            """))
        let model = try #require(rgd)
        func name(_ id: String) -> String? {
            model.resource(withID: id)?.template?.mapping?.value(forKey: "metadata")?.mapping?.value(forKey: "name")?.scalar?.value
        }
        #expect(name("a") == "first")
        #expect(name("b") == "b")
        #expect(model.resource(withID: "c") == nil)
        #expect(model.resource(withID: "a")?.index == 1)
        let byID = model.resourcesByID()
        #expect(byID.mapValues(\.index) == ["a": 1, "b": 2])
    }

    @Test func ignoresOtherDocuments() {
        let (rgd, diags) = parse("apiVersion: v1\nkind: ConfigMap\n")
        #expect(rgd == nil && diags.isEmpty)
    }
}
