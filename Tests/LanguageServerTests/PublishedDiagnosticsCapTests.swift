import JSON
import KroTestSupport
import Testing

/// A file of thousands of findings publishes the first `maxPublished` and an information
/// at the first one left out; a finding sends at most `maxRelated` related places.
@Suite struct PublishedDiagnosticsCapTests {
    @Test func thousandsOfFindingsArePublishedCappedWithANotice() async throws {
        // A cycle of 1,200 custom types: KRO110 on each, each with related places.
        let count = 1_200
        let types = (0..<count).map { "      T\($0): {next: T\(($0 + 1) % count)}" }.joined(separator: "\n")
        let text = RGDFixture.head(name: "ring", kind: "Ring", schema: "spec:\n  name: string") + "\n    types:\n" + types
            + "\n  resources: []\n"
        let client = InProcessLSPClient()
        try await client.initialize(capabilities: ["textDocument": ["publishDiagnostics": ["relatedInformation": true]]])
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///ring.yaml", "languageId": "yaml",
                                                                "version": 1, "text": .string(text)]])
        let diagnostics = try await client.diagnostics(for: "file:///ring.yaml")["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.count == 1_001)
        #expect(diagnostics.prefix(1_000).allSatisfy { $0["code"] == "KRO110" })
        #expect(diagnostics.prefix(1_000).allSatisfy { ($0["relatedInformation"]?.arrayValue?.count ?? 0) == 32 })
        let notice = try #require(diagnostics.last)
        #expect(notice["code"] == "KRO921" && notice["severity"] == 3)
        #expect(notice["message"] == "kro-lsp shows the first 1000 of the 1200 findings of this file; kro-lsp --check lists them all")
        #expect(try await client.result("shutdown") == .null)
    }

    /// An instance's admission findings count toward the cap too.
    @Test func anInstanceOfThousandsOfFindingsIsCappedToo() async throws {
        let rgd = RGDFixture.head(name: "small", kind: "Small", schema: "spec:\n  name: string") + "\n  resources: []\n"
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Small\nmetadata:\n  name: s\nspec:\n  name: x\n"
            + (0..<1_500).map { "  u\($0): 1\n" }.joined()
        let client = InProcessLSPClient()
        try await client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///small.yaml", "languageId": "yaml",
                                                                "version": 1, "text": .string(rgd)]])
        _ = try await client.diagnostics(for: "file:///small.yaml")
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///s.yaml", "languageId": "yaml",
                                                                "version": 1, "text": .string(instance)]])
        var diagnostics: [JSONValue] = []
        for _ in 0..<5 where diagnostics.count < 1_001 {  // a first publish may come before the RGD is known
            diagnostics = try await client.diagnostics(for: "file:///s.yaml")["diagnostics"]?.arrayValue ?? []
        }
        #expect(diagnostics.count == 1_001)
        #expect(diagnostics.prefix(1_000).allSatisfy { $0["code"] == "KRO601" })
        #expect(diagnostics.last?["message"] == "kro-lsp shows the first 1000 of the 1500 findings of this file; kro-lsp --check lists them all")
        #expect(try await client.result("shutdown") == .null)
    }
}
