import KroEngine
import YAMLSyntax

/// Completion in SimpleSchema field strings (`spec.schema.spec` and `spec.schema.types`):
/// types before the `|`, then the markers valid for the field's type.
enum SimpleSchemaCompletion {
    static let scalarTypes = ["string", "integer", "boolean", "number", "object"]

    /// What each marker does (hover shows the same text).
    static let markers: [(name: String, types: Set<String>?, doc: String)] = [
        ("required", nil, "`required=true` adds the field to its parent's `required` list."),
        ("default", nil, "The value the API server fills in when the field is omitted, in the field's type."),
        ("description", nil, "The field's description in the generated CRD."),
        ("immutable", nil, "`immutable=true`: the field cannot change once set (`self == oldSelf`)."),
        ("enum", ["string", "integer"], "The allowed values, comma-separated: `enum=\"a,b,c\"`."),
        ("minimum", ["integer", "number"], "The smallest allowed value."),
        ("maximum", ["integer", "number"], "The largest allowed value."),
        ("pattern", ["string"], "An RE2 regular expression the value must match."),
        ("minLength", ["string"], "The shortest allowed length."),
        ("maxLength", ["string"], "The longest allowed length."),
        ("minItems", ["array"], "The fewest allowed items."),
        ("maxItems", ["array"], "The most allowed items."),
        ("uniqueItems", ["array"], "`uniqueItems=true`: items must differ (`x-kubernetes-list-type: set`)."),
        ("listType", ["array"], "`atomic`, `set` or `map`: how server-side apply merges the list."),
        ("listMapKey", ["array"], "A key field of a `listType=map` list (repeatable)."),
    ]

    /// nil when the cursor is not in a SimpleSchema field string.
    static func items(_ line: LineContext, rgd: RGDSnapshot?) -> [CompletionItem]? {
        guard line.key != nil, line.parents.count >= 3, line.parents[0] == "spec", line.parents[1] == "schema",
              line.parents[2] == "spec" || line.parents[2] == "types" else { return nil }
        var typed = Substring(line.typed)
        if let q = typed.first, q == "\"" || q == "'" { typed = typed.dropFirst() }
        let customTypes = rgd?.instanceSchema.fields.filter { $0.block == .types && $0.path.count == 1 }.map { $0.path[0] } ?? []
        if let bar = typed.firstIndex(of: "|") {
            let type = typed[..<bar].trimmingWhitespace()
            let tail = typed[typed.index(after: bar)...]
            // Inside a marker's value (after `=`), nothing to offer.
            if let lastEquals = tail.lastIndex(of: "="), !tail[lastEquals...].contains(" ") { return [] }
            let base = openAPIType(type, customTypes: Set(customTypes), rgd: rgd)
            return markers.filter { $0.types == nil || base.map($0.types!.contains) ?? true }.map {
                CompletionItem(label: $0.name, kind: .marker, detail: "marker", documentation: $0.doc,
                               range: line.replace, newText: "\($0.name)=")
            }
        }
        let names = scalarTypes + customTypes
        var items = names.map {
            CompletionItem(label: $0, kind: .type, detail: customTypes.contains($0) ? "custom type" : "type", range: wordRange(line))
        }
        items.append(CompletionItem(label: "[]", kind: .type, detail: "array of a type", range: wordRange(line), newText: "[]"))
        items.append(CompletionItem(label: "map[string]", kind: .type, detail: "map from string keys", range: wordRange(line),
                                    newText: "map[string]"))
        return items
    }

    /// The word before the cursor, after any `[]` or `map[string]` prefix.
    private static func wordRange(_ line: LineContext) -> TextRange {
        var range = line.replace
        let typed = Array(line.typed.utf8)
        var n = 0
        while n < typed.count, n < range.length, CELText.isIdentifier(typed[typed.count - 1 - n]) { n += 1 }
        range.start = range.end - n
        return range
    }

    /// The OpenAPI type of a field type text (`[]string` → array, a custom type → its type).
    static func openAPIType(_ text: String, customTypes: Set<String>, rgd: RGDSnapshot?) -> String? {
        if text.hasPrefix("[]") { return "array" }
        if text.hasPrefix("map[") { return "object" }
        if scalarTypes.contains(text) { return text }
        if customTypes.contains(text) {
            return rgd?.instanceSchema.customTypes[text]?["type"]?.stringValue
        }
        return nil
    }
}
