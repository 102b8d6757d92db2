import JSON
import YAMLSyntax
import KroTestSupport
import Testing

/// The in-process transport carries the whole protocol: lifecycle, document sync and
/// diagnostics arrive as over stdio.
@Suite struct InProcessClientTests {
    @Test func diagnosticsArriveAtTheMarkedRangeAfterNonASCIITextAndCRLF() async throws {
        let marked = MarkedText("""
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: démo # é
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Demo
            spec:
              name: string
          resources:
            - id: config
              template:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: ${schema.spec.«nmae»}
        """).crlf
        let client = InProcessLSPClient()
        try await client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///d.yaml", "languageId": "yaml",
                                                                "version": 1, "text": .string(marked.text)]])
        let diagnostics = try await client.diagnostics(for: "file:///d.yaml")["diagnostics"]?.arrayValue ?? []
        let ranges = diagnostics.compactMap { $0["range"] }
        #expect(ranges.contains(lspRange(marked.text, marked.ranges[0])), "\(diagnostics)")
        #expect(marked.text.contains("\r\n") && !marked.text.contains("«"))
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func markersGiveByteOffsets() {
        let m = MarkedText("é1️⃣x$0«yz»")
        #expect(m.text == "éxyz")
        #expect(m.offsets[1] == 2 && m.cursor == 3 && m.ranges == [TextRange(start: 3, end: 5)])
        #expect(m.crlf.text == "éxyz" && m.crlf.cursor == 3)
    }
}
