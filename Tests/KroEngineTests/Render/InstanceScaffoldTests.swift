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

    /// A line break in a description stays inside the comment (it ended the comment and
    /// put the rest into the instance), and long enums and descriptions are clipped.
    @Test func commentsStayOnOneLineAndAreClipped() throws {
        let values = (0..<60).map { "v\($0)" }.joined(separator: ",")
        let text = demoRGD(schema: """
            spec:
              name: "string | required=true description=\\"first\\nsecond: x\\rthird\\u2028fourth\\""
              mode: string | required=true enum="\(values)" description="\(String(repeating: "d", count: 2_000))"
            """, resources: RGDFixture.configMap("cm", data: "a: ${schema.spec.name}"))
        let analysis = try #require(DocumentAnalyzer.analyze(SourceText(text), options: .bundled).rgds.first)
        let scaffold = try #require(InstanceScaffold.yaml(for: analysis))
        let lines = scaffold.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains("  name: example  # first second: x third fourth"), "\(scaffold)")
        let mode = try #require(lines.first { $0.hasPrefix("  mode: ") })
        #expect(mode.hasPrefix("  mode: v0  # one of: v0, v1, "))
        #expect(mode.contains(", v49, … (60 in all); ddd") && !mode.contains("v50"))
        #expect(mode.hasSuffix("d…") && mode.count < 1_100)
        // The instance holds what the schema has, nothing the comments said.
        let instance = try #require(YAMLParser.parse(SourceText(scaffold)).documents.first?.root?.jsonValue)
        #expect(instance["spec"]?.objectValue?.keys.sorted() == ["mode", "name"])
        #expect(instance["second"] == nil)
    }
}
