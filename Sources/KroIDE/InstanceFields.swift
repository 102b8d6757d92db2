import JSON
import KroEngine
import YAMLSyntax

/// Completion and hover in an instance file (issue 12): a document whose `apiVersion` and
/// `kind` are those an RGD generates (an RGD of the same file or one open beside it) gets
/// the keys of that CRD's `spec` at the cursor's path (required first) and their docs —
/// the SimpleSchema's types, defaults, markers and descriptions as the generated CRD says.
public enum InstanceFields {
    /// nil when the document at `offset` is no instance of `rgds`.
    public static func completion(_ snapshot: DocumentSnapshot, at offset: Int, rgds: [RGDAnalysis]) -> [CompletionItem]? {
        guard let kind = instanceKind(snapshot, at: offset, rgds: rgds) else { return nil }
        guard let line = LineContext(source: snapshot.source, offset: offset), line.key == nil,
              line.parents.first == "spec",
              var schema = OpenAPISchema(json: kind.schema)?.property("spec") else { return [] }
        for step in line.parents.dropFirst() {
            guard let next = child(of: schema, step == "-" ? nil : step) else { return [] }
            schema = next
        }
        let required = Set(schema.required)
        return schema.properties.compactMap { name, field in
            guard line.siblings[name] == nil else { return nil }
            return CompletionItem(
                label: name, kind: .property,
                detail: SchemaDocs.typeText(field) + (required.contains(name) ? " (required)" : ""),
                documentation: SchemaDocs.markdown(field, required: required.contains(name)),
                range: line.replace, newText: "\(name): ", priority: required.contains(name) ? 0 : 1)
        }
    }

    /// On a key under `spec`: the field's type, default, limits and description.
    public static func hover(_ snapshot: DocumentSnapshot, at offset: Int, rgds: [RGDAnalysis]) -> HoverInfo? {
        let at = snapshot.lookup(at: offset)
        guard let last = at.yamlPath.last, last.isOnKey, let keyNode = last.keyNode,
              case .key("spec")? = at.yamlPath.dropFirst().first?.key,
              let kind = instanceKind(snapshot, at: offset, rgds: rgds),
              var schema = OpenAPISchema(json: kind.schema) else { return nil }
        var names: [String] = []
        var required = false
        for step in at.yamlPath.dropFirst() {
            switch step.key {
            case .key(let name)?:
                required = schema.required.contains(name)
                guard let next = child(of: schema, name) else { return nil }
                schema = next
                names.append(names.isEmpty ? name : "." + name)
            case .index(let i)?:
                guard let next = child(of: schema, nil) else { return nil }
                schema = next
                names.append("[\(i)]")
            case nil:
                continue
            }
        }
        let title = names.joined() + ": `\(SchemaDocs.typeText(schema))`"
        return HoverInfo(markdown: SchemaDocs.markdown(schema, required: required, title: title), range: keyNode.range)
    }

    /// A property (`name`), a list's items or a map's values (`nil`, or a key of a map).
    static func child(of schema: OpenAPISchema, _ name: String?) -> OpenAPISchema? {
        if let name, let p = schema.property(name) { return p }
        if name == nil, let items = schema.items { return items }
        if case .schema(let values) = schema.additionalProperties { return values }
        return nil
    }

    /// The generated kind of the document at `offset`, when it is an instance of one of `rgds`.
    static func instanceKind(_ snapshot: DocumentSnapshot, at offset: Int, rgds: [RGDAnalysis]) -> InstanceKind? {
        guard snapshot.rgd(at: offset) == nil, let root = snapshot.document(at: offset)?.root?.mapping,
              let apiVersion = root.value(forKey: "apiVersion")?.scalar?.value,
              let kindName = root.value(forKey: "kind")?.scalar?.value else { return nil }
        for rgd in rgds where rgd.rgd.schema?.kind?.value == kindName {
            guard let crd = rgd.generatedCRD?.result.crd, let kind = InstanceKind(crd: crd) else { continue }
            if kind.apiVersion == apiVersion && kind.kind == kindName { return kind }
        }
        return nil
    }
}
