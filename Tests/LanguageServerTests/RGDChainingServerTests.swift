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
}
