import Foundation
import JSON
import KroTestSupport
import Testing

/// Each authoring feature once over real stdio, against the built binary.
@Suite struct LSPFeatureTests {
    static let uri = "file:///features.yaml"
    static let text = RGDFixture.head(name: "features", kind: "Features", schema: "spec:\n  name: string") + """
      resources:
        - id: deployment
          template:
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ${schema.spec.name}
        - id: service
          template:
            apiVersion: v1
            kind: Service
            metadata:
              name: ${deployment.metadata.name}
    """

    /// Line 22 is `      name: ${deployment.metadata.name}`; `deployment` starts at character 18.
    static func at(_ line: Int, _ character: Int) -> JSONValue {
        ["textDocument": ["uri": .string(uri)], "position": ["line": .int(Int64(line)), "character": .int(Int64(character))]]
    }

    func session(_ body: (LSPTestClient) throws -> Void) throws {
        let client = try LSPTestClient()
        try client.initialize(capabilities: ["textDocument": ["completion": ["completionItem": ["snippetSupport": true]]]])
        client.open(Self.uri, Self.text)
        _ = try client.diagnostics(for: Self.uri)
        try body(client)
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func completionOffersTheKindsFields() throws {
        try session { client in
            let result = try client.request("textDocument/completion", Self.at(22, 38))["result"]
            let labels = result?["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
            #expect(labels.contains("name") && labels.contains("labels"), "\(labels)")
        }
    }

    @Test func hoverDescribesTheResource() throws {
        try session { client in
            let value = try client.request("textDocument/hover", Self.at(22, 20))["result"]?["contents"]?["value"]?.stringValue
            #expect(value?.contains("apps/v1 Deployment") == true)
        }
    }

    @Test func definitionReferencesAndHighlights() throws {
        try session { client in
            let definition = try client.request("textDocument/definition", Self.at(22, 20))["result"]
            #expect(definition?.arrayValue?.first?["range"] == lspRange(11, 10, 11, 20))
            var params = Self.at(22, 20)
            if case .object(var members) = params { members["context"] = ["includeDeclaration": true]; params = .object(members) }
            #expect(try client.request("textDocument/references", params)["result"]?.arrayValue?.count == 2)
            #expect(try client.request("textDocument/documentHighlight", Self.at(22, 20))["result"]?.arrayValue?.count == 2)
        }
    }

    @Test func renameRewritesEveryUse() throws {
        try session { client in
            var params = Self.at(22, 20)
            if case .object(var members) = params { members["newName"] = "web"; params = .object(members) }
            let edits = try client.request("textDocument/rename", params)["result"]?["changes"]?[Self.uri]?.arrayValue ?? []
            #expect(edits.count == 2 && edits.allSatisfy { $0["newText"] == "web" })
        }
    }

    @Test func documentAndWorkspaceSymbols() throws {
        try session { client in
            let symbols = try client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(Self.uri)]])["result"]
            #expect(symbols?.arrayValue?.first?["name"] == "features")
            let found = try client.request("workspace/symbol", ["query": "serv"])["result"]?.arrayValue ?? []
            #expect(found.contains { $0["name"] == "service" })
        }
    }
}
