import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct InstanceScaffoldTests {
    @Test func requiredFieldsGetValidPlaceholdersAndDefaultsAreComments() throws {
        let text = demoRGD(schema: """
            spec:
              name: string | required=true pattern="^[a-z]+-[0-9]+$"
              size: integer | required=true minimum=3
              mode: string | required=true enum="fast,safe"
              replicas: integer | default=2
              note: string
              image: string
            """, resources: RGDFixture.configMap("cm", data: "image: ${schema.spec.image}"))
        let analysis = try #require(DocumentAnalyzer.analyze(SourceText(text), options: .bundled).rgds.first)
        let scaffold = try #require(InstanceScaffold.yaml(for: analysis))
        #expect(scaffold == """
            apiVersion: kro.run/v1alpha1
            kind: Demo
            metadata:
              name: my-demo
              namespace: default
            spec:
              image: example
              mode: fast  # one of: fast, safe
              name: example-1  # pattern ^[a-z]+-[0-9]+$
              # note: string  (optional)
              # replicas: 2  (default)
              size: 3  # min 3

            """)
        let result = try #require(renderPreview(text, scaffold))
        #expect(!result.hasErrors)
        #expect(result.node("cm")?.objects.first?["data"]?["image"] == "example")
    }
}
