import JSON
import KroTestSupport
import Testing
import YAMLSyntax

/// The feature handlers over the in-process transport: positions converted both ways
/// (UTF-16 after non-ASCII text), answers shaped as LSP says, capabilities advertised.
@Suite struct FeatureRequestTests {
    static let text = MarkedText(RGDFixture.head(name: "démo", kind: "Demo", schema: "spec:\n  «name»: string") + """
      resources:
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: "é-${schema.spec.«na1️⃣me»}"
            data:
              k: ${schema.spec.2️⃣}
    """)

    func client() async throws -> InProcessLSPClient {
        let client = InProcessLSPClient()
        let result = try await client.initialize(capabilities: ["textDocument": ["completion": ["completionItem": ["snippetSupport": true]]]])
        let capabilities = result["capabilities"]
        for name in ["completionProvider", "hoverProvider", "definitionProvider", "referencesProvider",
                     "documentHighlightProvider", "renameProvider", "documentSymbolProvider", "workspaceSymbolProvider"] {
            #expect(capabilities?[name] != nil, "\(name) not advertised")
        }
        try await client.open("file:///d.yaml", Self.text.text)
        return client
    }

    func at(_ marker: Int) -> JSONValue { InProcessLSPClient.positionParams("file:///d.yaml", Self.text.text, Self.text.offsets[marker]!) }

    func at(_ marker: Int, _ key: String, _ value: JSONValue) -> JSONValue {
        ["textDocument": ["uri": "file:///d.yaml"], "position": lspPosition(Self.text.text, Self.text.offsets[marker]!), key: value]
    }

    @Test func completionHoverAndDefinitionConvertPositions() async throws {
        let client = try await client()
        let completion = try await client.result("textDocument/completion", at(2))
        let name = completion["items"]?.arrayValue?.first { $0["label"] == "name" }
        #expect(name?["textEdit"]?["range"] == lspRange(Self.text.text, TextRange(start: Self.text.offsets[2]!, end: Self.text.offsets[2]!)))
        #expect(name?["detail"] == "string")
        let hover = try await client.result("textDocument/hover", at(1))
        #expect(hover["range"] == lspRange(Self.text.text, Self.text.ranges[1]))
        #expect(hover["contents"]?["value"]?.stringValue?.contains("schema.spec.name") == true)
        let definition = try await client.result("textDocument/definition", at(1))
        #expect(definition == [["uri": "file:///d.yaml", "range": lspRange(Self.text.text, Self.text.ranges[0])]])
    }

    @Test func referencesRenameAndSymbols() async throws {
        let client = try await client()
        let references = try await client.result("textDocument/references", at(1, "context", ["includeDeclaration": true]))
        #expect(references.arrayValue?.count == 2)
        let prepare = try await client.result("textDocument/prepareRename", at(1))
        #expect(prepare["placeholder"] == "name")
        let edit = try await client.result("textDocument/rename", at(1, "newName", "title"))
        #expect(edit["changes"]?["file:///d.yaml"]?.arrayValue?.count == 2)
        #expect(try await client.request("textDocument/rename", at(1, "newName", "in"))["error"] != nil)
        let symbols = try await client.result("textDocument/documentSymbol", ["textDocument": ["uri": "file:///d.yaml"]])
        #expect(symbols[0]?["name"] == "démo")
        let workspace = try await client.result("workspace/symbol", ["query": "config"])
        #expect(workspace[0]?["location"]?["uri"] == "file:///d.yaml")
    }
}

extension JSONValue {
    subscript(_ i: Int) -> JSONValue? { arrayValue.flatMap { i < $0.count ? $0[i] : nil } }
}
