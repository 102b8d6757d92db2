import Foundation
import JSON
import KroTestSupport
import Testing

/// The server types a resource from the CRD another open RGD generates, and follows
/// that RGD as it is edited and closed.
@Suite struct RGDChainingServerTests {
    static let database = ChainingFixtures.database()
    static let app = ChainingFixtures.misspelledApp()

    func codes(_ published: JSONValue) -> [String] {
        (published["diagnostics"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }

    @Test func anOpenRGDsKindTypesTheResourcesOfAnother() async throws {
        let client = InProcessLSPClient()
        try await client.initialize()
        let app = "file:///ws/app.yaml", db = "file:///ws/database.yaml"
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(app), "languageId": "yaml",
                                                                "version": 1, "text": .string(Self.app.text)]])
        let alone = try await client.diagnostics(for: app)
        #expect(codes(alone) == ["KRO905"])
        #expect(alone["diagnostics"]?[0]?["range"] == lspRange(Self.app.text, Self.app.ranges[0]))

        try await client.open(db, Self.database)
        let typed = try await client.diagnostics(for: app)
        #expect(codes(typed) == ["KRO304"])
        #expect(typed["diagnostics"]?[0]?["range"] == lspRange(Self.app.text, Self.app.ranges[1]))

        // The database RGD renames its field: the app file is checked again.
        let renamed = Self.database.replacingOccurrences(of: "size: integer", with: "sise: integer")
        client.change(db, version: 2, [["text": .string(renamed)]])
        _ = try await client.diagnostics(for: db)
        #expect(codes(try await client.diagnostics(for: app)) == [])

        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(db)]])
        #expect(codes(try await client.diagnostics(for: app)) == ["KRO905"])
        #expect(try await client.result("shutdown") == .null)
    }

    /// Analyses started, per document.
    final class AnalysisCount: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func started(_ uri: String) { lock.withLock { counts[uri, default: 0] += 1 } }
        subscript(uri: String) -> Int { lock.withLock { counts[uri] ?? 0 } }
    }

    /// When an RGD's CRD changes, the documents that name its kind (and those holding other
    /// YAML, such as instances) are analysed again; an RGD that names none of its kinds is not.
    @Test func onlyTheDocumentsThatMayReadAChangedKindAreAnalysedAgain() async throws {
        let count = AnalysisCount()
        let client = InProcessLSPClient(analysisWillStart: count.started)
        try await client.initialize()
        let app = "file:///ws/app.yaml", db = "file:///ws/database.yaml"
        let other = "file:///ws/other.yaml", instance = "file:///ws/instance.yaml"
        try await client.open(db, Self.database)
        try await client.open(app, Self.app.text)
        try await client.open(other, ChainingFixtures.reader("other", kind: "Other", id: "w", reads: "Widget"))
        try await client.open(instance, "apiVersion: kro.run/v1alpha1\nkind: Database\nmetadata: {name: d}\nspec: {sise: 1}\n")
        // Settled: each document's latest analysis is done (a request waits for it).
        func settled(_ uri: String) async throws -> Int {
            _ = try await client.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])
            return count[uri]
        }
        let before = (app: try await settled(app), other: try await settled(other), instance: try await settled(instance))

        let renamed = Self.database.replacingOccurrences(of: "size: integer", with: "sise: integer")
        client.change(db, version: 2, [["text": .string(renamed)]])
        _ = try await client.diagnostics(for: db)
        #expect(codes(try await client.diagnostics(for: app)) == [])
        _ = try await client.diagnostics(for: instance)
        #expect(try await settled(app) > before.app)
        #expect(try await settled(instance) > before.instance)
        #expect(try await settled(other) == before.other)

        // Closing the RGD that defines the kind: the same documents again, and only them.
        let beforeClose = (app: try await settled(app), other: try await settled(other), instance: try await settled(instance))
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(db)]])
        #expect(codes(try await client.diagnostics(for: app)) == ["KRO905"])
        _ = try await client.diagnostics(for: instance)
        #expect(try await settled(app) > beforeClose.app)
        #expect(try await settled(instance) > beforeClose.instance)
        #expect(try await settled(other) == beforeClose.other)
        #expect(try await client.result("shutdown") == .null)
    }
}
