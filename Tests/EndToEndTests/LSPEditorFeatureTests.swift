import Foundation
import JSON
import KroTestSupport
import Testing

/// Semantic tokens, signature help, folding, selection and inlay hints once over real stdio.
@Suite struct LSPEditorFeatureTests {
    static let uri = "file:///editor.yaml"
    /// Line 16 is `          size: ${size(schema.spec.name)}`: `size(` at 18, `schema` at 23, `}` at 40.
    static let text = RGDFixture.head(name: "editor", kind: "Editor", schema: "spec:\n  name: string") + """
      resources:
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            data:
              size: ${size(schema.spec.name)}
    """

    func session(_ body: (LSPTestClient) throws -> Void) throws {
        try LSPFeatureTests().session { client in
            client.open(Self.uri, Self.text)
            _ = try client.diagnostics(for: Self.uri)
            try body(client)
        }
    }

    static var document: JSONValue { ["uri": .string(uri)] }

    @Test func semanticTokensAndInlayHints() throws {
        try session { client in
            let numbers = try client.request("textDocument/semanticTokens/full", ["textDocument": Self.document])["result"]?["data"]?
                .arrayValue?.compactMap { value -> Int? in if case .int(let i) = value { Int(i) } else { nil } } ?? []
            var (line, column) = (0, 0)
            var absolute: [[Int]] = []
            for i in stride(from: 0, to: numbers.count - 4, by: 5) {
                column = numbers[i] == 0 ? column + numbers[i + 1] : numbers[i + 1]
                line += numbers[i]
                absolute.append([line, column, numbers[i + 2]])
            }
            #expect(absolute == [[9, 12, 6], [16, 18, 4], [16, 23, 6], [16, 30, 4], [16, 35, 4]])
            let hints = try client.request("textDocument/inlayHint", ["textDocument": Self.document, "range": lspRange(0, 0, 20, 0)])["result"]
            #expect(hints == [["position": ["line": 16, "character": 41], "label": ": int", "kind": 1]])
        }
    }

    /// A response larger than a pipe holds (over 64 KB: its header and body are written
    /// separately) arrives whole, and the frames after it still parse.
    @Test func aLargeResponseArrivesWhole() throws {
        let count = 2_000
        let resources = (0..<count).map { i in
            "    - id: c\(i)\n      template:\n        apiVersion: v1\n        kind: ConfigMap\n" +
                "        metadata:\n          name: ${schema.spec.name}-\(i)\n          labels:\n            app: ${schema.spec.name}\n"
        }
        let text = RGDFixture.head(name: "large", kind: "Large", schema: "spec:\n  name: string")
            + "  resources:\n" + resources.joined()
        try LSPFeatureTests().session { client in
            client.open("file:///large.yaml", text)
            _ = try client.diagnostics(for: "file:///large.yaml")
            let data = try client.request("textDocument/semanticTokens/full", ["textDocument": ["uri": "file:///large.yaml"]])["result"]?["data"]?
                .arrayValue ?? []
            #expect(try JSONSerializer().serialize(.array(data)).count > 1 << 16)
            #expect(data.count % 5 == 0)
            // `schema`, `spec` and `name` twice in each resource.
            #expect(data.count / 5 >= 6 * count)
            var line = 0
            for i in stride(from: 0, to: data.count, by: 5) { if case .int(let delta) = data[i] { line += Int(delta) } }
            #expect(line == text.split(separator: "\n", omittingEmptySubsequences: false).count - 2)
            let folds = try client.request("textDocument/foldingRange", ["textDocument": ["uri": "file:///large.yaml"]])["result"]
            #expect((folds?.arrayValue?.count ?? 0) >= count)
        }
    }

    @Test func signatureHelpFoldingAndSelection() throws {
        try session { client in
            let position: JSONValue = ["line": 16, "character": 23]
            let help = try client.request("textDocument/signatureHelp", ["textDocument": Self.document, "position": position])["result"]
            let signatures = help?["signatures"]?.arrayValue ?? []
            guard case .int(let active)? = help?["activeSignature"], signatures.indices.contains(Int(active)) else {
                Issue.record("no active signature in \(String(describing: help))")
                return
            }
            #expect(signatures[Int(active)]["label"] == "size(string) -> int")
            let folds = try client.request("textDocument/foldingRange", ["textDocument": Self.document])["result"]?.arrayValue ?? []
            #expect(folds.contains(["startLine": 4, "endLine": 16, "kind": "region"]))
            let selection = try client.request("textDocument/selectionRange",
                                               ["textDocument": Self.document, "positions": [["line": 16, "character": 25]]])["result"]
            #expect(selection?.arrayValue?.first?["range"] == lspRange(16, 23, 16, 29))
            #expect(selection?.arrayValue?.first?["parent"]?["range"] == lspRange(16, 23, 16, 34))
        }
    }
}
