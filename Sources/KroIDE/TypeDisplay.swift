import JSON
import CEL
import KroEngine

/// CEL types as authors read them: schema-derived object types (named by path, such as
/// `__type_deployment.spec`) read `object`.
enum TypeDisplay {
    static func text(_ type: CELType) -> String {
        switch type {
        case .object(let name) where name.hasPrefix("__"): return "object"
        case .list(let e): return "list(\(text(e)))"
        case .map(let k, let v): return "map(\(text(k)), \(text(v)))"
        case .optional(let t): return "optional(\(text(t)))"
        case .type(let t): return "type(\(text(t)))"
        case .timestamp: return "timestamp"
        case .duration: return "duration"
        default: return type.description
        }
    }
}

/// Docs of the fields of one schema-derived object type (Kubernetes, CRD or SimpleSchema):
/// type, required, default, enum, bounds, description.
struct FieldDocs {
    let types: SchemaTypeProvider
    let typeName: String

    private var parent: OpenAPISchema? { types.schema(forTypeNamed: typeName) }

    func schema(_ field: String) -> OpenAPISchema? { types.schema(forTypeNamed: "\(typeName).\(field)") }

    func isRequired(_ field: String) -> Bool {
        guard let parent else { return false }
        return parent.required.contains { CELFieldName.escape($0) == field }
    }

    func markdown(_ field: String) -> String? {
        guard let schema = schema(field) else { return nil }
        return SchemaDocs.markdown(schema, required: isRequired(field))
    }
}

/// One OpenAPI schema node as Markdown. Every part is bounded (`Limits`): a schema may list
/// a million enum values or carry a megabyte description, and each hover and completion item
/// would repeat all of it (24 MB for one hover on an enum of 1,000,000 values).
enum SchemaDocs {
    enum Limits {
        /// Characters of one value (a default, an enum value, a bound or a pattern).
        static let valueCharacters = 200
        /// Characters of the description; longer than any in Kubernetes 1.35 (4,258).
        static let descriptionCharacters = 20_000
    }

    static func markdown(_ schema: OpenAPISchema, required: Bool, title: String? = nil) -> String {
        var facts: [String] = []
        facts.append("type: `\(typeText(schema))`" + (required ? ", required" : ""))
        if let d = schema.defaultValue { facts.append("default: \(code(d.jsonText))") }
        if let e = schema.enumValues { facts.append("enum: " + enumText(e)) }
        for key in ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern"] {
            if let v = schema.raw[key] { facts.append("\(key): \(code(v.stringValue ?? v.jsonText))") }
        }
        var text = (title.map { "**\($0)**\n\n" } ?? "") + facts.joined(separator: " · ")
        if let d = schema.description, !d.isEmpty { text += "\n\n" + ClippedText.clipped(d, to: Limits.descriptionCharacters) }
        return text
    }

    static func enumText(_ values: [JSONValue]) -> String {
        MarkdownText.codeList(values.lazy.map(\.jsonText), count: values.count, limit: Limits.valueCharacters)
    }

    static func code(_ text: String) -> String { MarkdownText.code(text, limit: Limits.valueCharacters) }

    static func typeText(_ schema: OpenAPISchema) -> String {
        if schema.isIntOrString { return "int-or-string" }
        switch schema.type {
        case "array": return "[]" + (schema.items.map(typeText) ?? "any")
        case "object":
            if case .schema(let v) = schema.additionalProperties { return "map[string]" + typeText(v) }
            return "object"
        case let t?: return schema.format.map { "\(t) (\($0))" } ?? t
        case nil: return schema.ref.map { String($0.split(separator: ".").last ?? "object") } ?? "any"
        }
    }
}
