import JSON
import KroTestSupport
import Testing

/// Hover and completion read a kind typed by the embedded CRD catalog like any other,
/// with the operator's own descriptions; `kro.catalog: false` takes them away.
@Suite struct CatalogFeatureTests {
    static let text = MarkedText(CatalogFixtures.certs(certificateSpec: """
        «secret1️⃣Name»: ${schema.spec.name}
        issuerRef: {name: ca}
        """, more: RGDFixture.configMap("expiry", data: "notAfter: ${certificate.status.2️⃣}")))

    func client(catalog: Bool) async throws -> InProcessLSPClient {
        let client = InProcessLSPClient()
        try await client.initialize(options: ["kro": ["catalog": .bool(catalog)]])
        try await client.open("file:///certs.yaml", Self.text.text)
        return client
    }

    func at(_ marker: Int) -> JSONValue {
        InProcessLSPClient.positionParams("file:///certs.yaml", Self.text.text, Self.text.offsets[marker]!)
    }

    @Test func hoverAndCompletionUseTheCatalogSchema() async throws {
        let client = try await client(catalog: true)
        let hover = try await client.result("textDocument/hover", at(1))
        #expect(hover["range"] == lspRange(Self.text.text, Self.text.ranges[0]))
        let markdown = hover["contents"]?["value"]?.stringValue ?? ""
        #expect(markdown.contains("Name of the Secret resource that will be automatically created"), "\(markdown)")

        let completion = try await client.result("textDocument/completion", at(2))
        let labels = Set(completion["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? [])
        #expect(labels.isSuperset(of: ["notAfter", "renewalTime", "conditions", "revision"]), "\(labels.sorted())")
        #expect(try await client.result("shutdown") == .null)
    }

    @Test func withoutTheCatalogTheKindHasNoFields() async throws {
        let client = try await client(catalog: false)
        let hover = try await client.result("textDocument/hover", at(1))
        #expect(hover == .null, "an untyped kind has no field docs: \(hover)")
        let completion = try await client.result("textDocument/completion", at(2))
        let labels = completion["items"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
        #expect(!labels.contains("notAfter"), "\(labels)")
        #expect(try await client.result("shutdown") == .null)
    }
}
