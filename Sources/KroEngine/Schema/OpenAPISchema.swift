import JSON
import OrderedCollections

/// One node of an OpenAPI v3 schema, read straight from its JSON so that loading a
/// schema bundle costs nothing until a node is used. `$ref`s are followed by a
/// `SchemaResolver`, never here.
public struct OpenAPISchema: Sendable, Hashable {
    public let raw: OrderedDictionary<String, JSONValue>

    public init(_ raw: OrderedDictionary<String, JSONValue>) { self.raw = raw }

    public init?(json value: JSONValue) {
        guard case .object(let members) = value else { return nil }
        self.raw = members
    }

    /// The schema that accepts anything (`additionalProperties: true`).
    public static let any = OpenAPISchema([:])

    public var type: String? { raw["type"]?.stringValue }
    public var format: String? { raw["format"]?.stringValue }
    public var description: String? { raw["description"]?.stringValue }
    public var ref: String? { raw["$ref"]?.stringValue }
    public var defaultValue: JSONValue? { raw["default"] }
    public var enumValues: [JSONValue]? { raw["enum"]?.arrayValue }
    public var required: [String] { raw["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    public var properties: OrderedDictionary<String, OpenAPISchema> {
        guard let members = raw["properties"]?.objectValue else { return [:] }
        var result = OrderedDictionary<String, OpenAPISchema>()
        for (name, value) in members {
            if let schema = OpenAPISchema(json: value) { result[name] = schema }
        }
        return result
    }

    /// The names `properties` holds, read in place (not a schema made for each).
    public var propertyNames: some Sequence<String> {
        (raw["properties"]?.objectValue ?? [:]).lazy.filter { if case .object = $0.value { true } else { false } }.map(\.key)
    }

    public func property(_ name: String) -> OpenAPISchema? {
        raw["properties"]?[name].flatMap { OpenAPISchema(json: $0) }
    }

    public var items: OpenAPISchema? { raw["items"].flatMap { OpenAPISchema(json: $0) } }

    public enum AdditionalProperties: Sendable, Hashable {
        case notAllowed
        case anything
        case schema(OpenAPISchema)
    }

    /// `additionalProperties`: absent or `false` → not allowed, `true` → anything.
    public var additionalProperties: AdditionalProperties {
        switch raw["additionalProperties"] {
        case .bool(true)?: return .anything
        case .object(let members)?: return .schema(OpenAPISchema(members))
        default: return .notAllowed
        }
    }

    public var oneOf: [OpenAPISchema] { raw["oneOf"]?.arrayValue?.compactMap { OpenAPISchema(json: $0) } ?? [] }
    public var anyOf: [OpenAPISchema] { raw["anyOf"]?.arrayValue?.compactMap { OpenAPISchema(json: $0) } ?? [] }

    public var preservesUnknownFields: Bool { raw["x-kubernetes-preserve-unknown-fields"] == .bool(true) }
    public var isIntOrString: Bool { raw["x-kubernetes-int-or-string"] == .bool(true) }
    public var isEmbeddedResource: Bool { raw["x-kubernetes-embedded-resource"] == .bool(true) }

    /// A copy with some members replaced (used to inject ObjectMeta into CRD roots).
    public func replacing(_ key: String, with value: JSONValue) -> OpenAPISchema {
        var copy = raw
        copy[key] = value
        return OpenAPISchema(copy)
    }
}
