import JSON
import KroEngine
import KroTestSupport
import Synchronization
import Testing
import YAMLSyntax
@testable import LanguageServer

/// `textDocument/diagnostic` and `workspace/diagnostic` answer with the list that was
/// published, and "unchanged" to a client that has the current result id.
@Suite struct PullDiagnosticsTests {
    static let uri = "file:///pull.yaml"
    static let rgd = RGDFixture.text(name: "pull", kind: "Pull", spec: "name: string",
                                     resources: RGDFixture.configMap("cm", data: "k: ${nope.x}"))

    @Test func aDocumentReportIsThePublishedListThenUnchanged() async throws {
        let client = InProcessLSPClient()
        try await client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(Self.uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(Self.rgd)]])
        let published = try await client.diagnostics(for: Self.uri)["diagnostics"]
        #expect(published?.arrayValue?.map { $0["code"] } == ["KRO311"])

        let full = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(Self.uri)]])
        #expect(full["kind"] == "full")
        #expect(full["items"] == published)
        let id = try #require(full["resultId"]?.stringValue)

        let again = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(Self.uri)],
                                                                        "previousResultId": .string(id)])
        #expect(again == ["kind": "unchanged", "resultId": .string(id)])
        #expect(try await client.result("shutdown") == .null)
    }

    /// A list too large to keep is converted again at each pull, to the same report.
    @Test func aLargeListIsConvertedAgainForEachPull() async throws {
        let fields = (0..<400).map { "bad\($0): 1" }.joined(separator: "\n")
        let text = RGDFixture.text(name: "large", kind: "Large", spec: "name: string",
                                   resources: RGDFixture.configMap("cm", data: "k: v") + "\n" + fields.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
        let client = InProcessLSPClient()
        try await client.initialize(capabilities: ["textDocument": ["diagnostic": [:]]])
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(Self.uri), "languageId": "yaml",
                                                                "version": 1, "text": .string(text)]])
        let first = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(Self.uri)]])
        let items = try #require(first["items"]?.arrayValue)
        #expect(items.count == 400 && items.allSatisfy { $0["code"] == "KRO304" })
        #expect(JSONFragment(.array(items)).count > 64 << 10, "over what is kept")
        let again = try await client.result("textDocument/diagnostic", ["textDocument": ["uri": .string(Self.uri)]])
        #expect(again == first)
        let workspace = try await client.result("workspace/diagnostic", ["previousResultIds": []])
        #expect(workspace["items"]?.arrayValue?.first?["items"] == first["items"])
        #expect(try await client.result("shutdown") == .null)
    }

    /// A kept result without its text converts again when asked, to the same text.
    @Test func aResultWithoutItsTextConvertsAgain() {
        let conversions = Atomic(0)
        let completed = AnalysisTracker.Completed(generation: 1, snapshot: DocumentSnapshot.analyze(SourceText(Self.rgd), options: .bundled)) {
            conversions.add(1, ordering: .relaxed)
            return JSONFragment(["converted"])
        }
        #expect(conversions.load(ordering: .relaxed) == 1)
        #expect(completed.diagnostics == JSONFragment(["converted"]) && completed.diagnosticsBytes == 13)
        #expect(conversions.load(ordering: .relaxed) == 1, "kept")
        let light = completed.withoutText
        #expect(light.diagnostics == completed.diagnostics)
        #expect(conversions.load(ordering: .relaxed) == 2, "converted again")
    }

    @Test func aWorkspaceReportNamesEachDocumentAndItsVersion() async throws {
        let client = InProcessLSPClient()
        try await client.initialize()
        try await client.open(Self.uri, Self.rgd, version: 7)
        let full = try await client.result("workspace/diagnostic", ["previousResultIds": []])
        let item = try #require(full["items"]?.arrayValue?.first)
        #expect(full["items"]?.arrayValue?.count == 1)
        #expect(item["uri"] == .string(Self.uri) && item["version"] == 7 && item["kind"] == "full")
        #expect(item["items"]?.arrayValue?.map { $0["code"] } == ["KRO311"])
        let id = try #require(item["resultId"])

        let again = try await client.result("workspace/diagnostic",
                                            ["previousResultIds": [["uri": .string(Self.uri), "value": id]]])
        #expect(again["items"] == [["kind": "unchanged", "resultId": id, "uri": .string(Self.uri), "version": 7]])
        #expect(try await client.result("shutdown") == .null)
    }
}
