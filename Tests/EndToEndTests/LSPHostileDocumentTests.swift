import JSON
import Testing

/// Documents built to exhaust recursion (deep CEL, deep YAML, long operator chains) are
/// analysed on the server's worker threads; each gets diagnostics and the server keeps
/// serving.
@Suite struct LSPHostileDocumentTests {
    /// An RGD with one ConfigMap whose `metadata.name` is `configMapName` (the text ends there).
    static func document(configMapName: String) -> String {
        """
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata:
          name: hostile
        spec:
          schema:
            apiVersion: v1alpha1
            kind: Hostile
            spec:
              name: string
          resources:
          - id: cm
            template:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: \(configMapName)

        """
    }

    static func rgd(expression: String, yamlDepth: Int) -> String {
        var text = document(configMapName: "\"${\(expression)}\"") + "      data:\n"
        for i in 0..<yamlDepth { text += String(repeating: "  ", count: 4 + i) + "k\(i):\n" }
        text += String(repeating: "  ", count: 4 + yamlDepth) + "leaf: x\n"
        return text
    }

    static let expressions: [String: String] = [
        "parens": String(repeating: "(", count: 124) + "schema.spec.name" + String(repeating: ")", count: 124),
        "lists": String(repeating: "[", count: 124) + "1" + String(repeating: "]", count: 124),
        "calls": String(repeating: "size(", count: 120) + "[]" + String(repeating: ")", count: 120),
        "members": "schema" + String(repeating: ".spec", count: 3000),
        "ors": Array(repeating: "true", count: 20_000).joined(separator: " || "),
        "unterminated": String(repeating: "(", count: 5000),
    ]

    @Test func deeplyNestedDocumentsGetDiagnosticsAndTheServerKeepsServing() throws {
        let client = try LSPTestClient()
        try client.initialize()
        for (name, expression) in Self.expressions.sorted(by: { $0.key < $1.key }) {
            for depth in [0, 500] {
                let uri = "file:///\(name)-\(depth).yaml"
                client.open(uri, Self.rgd(expression: expression, yamlDepth: depth))
                let published = try client.diagnostics(for: uri)
                #expect(published["version"] == 1, "\(uri)")
            }
        }
        #expect(try client.shutdownAndExit() == 0)
    }
}
