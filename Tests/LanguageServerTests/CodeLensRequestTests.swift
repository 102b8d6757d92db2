import JSON
import KroTestSupport
import Testing
import YAMLSyntax

/// `textDocument/codeLens` over the in-process client: ranges in UTF-16, and each lens's
/// command runs as the editor would run it (`workspace/executeCommand` with its arguments).
@Suite struct CodeLensRequestTests {
    /// Two RGDs in one file, the second after a non-ASCII line.
    static let text = MarkedText("""
        «apiVersion»: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: first
        spec:
          schema:
            apiVersion: v1alpha1
            kind: First
            spec:
              name: string | default="one"
          resources:
            - «id»: one
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${schema.spec.name}
        ---
        # second — «é»
        «apiVersion»: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: second
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Second
            spec:
              name: string | default="two"
          resources:
            - id: two
              template:
                apiVersion: v1
                kind: Secret
                metadata:
                  name: ${schema.spec.name}
        """)

    @Test func lensesAreAdvertisedAndTheirCommandsRenderTheirOwnRGD() async throws {
        let client = InProcessLSPClient()
        let initialized = try await client.initialize()
        #expect(initialized["capabilities"]?["codeLensProvider"] == ["resolveProvider": false])
        try await client.open("file:///two.yaml", Self.text.text)
        let lenses = try await client.result("textDocument/codeLens", ["textDocument": ["uri": "file:///two.yaml"]]).arrayValue ?? []
        let previews = lenses.filter { $0["command"]?["command"] == "kro.preview" }
        #expect(previews.map { $0["range"] } == [lspRange(Self.text.text, Self.text.ranges[0]), lspRange(Self.text.text, Self.text.ranges[3])])
        #expect(previews.map { $0["command"]?["arguments"] } == [[["uri": "file:///two.yaml", "rgd": 0]], [["uri": "file:///two.yaml", "rgd": 1]]])
        let dependents = lenses.first { $0["range"] == lspRange(Self.text.text, Self.text.ranges[1]) }
        #expect(dependents?["command"] == ["title": "no dependents", "command": ""])

        // Each lens runs its command on its own RGD, as the client sends it.
        var rendered: [String] = []
        for lens in previews {
            let command = try #require(lens["command"])
            let answer = try await client.result("workspace/executeCommand", ["command": command["command"]!, "arguments": command["arguments"]!])
            rendered.append(answer["yaml"]?.stringValue ?? "")
        }
        #expect(rendered[0].contains("kind: ConfigMap") && !rendered[0].contains("kind: Secret"))
        #expect(rendered[1].contains("kind: Secret") && !rendered[1].contains("kind: ConfigMap"))
        let crdLens = try #require(lenses.last { $0["command"]?["command"] == "kro.generateCRD" })
        let crd = try await client.result("workspace/executeCommand", ["command": "kro.generateCRD", "arguments": crdLens["command"]!["arguments"]!])
        #expect(crd["yaml"]?.stringValue?.contains("name: seconds.kro.run") == true)
        #expect(crd["yaml"]?.stringValue?.contains("firsts.kro.run") == false)
    }

    @Test func aFileThatIsNotKrosHasNoLenses() async throws {
        let client = InProcessLSPClient()
        _ = try await client.initialize()
        try await client.open("file:///plain.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        #expect(try await client.result("textDocument/codeLens", ["textDocument": ["uri": "file:///plain.yaml"]]) == [])
    }
}
