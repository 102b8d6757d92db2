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
    let memo = SchemaTypeMemo()
    /// Root name → the root name whose schema is the same (variables of one kind): the
    /// types under it are described once, under the shared root, and renamed.
    let sharedRoots: [String: String]

    /// `sameSchema`: groups of root names whose schemas are known to be the same (one
    /// kind's variables); each group's types are described once. Pass none when unsure:
    /// a group whose roots differ is ignored.
    public init(resolver: SchemaResolver, roots: [String: OpenAPISchema], sameSchema: [[String]] = []) {
        self.resolver = resolver
        self.roots = roots
        var shared: [String: String] = [:]
        shared.reserveCapacity(sameSchema.reduce(0) { $0 + $1.count })
        for group in sameSchema {
            guard let first = group.first, let root = roots[first],
                  group.allSatisfy({ roots[$0] == root }) else { continue }
            for name in group.dropFirst() where name != first { shared[name] = first }
        }
        self.sharedRoots = shared
    }

    /// Whether `name` starts with a root's name: a path-named type resolves through its
    /// first segment (`schema(forTypeNamed:)` strips the last step until none is left), so
    /// any other name is no type. The checker asks for every dotted selection
    /// (`r5.metadata.name` might be a type name in CEL); those are answered here, without
    /// the memo.
    private func isUnderRoot(_ name: String) -> Bool {
        // Non-ASCII names take the exact path: there a `.` may start a longer character.
        roots[String(name[..<Self.rootEnd(name)])] != nil || !name.utf8.allSatisfy { $0 < 0x80 }
    }

    /// Where the first segment of a type name ends (a byte scan: `firstIndex(of:)` on the
    /// characters breaks grapheme clusters and cost more than the lookup it guards).
    private static func rootEnd(_ name: String) -> String.Index {
        // Over the contiguous bytes: the generic search on the UTF-8 view cost ~800
        // instructions a name.
        let offset = name.utf8.withContiguousStorageIfAvailable { $0.firstIndex(of: UInt8(ascii: ".")) ?? $0.count }
        guard let offset else { return name.utf8.firstIndex(of: UInt8(ascii: ".")) ?? name.endIndex }
        return name.utf8.index(name.utf8.startIndex, offsetBy: offset)
    }

    /// The name `name` has under its shared root, and both roots (nil when not shared).
    private func sharedName(_ name: String) -> (name: String, root: Substring, shared: String)? {
        guard !sharedRoots.isEmpty else { return nil }
        let rootEnd = Self.rootEnd(name)
        let root = name[..<rootEnd]
        guard let shared = sharedRoots[String(root)] else { return nil }
        return (shared + name[rootEnd...], root, shared)
    }

    public static func rootTypeName(forVariable name: String) -> String { "__type_\(name)" }

    /// The CEL type of the schema reached at `typeName` (nil for "none": not reachable).
    public func celType(of schema: OpenAPISchema, named typeName: String) -> CELType? {
        let s = resolver.resolveShape(schema)
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
        if let known = memo.schema(name) { return known }  // only names under a root are kept
        guard isUnderRoot(name) else { return nil }
        let found: OpenAPISchema?
        if let shared = sharedName(name) {
            found = schema(forTypeNamed: shared.name)
        } else if let dot = name.lastIndex(of: ".") {
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
            next = CELFieldName.property(named: segment).flatMap { node.property($0) }
        }
        return next.map(resolver.resolve)
    }

    /// An ASCII dotted name is a type only under a root (`isUnderRoot`).
    public func mayNameTypes(under root: String) -> Bool { roots[root] != nil }

    public func objectType(named name: String) -> ObjectTypeDescription? {
        // The memo holds only names that passed the guard: a hit needs no root check.
        if let known = memo.objectType(name) { return known }
        guard name == Self.embeddedMetadataTypeName || isUnderRoot(name) else { return nil }
        let described: ObjectTypeDescription?
        if let shared = sharedName(name) {
            described = objectType(named: shared.name).map { type in
                ObjectTypeDescription(name: name, fields: type.fields.mapValues { Self.renamed($0, from: shared.shared, to: shared.root) },
                                      allowsUnknownFields: type.allowsUnknownFields)
            }
        } else {
            described = describe(name)
        }
        memo.setObjectType(described, for: name)
        return described
    }

    /// A field's type without describing a variable's type whose description is shared:
    /// only that field's type is renamed (the checker asks one field per selection).
    public func fieldType(_ field: String, ofObjectNamed name: String) -> CELType?? {
        // A shared name is described under its shared root only: not looked for in the memo.
        if let shared = sharedName(name) {
            return objectType(named: shared.name).map { type in
                type.fields[field].map { Self.renamed($0, from: shared.shared, to: shared.root) }
            }
        }
        return objectType(named: name).map { $0.fields[field] }
    }

    /// `type` with the object types under root `shared` named under `root` instead.
    static func renamed(_ type: CELType, from shared: String, to root: Substring) -> CELType {
        switch type {
        case .object(let name):
            guard name.hasPrefix(shared) else { return type }
            let rest = name.dropFirst(shared.count)
            guard rest.isEmpty || rest.first == "." else { return type }
            return .object(String(root) + rest)
        case .list(let element): return .list(renamed(element, from: shared, to: root))
        case .map(let key, let value): return .map(renamed(key, from: shared, to: root), renamed(value, from: shared, to: root))
        case .optional(let wrapped): return .optional(renamed(wrapped, from: shared, to: root))
        case .type(let wrapped): return .type(renamed(wrapped, from: shared, to: root))
        case .opaque(let name, let parameters): return .opaque(name, parameters.map { renamed($0, from: shared, to: root) })
        case .dyn, .null, .bool, .int, .uint, .double, .string, .bytes, .timestamp, .duration, .error, .typeParam:
            return type
        }
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
