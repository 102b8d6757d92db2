import JSON
import KroTestSupport
import Testing
@testable import LanguageServer

/// A settings change analyses every open document again: the runs begin on the reader (a
/// request from then on waits for them) and start off it, the superseded ones skipped.
@Suite struct ReanalysisTests {
    static let rgd = RGDFixture.text(name: "again", kind: "Again", spec: "name: string",
                                     resources: RGDFixture.configMap("cm", data: "k: ${nope.x}"))

    /// The documentation link of the first diagnostic in a pull report.
    static func link(_ report: JSONValue) -> String? {
        report["items"]?.arrayValue?.first?["codeDescription"]?["href"]?.stringValue
    }

    @Test func requestsAfterASettingsStormSeeTheLastSettingsOnEveryDocument() async throws {
        let client = InProcessLSPClient()
        try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]],
                                                   "workspace": ["diagnostics": ["refreshSupport": true]]])
        let uris = (0..<40).map { "file:///again/\($0).yaml" }
        for uri in uris {
            client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "yaml",
                                                                    "version": 1, "text": .string(Self.rgd)]])
        }
        for uri in uris {
            let report = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
            #expect(Self.link(report)?.hasPrefix(Configuration.defaultDiagnosticsDocumentationURL) == true)
        }
        for k in 0..<30 {
            client.notify("workspace/didChangeConfiguration",
                          ["settings": ["kro": ["diagnosticsDocumentationURL": .string("https://docs.example/\(k)")]]])
        }
        for uri in uris {
            let report = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
            #expect(Self.link(report) == "https://docs.example/29#kro311", "\(uri)")
        }
        let refresh = try await client.wait(for: "refresh") { $0["method"] == "workspace/diagnostic/refresh" }
        #expect(refresh["id"] != nil)
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func closingADocumentBeforeItsRunStartsLeavesNothingWaiting() async throws {
        let client = InProcessLSPClient()
        try await client.initialize(options: ["analysisDelayMs": 200])
        let (kept, closed) = ("file:///again/kept.yaml", "file:///again/closed.yaml")
        try await client.open(kept, Self.rgd)
        try await client.open(closed, Self.rgd)
        client.notify("workspace/didChangeConfiguration",
                      ["settings": ["kro": ["diagnosticsDocumentationURL": "https://docs.example/after"]]])
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(closed)]])
        let published = try await client.wait(for: "the kept document's new diagnostics") {
            $0["params"]?["uri"] == .string(kept)
                && $0["params"]?["diagnostics"]?.arrayValue?.first?["codeDescription"]?["href"] == "https://docs.example/after#kro311"
        }
        #expect(published["params"]?["version"] == 1)
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func aRunBegunButNotStartedKeepsTheServerBusy() {
        var tracker = AnalysisTracker()
        #expect(tracker.isIdle)
        let generation = tracker.begin("file:///a.yaml", textChanged: false)
        #expect(!tracker.isIdle)
        tracker.attach(Task {}, to: "file:///a.yaml", generation: generation)
        tracker.forget("file:///a.yaml")
        #expect(tracker.isIdle)
    }
}
