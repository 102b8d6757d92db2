import JSON
import KroTestSupport
import Testing
import YAMLSyntax
@testable import LanguageServer

/// The editor feature handlers (semantic tokens, …) over the in-process transport: what is
/// advertised, and positions in the negotiated encoding.
@Suite struct EditorFeatureRequestTests {
    static let text = MarkedText(RGDFixture.head(name: "démo", kind: "Demo", schema: "spec:\n  name: string") + """
      resources:
        - id: config
          template:
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: "é☕-${schema.spec.name}"
            data:
              1️⃣k: ${size(3️⃣schema.spec.name)}2️⃣
    """)
    static let uri = "file:///d.yaml"

    func client(encodings: [String] = [], options: JSONValue = .null, text: String = Self.text.text) async throws -> (InProcessLSPClient, JSONValue) {
        let client = InProcessLSPClient()
        let result = try await client.initialize(capabilities: ["general": ["positionEncodings": .array(encodings.map { .string($0) })]],
                                                 options: options)
        try await client.open(Self.uri, text)
        return (client, result["capabilities"] ?? .null)
    }

    /// The `data` of a semantic tokens answer, five numbers per token.
    func tokens(_ answer: JSONValue) -> [[Int]] {
        let numbers = answer["data"]?.arrayValue?.compactMap { value -> Int? in
            if case .int(let i) = value { return Int(i) }
            return nil
        } ?? []
        return stride(from: 0, to: numbers.count, by: 5).map { Array(numbers[$0..<min($0 + 5, numbers.count)]) }
    }

    @Test func semanticTokensUseTheLegendAndUTF16Columns() async throws {
        let (client, capabilities) = try await client()
        let provider = try #require(capabilities["semanticTokensProvider"])
        #expect(provider["full"] == true && provider["range"] == true)
        let types = provider["legend"]?["tokenTypes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let full = tokens(try await client.result("textDocument/semanticTokens/full", ["textDocument": ["uri": .string(Self.uri)]]))
        // The type string `string` (line 9), then `schema` `spec` `name` after `"é☕-${` on line 16:
        // 17 + `é☕-${` = 22 UTF-16 units (é and ☕ count one each).
        #expect(full.count == 8)
        #expect(full[0] == [9, 12, 6, types.firstIndex(of: "type")!, 0])
        #expect(full[1] == [7, 22, 6, types.firstIndex(of: "variable")!, 2])
        #expect(full[2] == [0, 7, 4, types.firstIndex(of: "property")!, 0])
        #expect(full[3] == [0, 5, 4, types.firstIndex(of: "property")!, 0])
        #expect(full[4] == [2, 15, 4, types.firstIndex(of: "function")!, 0])
        let range: JSONValue = ["start": lspPosition(Self.text.text, Self.text.offsets[1]!), "end": lspPosition(Self.text.text, Self.text.offsets[2]!)]
        let part = tokens(try await client.result("textDocument/semanticTokens/range",
                                                  ["textDocument": ["uri": .string(Self.uri)], "range": range]))
        #expect(part.map { $0[3] } == ["function", "variable", "property", "property"].map { types.firstIndex(of: $0)! })
        #expect(part.first == [18, 15, 4, types.firstIndex(of: "function")!, 0])
    }

    @Test func semanticTokensCountUTF8BytesWhenNegotiated() async throws {
        let (client, capabilities) = try await client(encodings: ["utf-8", "utf-16"])
        #expect(capabilities["positionEncoding"] == "utf-8")
        let full = tokens(try await client.result("textDocument/semanticTokens/full", ["textDocument": ["uri": .string(Self.uri)]]))
        // `é` is 2 bytes and `☕` 3: `schema` starts at byte column 25.
        #expect(full[1].prefix(3) == [7, 25, 6])
    }

    @Test func signatureHelpOffsetsParametersInTheLabel() async throws {
        let (client, capabilities) = try await client()
        #expect(capabilities["signatureHelpProvider"]?["triggerCharacters"] == ["(", ","])
        let help = try await client.result("textDocument/signatureHelp",
                                           InProcessLSPClient.positionParams(Self.uri, Self.text.text, Self.text.offsets[3]!))
        let active = try #require(help["signatures"]?[Int(help["activeSignature"]?.int ?? -1)])
        #expect(active["label"] == "size(string) -> int")
        #expect(active["parameters"]?[0]?["label"] == [5, 11])
        #expect(help["activeParameter"] == 0)
        #expect(active["documentation"]?["kind"] == "markdown")
        let outside = try await client.result("textDocument/signatureHelp",
                                              InProcessLSPClient.positionParams(Self.uri, Self.text.text, Self.text.offsets[1]!))
        #expect(outside == .null)
    }
}

extension EditorFeatureRequestTests {
    @Test func foldingAndSelectionRanges() async throws {
        let (client, capabilities) = try await client()
        #expect(capabilities["foldingRangeProvider"] == true && capabilities["selectionRangeProvider"] == true)
        let folds = try await client.result("textDocument/foldingRange", ["textDocument": ["uri": .string(Self.uri)]])
        // spec (line 4) to the end, the config item (line 11) to its last line.
        #expect(folds.arrayValue?.contains(["startLine": 4, "endLine": 18, "kind": "region"]) == true)
        #expect(folds.arrayValue?.contains(["startLine": 11, "endLine": 18, "kind": "region"]) == true)
        let position = lspPosition(Self.text.text, Self.text.offsets[3]! + 1)
        let selection = try await client.result("textDocument/selectionRange",
                                                ["textDocument": ["uri": .string(Self.uri)], "positions": [position]])
        // `schema` (UTF-16 columns on line 18), then `schema.spec`, …, each the parent of the one before.
        let first = try #require(selection[0])
        #expect(first["range"] == ["start": ["line": 18, "character": 20], "end": ["line": 18, "character": 26]])
        var depth = 0
        var step: JSONValue? = first
        while let s = step, s != .null { depth += 1; step = s["parent"] }
        #expect(depth > 8)

        // Up to the limit, one answer per position; past it, an error naming the limit.
        let limit = Server.maxSelectionPositions
        let many = try await client.result("textDocument/selectionRange", ["textDocument": ["uri": .string(Self.uri)],
                                                                          "positions": .array(Array(repeating: position, count: limit))])
        #expect(many.arrayValue?.count == limit && many[limit - 1] == first)
        let refused = try await client.request("textDocument/selectionRange", ["textDocument": ["uri": .string(Self.uri)],
                                                                              "positions": .array(Array(repeating: position, count: limit + 1))])
        #expect(refused["error"]?["code"] == -32602)
        #expect(refused["error"]?["message"]?.stringValue == "selectionRange: \(limit + 1) positions, over kro-lsp's limit of \(limit) per request")
    }
}

extension EditorFeatureRequestTests {
    @Test func inlayHintsShowTypesUnlessTurnedOff() async throws {
        let whole: JSONValue = ["textDocument": ["uri": .string(Self.uri)],
                                "range": ["start": ["line": 0, "character": 0], "end": ["line": 99, "character": 0]]]
        let (client, capabilities) = try await client()
        #expect(capabilities["inlayHintProvider"] != nil)
        let hints = try await client.result("textDocument/inlayHint", whole)
        #expect(hints == [["position": lspPosition(Self.text.text, Self.text.offsets[2]!), "label": ": int", "kind": 1]])
        let (quiet, _) = try await self.client(options: ["kro": ["inlayHints": false]])
        #expect(try await quiet.result("textDocument/inlayHint", whole) == [])
    }

    @Test func inlayHintsShowDefaultsOmittedInAnInstanceOfAnOpenRGD() async throws {
        let instance = MarkedText("apiVersion: kro.run/v1alpha1\r\nkind: Demo\r\nmetadata:\r\n  name: é☕\r\nspec:1️⃣\r\n  name: é☕\r\n")
        let rgd = Self.text.text.replacingOccurrences(of: "name: string", with: "name: string\n      size: integer | default=2")
        let (client, _) = try await client(text: rgd)
        try await client.open("file:///i.yaml", instance.text)
        let range: JSONValue = ["start": ["line": 0, "character": 0], "end": ["line": 9, "character": 0]]
        let hints = try await client.result("textDocument/inlayHint", ["textDocument": ["uri": "file:///i.yaml"], "range": range])
        #expect(hints == [["position": lspPosition(instance.text, instance.offsets[1]!), "label": "size: 2", "kind": 2,
                           "tooltip": "default from the RGD's schema", "paddingLeft": true]])
        let (quiet, _) = try await self.client(options: ["kro": ["inlayHints": false]], text: rgd)
        try await quiet.open("file:///i.yaml", instance.text)
        #expect(try await quiet.result("textDocument/inlayHint", ["textDocument": ["uri": "file:///i.yaml"], "range": range]) == [])
    }
}

private extension JSONValue {
    var int: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }
}
