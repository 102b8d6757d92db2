/// The text of a ResourceGraphDefinition for tests, with the header every RGD repeats
/// (`apiVersion: kro.run/v1alpha1`, `kind: ResourceGraphDefinition`, `spec.schema`)
/// written once. Bodies are YAML lines written from column 0 (MarkedText markers pass
/// through): `spec`, `status` and `resources` go under `spec.schema.spec`,
/// `spec.schema.status` and `spec.resources`. Without `resources` the list is `[]`.
/// The text ends with a newline.
public enum RGDFixture {
    public static func text(name: String, kind: String, apiVersion: String = "v1alpha1", group: String? = nil,
                            spec: String? = nil, status: String? = nil, resources: String? = nil) -> String {
        var schema: [String] = []
        if let spec { schema += ["spec:", indented(spec, by: 2)] }
        if let status { schema += ["status:", indented(status, by: 2)] }
        let head = head(name: name, kind: kind, apiVersion: apiVersion, group: group, schema: schema.joined(separator: "\n"))
        guard let resources else { return head + "  resources: []\n" }
        return head + "  resources:\n" + indented(resources, by: 2) + "\n"
    }

    /// An RGD whose `spec.schema` goes on, after `apiVersion` and `kind`, with the `schema`
    /// lines (`types:`, `spec:`, …) as written.
    public static func text(name: String, kind: String, apiVersion: String = "v1alpha1", group: String? = nil,
                            schema: String, resources: String) -> String {
        head(name: name, kind: kind, apiVersion: apiVersion, group: group, schema: schema)
            + "  resources:\n" + indented(resources, by: 2) + "\n"
    }

    /// The RGD down to the end of `spec.schema` (`schema` lines after `apiVersion` and
    /// `kind`), ending with a newline: a test writes what follows (resources, status) itself.
    public static func head(name: String, kind: String, apiVersion: String = "v1alpha1", group: String? = nil,
                            schema: String) -> String {
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
        if !schema.isEmpty { lines.append(indented(schema, by: 4)) }
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

extension RGDFixture {
    /// A resource `id` that is a v1 ConfigMap named `name` (with `data` lines, from column
    /// 0, when given), written from the resources list's column, without a final newline.
    public static func configMap(_ id: String, name: String = "${schema.spec.name}", data: String? = nil) -> String {
        """
        - id: \(id)
          template:
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: \(name)
        """ + (data.map { "\n    data:\n" + indented($0, by: 6) } ?? "")
    }
}
