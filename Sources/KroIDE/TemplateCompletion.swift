import KroEngine
import YAMLSyntax

/// Completion in resources: the resource-level keys of a `spec.resources` item, the keys of
/// the kind's schema at the cursor's path in a template (required first), and `apiVersion`
/// / `kind` values from the schema store.
enum TemplateCompletion {
    static let resourceKeys: [(String, String)] = [
        ("id", "The resource's name in expressions (lowerCamelCase)."),
        ("template", "The Kubernetes object kro creates."),
        ("externalRef", "An existing object kro reads instead of creating one."),
        ("includeWhen", "Conditions (`${…}` booleans) that must all hold for kro to create the resource."),
        ("readyWhen", "Conditions on the resource's own fields that make it ready."),
        ("forEach", "Iterators (`- name: ${list}`) that make this resource a collection."),
    ]

    static func items(_ line: LineContext, rgd: RGDSnapshot?, offset: Int, store: SchemaStore?) -> [CompletionItem] {
        let p = line.parents
        guard p.count >= 3, p[0] == "spec", p[1] == "resources", p[2] == "-" else { return [] }
        if p.count == 3, line.key == nil {
            return resourceKeys.filter { line.siblings[$0.0] == nil }.map {
                CompletionItem(label: $0.0, kind: .property, documentation: $0.1, range: line.replace, newText: "\($0.0): ")
            }
        }
        guard p.count >= 4, p[3] == "template" || p[3] == "externalRef" else { return [] }
        if let key = line.key {
            guard p.count == 4, key == "apiVersion" || key == "kind", let store else { return [] }
            return kindValues(key, line: line, store: store)
        }
        guard let rgd, let resource = rgd.rgd.resources.last(where: { $0.node.range.start <= offset }),
              let id = resource.id?.value,
              var schema = rgd.typeContext.types.roots[SchemaTypeProvider.rootTypeName(forVariable: id)] else { return [] }
        let resolver = rgd.typeContext.types.resolver
        for step in p.dropFirst(4) {
            schema = resolver.resolve(schema)
            if step == "-" {
                guard let items = schema.items else { return [] }
                schema = items
            } else {
                guard let child = schema.property(step) else { return [] }
                schema = child
            }
        }
        schema = resolver.resolve(schema)
        let required = Set(schema.required)
        let names = schema.propertyNames.filter { line.siblings[$0] == nil && ($0 != "status" || p.count > 4) }
        return CompletionLimit.names(names, typed: line.typed).compactMap { name in
            guard let child = schema.property(name) else { return nil }
            let resolved = resolver.resolve(child)
            return CompletionItem(
                label: name, kind: .property,
                detail: SchemaDocs.typeText(resolved) + (required.contains(name) ? " (required)" : ""),
                documentation: SchemaDocs.markdown(resolved, required: required.contains(name)),
                range: line.replace, newText: "\(name): ", priority: required.contains(name) ? 0 : 1)
        }
    }

    /// `apiVersion` values (for the `kind` beside it, when written) and `kind` values (for
    /// the `apiVersion` beside it).
    static func kindValues(_ key: String, line: LineContext, store: SchemaStore) -> [CompletionItem] {
        let kinds = store.allKindKeys.compactMap(GroupVersionKind.init(bundleKey:))
        var values: [String] = []
        if key == "kind" {
            let apiVersion = line.siblings["apiVersion"].map(unquote)
            values = kinds.filter { apiVersion == nil || $0.apiVersion == apiVersion }.map(\.kind)
        } else {
            let kind = line.siblings["kind"].map(unquote)
            values = kinds.filter { kind == nil || $0.kind == kind }.map(\.apiVersion)
        }
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }.map {
            CompletionItem(label: $0, kind: .value, detail: key, range: line.replace)
        }
    }

    private static func unquote(_ s: String) -> String {
        s.trimmingScalars { $0 == "\"" || $0 == "'" || $0 == " " }
    }
}
