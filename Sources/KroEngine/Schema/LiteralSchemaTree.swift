/// A kind's schema as template literal validation reads it (`TemplateLiteralValidator`):
/// each node's `$ref` followed and its accepted JSON types worked out once, its children
/// found by field name once, then shared by every resource of the kind (and, kept with the
/// typing environment, by later analyses). Nodes are made when a template first reaches
/// them, so recursive schemas stay finite. Children are looked up under a lock: resources
/// are validated on several threads.
final class LiteralSchemaTree: @unchecked Sendable {
    let resolver: SchemaResolver
    let root: LiteralSchemaNode
    /// The kind's schema the tree was made from.
    let rootSchema: OpenAPISchema
    private let lock = Lock()

    init(root: OpenAPISchema, resolver: SchemaResolver) {
        self.resolver = resolver
        self.rootSchema = root
        self.root = LiteralSchemaNode(resolver.resolveShape(root))
    }

    /// The node of field `key` below `node`: its property, else its `additionalProperties`;
    /// nil when neither allows the field.
    func child(_ key: String, of node: LiteralSchemaNode) -> LiteralSchemaNode? {
        lock.withLock {
            if let known = node.children[key] { return known }
            // Every other field shares one node, not kept per name: a ConfigMap's `data`
            // of 100,000 keys made a table of them (9.5 MB, the analysis's peak).
            guard let property = node.shape.property(key) else { return additional(of: node) }
            let child = LiteralSchemaNode(resolver.resolveShape(property))
            node.children[key] = .some(child)
            return child
        }
    }

    /// The node of `items` below `node`; nil when the schema has none.
    func items(of node: LiteralSchemaNode) -> LiteralSchemaNode? {
        lock.withLock {
            if let known = node.items { return known }
            let items = node.shape.items.map { LiteralSchemaNode(resolver.resolveShape($0)) }
            node.items = .some(items)
            return items
        }
    }

    /// One node for every field `additionalProperties` allows (called under the lock).
    private func additional(of node: LiteralSchemaNode) -> LiteralSchemaNode? {
        if let known = node.additional { return known }
        let made: LiteralSchemaNode? = switch node.shape.additionalProperties {
        case .schema(let value): LiteralSchemaNode(resolver.resolveShape(value))
        case .anything: LiteralSchemaNode(OpenAPISchema(["x-kubernetes-preserve-unknown-fields": true]))
        case .notAllowed: nil
        }
        node.additional = .some(made)
        return made
    }
}

/// The `LiteralSchemaTree` of each kind by key, made on first use: a tree is a pure function
/// of its root and the resolver, so every RGD analysed with one `SchemaStore` shares it.
final class LiteralSchemaTrees: @unchecked Sendable {  // `trees` is read and written under `lock`
    private let lock = Lock()
    private var trees: [String: LiteralSchemaTree] = [:]

    /// The tree of `kind`: the shared one when its root is the first root seen for its key,
    /// else one of its own (an RGD checked together may define the key differently).
    func tree(of kind: KindSchema, resolver: SchemaResolver) -> LiteralSchemaTree {
        let key = kind.gvk.bundleKey
        if let shared = lock.withLock({ trees[key] }), shared.rootSchema == kind.root { return shared }
        let tree = LiteralSchemaTree(root: kind.root, resolver: resolver)
        return lock.withLock {
            if let shared = trees[key] { return shared.rootSchema == kind.root ? shared : tree }
            trees[key] = tree
            return tree
        }
    }
}

/// One schema node of a `LiteralSchemaTree`. `shape` has its `$ref` followed.
final class LiteralSchemaNode: @unchecked Sendable {
    let shape: OpenAPISchema
    /// The JSON types the node accepts; nil when it has no valid type (KRO305).
    let expected: ExpectedJSONTypes?
    /// Whether fields other than the declared properties are allowed.
    let allowsAdditionalProperties: Bool
    // Filled by the tree, under its lock, which already keeps accesses apart: the runtime's
    // exclusivity tracking on each was a third of a child lookup (`@exclusivity(unchecked)`).
    @exclusivity(unchecked) fileprivate var children: [String: LiteralSchemaNode?] = [:]
    @exclusivity(unchecked) fileprivate var items: LiteralSchemaNode??
    @exclusivity(unchecked) fileprivate var additional: LiteralSchemaNode??

    init(_ shape: OpenAPISchema) {
        self.shape = shape
        self.expected = ExpectedJSONTypes(shape)
        self.allowsAdditionalProperties = shape.additionalProperties != .notAllowed
    }
}

/// The JSON types a schema node accepts.
enum ExpectedJSONTypes: Sendable {
    /// Anything; `preservesUnknownFields`: nothing below is looked at either.
    case any(preservesUnknownFields: Bool)
    /// One type (the common case, without an array).
    case one(String)
    case several([String])

    /// nil when the node has no valid type (KRO305).
    init?(_ s: OpenAPISchema) {
        if s.preservesUnknownFields { self = .any(preservesUnknownFields: true); return }
        if s.isIntOrString { self = .several(["string", "integer"]); return }
        if s.raw["oneOf"] != nil || s.raw["anyOf"] != nil {
            let branches = s.oneOf + s.anyOf
            if !branches.isEmpty {
                var types: [String] = []
                for branch in branches {
                    if let t = branch.type, !types.contains(t) { types.append(t) }
                    if (!branch.required.isEmpty || branch.raw["not"] != nil) && !types.contains("object") { types.append("object") }
                }
                if types.isEmpty { return nil }
                self = .several(types)
                return
            }
        }
        if let t = s.type { self = .one(t); return }
        if s.additionalProperties != .notAllowed { self = .any(preservesUnknownFields: false); return }
        return nil
    }

    func accepts(_ type: String) -> Bool {
        switch self {
        case .any: true
        case .one(let t): t == type
        case .several(let types): types.contains(type)
        }
    }

    var wanted: String {
        switch self {
        case .any: "any"
        case .one(let t): t
        case .several(let types): types.joined(separator: " or ")
        }
    }

    var preservesUnknownFields: Bool {
        if case .any(true) = self { return true }
        return false
    }
}
