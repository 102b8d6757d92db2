import JSON
import KroEngine
import YAMLSyntax

/// SimpleSchema field strings: the input becomes the type string of one `spec` field (and,
/// after a first newline, of one custom type), so markers, types and defaults are all reached.
enum SimpleSchemaFuzz {
    static func run(_ input: [UInt8]) -> [String] {
        var v = Violations()
        let text = String(decoding: input, as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let field = YAMLWriter.doubleQuoted(String(parts[0]))
        let custom = parts.count > 1 ? YAMLWriter.doubleQuoted(String(parts[1])) : "string"
        let yaml = "spec:\n  field: \(field)\n  other: Custom\ntypes:\n  Custom: \(custom)\n"
        let source = SourceText(yaml)
        guard let root = YAMLParser.parse(source).documents.first?.root else { return [] }
        let result = SimpleSchemaBuilder.build(spec: root.mapping?.value(forKey: "spec"), types: root.mapping?.value(forKey: "types"))
        let count = source.bytes.count
        for d in result.diagnostics { v.expectInside(d.range, count, "\(d.code) '\(d.message)'") }
        for f in result.fields {
            v.expectInside(f.valueRange, count, "field \(f.path) value")
            for m in f.markers { v.expectInside(m.valueRange, count, "marker \(m.key)") }
        }
        let again = SimpleSchemaBuilder.build(spec: root.mapping?.value(forKey: "spec"), types: root.mapping?.value(forKey: "types"))
        v.expect(again.diagnostics == result.diagnostics && again.schema == result.schema, "a second build differs")
        return v.list
    }
}
