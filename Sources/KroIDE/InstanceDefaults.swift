import JSON
import KroEngine
import YAMLSyntax

/// Inlay hints in an instance file (issue 11): each `spec` mapping that is written (the
/// top-level `spec`, nested objects, list items of an object type) gets one hint per omitted
/// field whose schema has a default, `replicas: 3`, at the end of the line that opens the
/// mapping (its key's line, or a list item's first line). Written fields get nothing.
enum InstanceDefaults {
    static func hints(_ snapshot: DocumentSnapshot, in range: TextRange, rgds: [RGDAnalysis]) -> [InlayHint] {
        var out: [InlayHint] = []
        for document in snapshot.yaml.documents {
            guard let root = document.root?.mapping, let spec = root.entry(forKey: "spec"),
                  let kind = InstanceFields.instanceKind(snapshot, at: root.range.start, rgds: rgds),
                  let schema = OpenAPISchema(json: kind.schema)?.property("spec") else { continue }
            walk(spec.value, schema: schema, anchor: spec.key.range.start, source: snapshot.source, range: range, into: &out)
        }
        return out
    }

    /// The value the API server stores: an object default (kro's `{}` for an object whose
    /// fields have defaults) gets its omitted fields' defaults too.
    private static func applied(_ schema: OpenAPISchema) -> JSONValue? {
        guard case .object(var members)? = schema.defaultValue else { return schema.defaultValue }
        for (name, field) in schema.properties where members[name] == nil {
            if let value = applied(field) { members[name] = value }
        }
        return .object(members)
    }

    /// `anchor`: an offset on the line after which the mapping's hints go.
    private static func walk(_ node: YAMLNode, schema: OpenAPISchema, anchor: Int, source: SourceText,
                             range: TextRange, into out: inout [InlayHint]) {
        if let sequence = node.sequence, let items = schema.items {
            for item in sequence.items {
                let first = item.mapping?.entries.first?.key.range.start ?? item.range.start
                walk(item, schema: items, anchor: first, source: source, range: range, into: &out)
            }
            return
        }
        guard let mapping = node.mapping else { return }
        let written = Set(mapping.entries.compactMap { $0.key.keyString })
        let offset = FoldingRanges.trimmedEnd(source.lineRange(source.line(containing: anchor)), in: source)
        if range.touches(offset) {
            for (name, field) in schema.properties where !written.contains(name) {
                guard let value = applied(field) else { continue }
                out.append(InlayHint(offset: offset, label: "\(name): \(value.jsonText)", kind: .parameter,
                                     tooltip: "default from the RGD's schema"))
            }
        }
        for entry in mapping.entries {
            guard let name = entry.key.keyString, let field = InstanceFields.child(of: schema, name) else { continue }
            walk(entry.value, schema: field, anchor: entry.key.range.start, source: source, range: range, into: &out)
        }
    }
}
