import Foundation
import JSON
import KroTestSupport
import Testing

/// The server speaks only about kro's files: RGDs, instances of open RGDs, and files with
/// the `# kro-lsp` modeline. Each silent case below would have diagnostics if claimed.
@Suite struct LSPKroFileTests {
    static let rgd = RGDFixture.text(name: "demo", kind: "Demo", spec: "name: string")

    func codes(_ published: JSONValue) -> [String] {
        (published["diagnostics"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    @Test func aPlainManifestGetsNoDiagnostics() throws {
        let client = try LSPTestClient()
        try client.initialize()
        // A duplicate key: KRO019 in a kro file.
        let uri = "file:///deployment.yaml"
        client.open(uri, "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, name: api}\n")
        #expect(codes(try client.diagnostics(for: uri)) == [])
        // The same text with the modeline is kro's.
        client.change(uri, version: 2, [["range": lspRange(0, 0, 0, 0), "text": "# kro-lsp\n"]])
        #expect(codes(try client.diagnostics(for: uri)) == ["KRO019"])
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func aHelmTemplateGetsNoDiagnostics() throws {
        let client = try LSPTestClient()
        try client.initialize()
        let uri = "file:///chart/templates/deployment.yaml"
        client.open(uri, """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "chart.fullname" . }}
            spec:
              {{- if .Values.replicas }}
              replicas: {{ .Values.replicas }}
              {{- end }}

            """)
        #expect(codes(try client.diagnostics(for: uri)) == [])
        #expect(try client.shutdownAndExit() == 0)
    }

    /// An RGD that stops parsing while it is typed keeps its syntax error, found by text.
    @Test func aBrokenRGDKeepsItsDiagnostics() throws {
        let client = try LSPTestClient()
        try client.initialize()
        let uri = "file:///rgd.yaml"
        client.open(uri, Self.rgd + "  extra: [\n")
        #expect(codes(try client.diagnostics(for: uri)) == ["KRO001"])
        #expect(try client.shutdownAndExit() == 0)
    }

    /// An instance is kro's while an RGD defining its kind is open, and silent otherwise.
    @Test func anInstanceOfAnOpenRGDIsKros() throws {
        let client = try LSPTestClient()
        try client.initialize()
        let instance = "file:///demo-instance.yaml"
        client.open(instance, "apiVersion: kro.run/v1alpha1\nkind: Demo\nmetadata: {name: d, name: e}\n")
        #expect(codes(try client.diagnostics(for: instance)) == [])
        let rgd = "file:///demo-rgd.yaml"
        client.open(rgd, Self.rgd)
        #expect(codes(try client.diagnostics(for: rgd)) == [])
        #expect(codes(try client.diagnostics(for: instance)) == ["KRO019"])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(rgd)]])
        #expect(codes(try client.diagnostics(for: instance)) == [])
        #expect(try client.shutdownAndExit() == 0)
    }

    @Test func pullDiagnosticsAreEmptyForAFileThatIsNotKros() throws {
        let client = try LSPTestClient()
        try client.initialize(capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
        let uri = "file:///values.yaml"
        client.open(uri, "a: [\n")
        let report = try client.request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])["result"]
        #expect(report?["kind"] == "full")
        #expect(report?["items"] == [])
        #expect(try client.shutdownAndExit() == 0)
    }
}
