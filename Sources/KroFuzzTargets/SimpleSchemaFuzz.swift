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
        let field = quoted(String(parts[0]))
        let custom = parts.count > 1 ? quoted(String(parts[1])) : "string"
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

    /// A YAML double-quoted scalar holding `s` exactly.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\U" + String(scalar.value, radix: 16).leftPadded(to: 8)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
