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
        // The engine keeps no more than it shows (`Configuration.analysisLimits`): its own
        // notice says where the rest are.
        let notice = try #require(diagnostics.last)
        #expect(notice["code"] == "KRO921" && notice["severity"] == 1)
        #expect(notice["message"]?.stringValue == "the RGD has more than 1000 findings, over kro-lsp's limit of 1000 per RGD; "
            + "this one and the rest are not reported (kro-lsp --check reports up to 10000)")
        #expect(try await client.result("shutdown") == .null)
    }

    /// A file's RGD findings and its instances' are shown up to the cap together, and the
    /// engine's notices besides.
    @Test func anRGDAndItsInstanceInOneFileShareTheCap() async throws {
        let fields = (0..<600).map { "      u\($0): 1\n" }.joined()
        let rgd = RGDFixture.head(name: "both", kind: "Both", schema: "spec:\n  name: string")
            + "\n  resources:\n  - id: cm\n    template:\n      apiVersion: v1\n      kind: ConfigMap\n"
            + "      metadata: {name: x}\n" + fields
        let instance = "apiVersion: kro.run/v1alpha1\nkind: Both\nmetadata:\n  name: b\nspec:\n  name: x\n"
            + (0..<600).map { "  v\($0): 1\n" }.joined()
        let client = InProcessLSPClient()
        try await client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///both.yaml", "languageId": "yaml",
                                                                "version": 1, "text": .string(rgd + "---\n" + instance)]])
        let diagnostics = try await client.diagnostics(for: "file:///both.yaml")["diagnostics"]?.arrayValue ?? []
        #expect(diagnostics.count == 1_001)
        #expect(diagnostics.prefix(600).allSatisfy { $0["code"] == "KRO304" })
        #expect(diagnostics.dropFirst(600).prefix(400).allSatisfy { $0["code"] == "KRO601" })
        #expect(diagnostics.last?["message"] == "kro-lsp shows the first 1000 of the 1200 findings of this file; kro-lsp --check lists them all")
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
        #expect(diagnostics.last?["message"]?.stringValue == "the instance has more than 1000 findings, over kro-lsp's limit of 1000; "
            + "this one and the rest are not reported (kro-lsp --check reports up to 10000)")
        #expect(try await client.result("shutdown") == .null)
    }
}
