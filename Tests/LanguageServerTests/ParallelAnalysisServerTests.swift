import JSON
import KroEngine
import KroTestSupport
import Testing
import YAMLSyntax

/// The server analyses a large RGD's resources on every core (and stops a superseded run
/// on all of them): what it publishes is what one thread finds.
@Suite struct ParallelAnalysisServerTests {
    static let uri = "file:///generated.yaml"

    /// Code and LSP range of each diagnostic, as published and as one thread finds them.
    static func published(_ params: JSONValue) -> [String] {
        (params["diagnostics"]?.arrayValue ?? []).map { "\($0["code"]?.stringValue ?? "") \($0["range"]?.jsonText ?? "")" }.sorted()
    }

    static func sequential(_ text: String) -> [String] {
        DocumentSnapshot.analyze(SourceText(text), options: .bundled).diagnostics.map {
            "\($0.code) \(lspRange(text, $0.range).jsonText)"
        }.sorted()
    }

    @Test func versionsPublishedAfterParallelRunsAreWhatOneThreadFinds() async throws {
        let client = InProcessLSPClient()
        try await client.initialize(options: ["analysisDelayMs": 0])
        let first = GeneratedRGD(resources: 48).text
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(Self.uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(first)]])
        let opened = try await client.diagnostics(for: Self.uri)
        let expected = Self.sequential(first)
        #expect(expected.count > 20)
        #expect(Self.published(opened) == expected)

        // Each version changes the schema, so every resource is analysed again; sent without
        // waiting, each cancels the run before it (stopped between resources on every thread).
        var last = first
        for version in 2...6 {
            last = GeneratedRGD(resources: 48, defaultName: "app\(version)").text
            client.change(Self.uri, version: Int64(version), [["text": .string(last)]])
        }
        let final = try await client.wait(for: "diagnostics of version 6") {
            $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["version"] == .int(6)
        }
        #expect(Self.published(final["params"] ?? .null) == Self.sequential(last))
        #expect(try await client.result("shutdown") == .null)
    }
}
