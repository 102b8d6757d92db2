/// The text of a ResourceGraphDefinition for tests, with the header every RGD repeats
/// (`apiVersion: kro.run/v1alpha1`, `kind: ResourceGraphDefinition`, `spec.schema`)
/// written once. `spec`, `status` and `resources` are YAML lines written from column 0
/// (MarkedText markers pass through): they go under `spec.schema.spec`,
/// `spec.schema.status` and `spec.resources`. Without `resources` the list is `[]`.
/// The text ends with a newline.
public enum RGDFixture {
    public static func text(name: String, kind: String, apiVersion: String = "v1alpha1", group: String? = nil,
                            spec: String? = nil, status: String? = nil, resources: String? = nil) -> String {
        var lines = [
            "apiVersion: kro.run/v1alpha1",
            "kind: ResourceGraphDefinition",
            "metadata:",
            "  name: \(name)",
            "spec:",
            "  schema:",
            "    apiVersion: \(apiVersion)",
            "    kind: \(kind)",
        ]
        if let group { lines.append("    group: \(group)") }
        if let spec { lines += ["    spec:", indented(spec, by: 6)] }
        if let status { lines += ["    status:", indented(status, by: 6)] }
        if let resources {
            lines += ["  resources:", indented(resources, by: 2)]
        } else {
            lines.append("  resources: []")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with each non-empty line moved right by `columns` (a trailing newline dropped).
    public static func indented(_ text: String, by columns: Int) -> String {
        let pad = String(repeating: " ", count: columns)
        var body = Substring(text)
        if body.hasSuffix("\n") { body = body.dropLast() }
        return body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}
