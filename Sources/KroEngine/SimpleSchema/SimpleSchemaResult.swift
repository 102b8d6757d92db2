import JSON
import YAMLSyntax

/// One marker as written in a field string, with its place in the file.
public struct SimpleSchemaMarker: Sendable, Hashable {
    public var key: String
    /// The value after kro's unquoting (what kro uses).
    public var value: String
    public var keyRange: TextRange
    /// The value as written (quotes included); empty range right after `=` when empty.
    public var valueRange: TextRange
}

/// What the builder learned about one field of `spec.schema.spec` or `spec.schema.types`
/// (for hover, completion and go-to-definition).
public struct SimpleSchemaField: Sendable, Hashable {
    public enum Block: Sendable, Hashable { case spec, types }
    public var block: Block
    /// Field names from the block root; for `types` the first element is the type name.
    public var path: [String]
    /// The type part as written (`[]string`); nil for a nested mapping.
    public var typeText: String?
    /// The field's OpenAPI schema (keys sorted); nil when the field has errors.
    public var schema: JSONValue?
    /// True when the field ends up in its parent's `required` list.
    public var isRequired: Bool
    public var markers: [SimpleSchemaMarker]
    /// The custom type names the type part mentions, with their ranges.
    public var typeReferences: [SimpleSchemaTypeReference]
    /// The field's key in the YAML mapping.
    public var keyRange: TextRange?
    /// The whole value (scalar or mapping).
    public var valueRange: TextRange
    /// The trimmed type part inside the scalar.
    public var typeRange: TextRange?
}

/// A custom type name used in a field string (for go-to-definition).
public struct SimpleSchemaTypeReference: Sendable, Hashable {
    public var name: String
    public var range: TextRange
}

/// The result of building `spec.schema.spec` with `spec.schema.types`.
public struct SimpleSchemaResult: Sendable {
    /// The instance `spec` OpenAPI schema (keys sorted as kro serialises them). Fields
    /// with errors are left out, so the schema is usable for further analysis.
    public var schema: JSONValue
    /// Every field of `spec` and `types`, in source order; none when built without them.
    public var fields: [SimpleSchemaField]
    /// Whether `fields` was filled (`SimpleSchemaBuilder.build(…, keepsFields:)`).
    public var keepsFields: Bool
    /// The schemas of the custom types that built without error (keys sorted).
    public var customTypes: [String: JSONValue]
    /// SimpleSchema errors (KRO101–KRO137) and CRD-acceptance findings (KRO503–KRO509,
    /// KRO914), sorted by position.
    public var diagnostics: [Diagnostic]
}

extension SimpleSchemaResult {
    /// The instance schema expressions are type-checked against: `schema` plus, for each
    /// `spec` field whose type failed to build (already reported), an untyped placeholder,
    /// so reading that field is not also "undefined field" (one root cause, one diagnostic).
    public var typingSchema: JSONValue {
        var root = schema
        for field in fields where field.block == .spec && field.schema == nil && !field.path.isEmpty {
            Self.placeholder(in: &root, at: field.path[...])
        }
        return root
    }

    /// Each level is taken out of its parent while it changes, so it is the only reference
    /// and changes in place: returning a changed copy copied every mapping on the way, for
    /// each field (20,000 fields of an unknown type took 10 s, 100,000 five minutes).
    private static func placeholder(in node: inout JSONValue, at path: ArraySlice<String>) {
        guard let name = path.first, case .object(var object) = node,
              case .object(var properties)? = object["properties"] else { return }
        node = .null
        object["properties"] = .null
        if path.count == 1 {
            if properties[name] == nil { properties[name] = ["x-kubernetes-preserve-unknown-fields": true] }
        } else if var child = properties[name] {
            properties[name] = .null
            placeholder(in: &child, at: path.dropFirst())
            properties[name] = child
        }
        object["properties"] = .object(properties)
        node = .object(object)
    }
}
