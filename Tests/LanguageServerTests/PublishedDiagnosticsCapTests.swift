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
}
