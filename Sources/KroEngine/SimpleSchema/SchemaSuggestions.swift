import CEL

/// Did-you-mean for SimpleSchema words: marker keys (`defualt` → `default`) and type names
/// (`bool` → `boolean`), ranked by the project's one ranker (`DidYouMean`).
enum SchemaSuggestions {
    /// Type names from JSON Schema, Go and other languages → the SimpleSchema type.
    static let familiarTypes: [String: String] = [
        "bool": "boolean", "Boolean": "boolean",
        "int": "integer", "int32": "integer", "int64": "integer", "Integer": "integer", "long": "integer",
        "number": "float", "double": "float", "float64": "float", "float32": "float", "decimal": "float",
        "str": "string", "String": "string", "text": "string",
        "dict": "object", "map": "object", "any": "object", "Object": "object",
    ]

    static func marker(for key: String) -> String? {
        DidYouMean.closest(to: key, among: MarkerKind.allCases.map(\.rawValue), maxDistance: 2, ignoringCase: true)
    }

    /// `customTypes`: the names defined in `spec.schema.types`, which win over the
    /// familiar names (a type may well be called `Int`).
    static func type(for name: String, customTypes: some Collection<String>) -> String? {
        if let custom = DidYouMean.closest(to: name, among: customTypes, maxDistance: max(1, name.count / 3), ignoringCase: true) {
            return custom
        }
        if let familiar = familiarTypes[name] { return familiar }
        return DidYouMean.closest(to: name, among: Array(TypeExpression.atomicNames) + ["object"], maxDistance: 2, ignoringCase: true)
    }
}
