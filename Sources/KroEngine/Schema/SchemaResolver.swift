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
        follow(schema, keepingSiteDescription: true)
    }

    /// `resolve` without carrying the site's `description` over (no copy of the target):
    /// for readers of the shape only (types, properties, items).
    public func resolveShape(_ schema: OpenAPISchema) -> OpenAPISchema {
        follow(schema, keepingSiteDescription: false)
    }

    private static let refPrefix = "#/definitions/"

    private func follow(_ schema: OpenAPISchema, keepingSiteDescription: Bool) -> OpenAPISchema {
        var current = schema
        var hops = 0
        while let ref = current.ref, hops < 16 {
            // The prefix is ASCII: comparing and cutting UTF-8 bytes is the same as by characters.
            let prefix = Self.refPrefix.utf8
            guard ref.utf8.starts(with: prefix),
                  let target = definition(named: String(ref[ref.utf8.index(ref.startIndex, offsetBy: prefix.count)...]))
            else {
                return current
            }
            let siteDescription = keepingSiteDescription ? current.description : nil
            current = target
            if let siteDescription { current = current.replacing("description", with: .string(siteDescription)) }
            hops += 1
        }
        return current
    }
}
