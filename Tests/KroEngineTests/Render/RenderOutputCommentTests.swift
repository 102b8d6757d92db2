import JSON
import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// The comments of `kro-lsp render`'s YAML stay on their lines, whatever the names hold.
@Suite struct RenderOutputCommentTests {
    @Test func aLineBreakInANameStaysInTheComment() throws {
        let text = demoRGD(schema: "spec:\n  name: string", resources: RGDFixture.configMap("cm", data: "a: b"))
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata: {name: i, namespace: default}\n"
            + "spec:\n  name: \"a\\nb: injected\\u2028c: too\"\n"
        let result = try #require(renderPreview(text, instance))
        var out = ""
        RenderOutput.yaml(result) { out += $0 }
        #expect(out.contains("# resource cm (ConfigMap default/a b: injected c: too)"), "\(out)")
        let documents = YAMLParser.parse(SourceText(out)).documents.compactMap { $0.root?.jsonValue }
        let configMap = try #require(documents.first { $0["kind"] == "ConfigMap" })
        #expect(configMap.objectValue?.keys.sorted() == ["apiVersion", "data", "kind", "metadata"])
        #expect(configMap["metadata"]?["name"] == .string("a\nb: injected\u{2028}c: too"))
    }
}
