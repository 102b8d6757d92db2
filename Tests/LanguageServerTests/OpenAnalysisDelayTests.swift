import JSON
import KroTestSupport
import Testing

/// The analysis delay coalesces bursts of edits; an opened document has had none, so its
/// first diagnostics do not wait for it.
@Suite struct OpenAnalysisDelayTests {
    @Test func anOpenedDocumentIsAnalysedWithoutTheEditDelay() async throws {
        let client = InProcessLSPClient()
        // The longest delay a client may ask for (60 s): waiting half of it must not be needed.
        try await client.initialize(options: ["analysisDelayMs": 60_000])
        let uri = "file:///opened.yaml"
        let text = GeneratedRGD(resources: 3).text
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(text)]])
        let published = try await client.wait(for: "diagnostics of \(uri)", timeout: 30) {
            $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == uri
        }
        #expect(published["params"]?["version"] == .int(1))
        #expect(try await client.result("shutdown") == .null)
    }
}
