import CEL
import JSON

/// CEL types of OpenAPI schemas, as kro converts them (cel.md §6). Object types are
/// nominal and named by path from a root (`__type_deployment.spec.template.spec`,
/// `….containers.@idx` for list elements, `….@elem` for map values, §6.1); they are
/// described lazily when the checker asks, so a large kind costs only what is used.
public struct SchemaTypeProvider: TypeProvider {
    public let resolver: SchemaResolver
    /// Root type name (`__type_<var>`) → root schema.
    public let roots: [String: OpenAPISchema]
    /// Types already described: the checker asks for the same type at every selection
    /// through it, and describing one resolves and escapes every property.
    private let memo = SchemaTypeMemo()

    public init(resolver: SchemaResolver, roots: [String: OpenAPISchema]) {
        self.resolver = resolver
        self.roots = roots
    }

    public static func rootTypeName(forVariable name: String) -> String { "__type_\(name)" }

    /// The CEL type of the schema reached at `typeName` (nil for "none": not reachable).
    public func celType(of schema: OpenAPISchema, named typeName: String) -> CELType? {
        let s = resolver.resolve(schema)
        if s.isIntOrString { return .dyn }
        switch s.type {
        case "string":
            switch s.format {
            case "byte": return .bytes
            case "duration": return .duration
            case "date", "date-time": return .timestamp
            default: return .string
            }
        case "integer": return .int
        case "number": return .double
        case "boolean": return .bool
        case "array":
            guard let items = s.items, let element = celType(of: items, named: typeName + ".@idx") else { return nil }
            return .list(element)
        case "object":
            switch s.additionalProperties {
            case .anything: return .map(.string, .dyn)
            case .schema(let value): return .map(.string, celType(of: value, named: typeName + ".@elem") ?? .dyn)
            case .notAllowed: return .object(typeName)
            }
        default:
            // Untyped but open (`x-kubernetes-preserve-unknown-fields` alone): anything.
            return s.preservesUnknownFields ? .dyn : nil
        }
    }

    /// The schema node a path-named type stands for (resolved), built from its parent's.
    public func schema(forTypeNamed name: String) -> OpenAPISchema? {
        if let known = memo.schema(name) { return known }
        let found: OpenAPISchema?
        if let dot = name.lastIndex(of: ".") {
            found = schema(forTypeNamed: String(name[..<dot])).flatMap { child(of: $0, String(name[name.index(after: dot)...])) }
        } else {
            found = roots[name].map(resolver.resolve)
        }
        memo.setSchema(found, for: name)
        return found
    }

    /// One step of a type path from a resolved node.
    private func child(of node: OpenAPISchema, _ segment: String) -> OpenAPISchema? {
        let next: OpenAPISchema?
        switch segment {
        case "@idx": next = node.items
        case "@elem":
            guard case .schema(let value) = node.additionalProperties else { return nil }
            next = value
        default:
            // Most names escape to themselves: a direct lookup, then the escaped scan.
            if CELFieldName.escape(segment) == segment, let direct = node.property(segment) {
                next = direct
            } else {
                next = node.properties.first(where: { CELFieldName.escape($0.key) == segment })?.value
            }
        }
        return next.map(resolver.resolve)
    }

    public func objectType(named name: String) -> ObjectTypeDescription? {
        if let known = memo.objectType(name) { return known }
        let described = describe(name)
        memo.setObjectType(described, for: name)
        return described
    }

    private func describe(_ name: String) -> ObjectTypeDescription? {
        if name == Self.embeddedMetadataTypeName {
            return ObjectTypeDescription(name: name, fields: ["name": .string, "generateName": .string])
        }
        guard let schema = schema(forTypeNamed: name) else { return nil }
        var fields: [String: CELType] = [:]
        for (property, child) in schema.properties {
            guard let escaped = CELFieldName.escape(property),
                  let type = celType(of: child, named: "\(name).\(escaped)") else { continue }
            fields[escaped] = type
            for alias in CELFieldName.aliases(of: property) { fields[alias] = type }
        }
        if schema.isEmbeddedResource {
            fields["apiVersion"] = fields["apiVersion"] ?? .string
            fields["kind"] = fields["kind"] ?? .string
            fields["metadata"] = fields["metadata"] ?? .object(Self.embeddedMetadataTypeName)
        }
        return ObjectTypeDescription(name: name, fields: fields, allowsUnknownFields: schema.preservesUnknownFields)
    }

    /// `metadata` of an embedded resource offers only `name` and `generateName` (cel.md §6).
    static let embeddedMetadataTypeName = "__embedded_resource_metadata"
}
