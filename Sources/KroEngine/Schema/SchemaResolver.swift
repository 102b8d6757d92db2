import JSON
import OrderedCollections

/// Follows `$ref: "#/definitions/NAME"` against a set of named definitions. A `$ref` may
/// sit beside a `description`; the referencing site's description wins, because it says
/// what the field means where it is used.
public struct SchemaResolver: Sendable {
    public let definitions: OrderedDictionary<String, JSONValue>

    public init(definitions: OrderedDictionary<String, JSONValue>) { self.definitions = definitions }

    public static let empty = SchemaResolver(definitions: [:])

    public func definition(named name: String) -> OpenAPISchema? {
        definitions[name].flatMap { OpenAPISchema(json: $0) }
    }

    /// The schema with its `$ref` chain followed (at most a few hops, against loops).
    public func resolve(_ schema: OpenAPISchema) -> OpenAPISchema {
        var current = schema
        var hops = 0
        while let ref = current.ref, hops < 16 {
            let prefix = "#/definitions/"
            guard ref.hasPrefix(prefix), let target = definition(named: String(ref.dropFirst(prefix.count))) else {
                return current
            }
            let siteDescription = current.description
            current = target
            if let siteDescription { current = current.replacing("description", with: .string(siteDescription)) }
            hops += 1
        }
        return current
    }
}
