import JSON
@testable import KroEngine
import YAMLSyntax

/// Builds a SimpleSchema from a YAML snippet holding `spec:` and/or `types:` at the top.
struct SchemaFixture {
    let text: String
    let result: SimpleSchemaResult

    init(_ yaml: String) {
        text = yaml
        let file = YAMLParser.parse(SourceText(yaml))
        let root = file.documents.first?.root?.mapping
        result = SimpleSchemaBuilder.build(spec: root?.value(forKey: "spec"), types: root?.value(forKey: "types"))
    }

    var schema: JSONValue { result.schema }
    var diagnostics: [Diagnostic] { result.diagnostics }
    var codes: [String] { result.diagnostics.map(\.code) }
    var errors: [Diagnostic] { result.diagnostics.filter { $0.severity == .error } }

    /// The source text a diagnostic points at.
    func text(of d: Diagnostic) -> String { text(of: d.range) }

    func text(of r: TextRange) -> String {
        let bytes = Array(text.utf8)
        guard r.start >= 0, r.end <= bytes.count, r.start <= r.end else { return "<bad range \(r)>" }
        return String(decoding: bytes[r.start..<r.end], as: UTF8.self)
    }

    /// The property schema at a dotted path under the spec root.
    func property(_ path: String) -> JSONValue? {
        var node: JSONValue? = schema
        for name in path.split(separator: ".") { node = node?["properties"]?[String(name)] }
        return node
    }

    /// The one diagnostic with `code` (nil if there is not exactly one).
    func only(_ code: String) -> Diagnostic? {
        let matching = diagnostics.filter { $0.code == code }
        return matching.count == 1 ? matching[0] : nil
    }
}

/// A spec with one field whose value is `fieldString` written as a single-quoted scalar.
func field(_ fieldString: String, types: String = "") -> SchemaFixture {
    let quoted = "'" + fieldString.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    return SchemaFixture("spec:\n  f: \(quoted)\n" + (types.isEmpty ? "" : "types:\n" + types))
}
