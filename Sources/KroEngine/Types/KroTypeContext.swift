import CEL
import JSON
import OrderedCollections

/// The typed CEL environment kro type-checks an RGD's expressions in (cel.md §2.2):
/// `schema` typed from the instance schema, one variable per resource id typed from its
/// kind (a list for collections, `dyn` for kinds without a schema), kro's libraries.
public struct KroTypeContext: Sendable {
    public struct ResourceVariable: Sendable {
        public var id: String
        public var isCollection: Bool
        /// nil when the kind has no schema offline: the variable is `dyn`.
        public var kind: KindSchema?
        public init(id: String, isCollection: Bool, kind: KindSchema?) {
            self.id = id; self.isCollection = isCollection; self.kind = kind
        }
    }

    public let types: SchemaTypeProvider
    /// `CELEnvironment.kro()` plus `schema` and the resource variables.
    public let environment: CELEnvironment
    /// The object type of one item of each resource (the element type for collections).
    public let itemTypes: [String: CELType]

    /// `resources` is counted (to size the tables), then read once in order: a lazy
    /// collection over the RGD's resources spares a copy of every variable's kind (3 MB at
    /// 10,000 resources, at the run's peak).
    public init(store: SchemaStore, instanceSpec: JSONValue?, instanceScope: ResourceScope,
                resources: some Collection<ResourceVariable>) {
        let count = resources.count
        var roots: [String: OpenAPISchema] = [
            SchemaTypeProvider.rootTypeName(forVariable: "schema"):
                Self.instanceRoot(spec: instanceSpec, scope: instanceScope, resolver: store.resolver),
        ]
        roots.reserveCapacity(count + 1)
        var variables = [VariableDecl(name: "schema", type: .object(SchemaTypeProvider.rootTypeName(forVariable: "schema")))]
        variables.reserveCapacity(count + 1)
        var items: [String: CELType] = [:]
        items.reserveCapacity(count)
        // Variables of one kind share their type descriptions (the provider checks that
        // their roots are the same).
        var byKind: OrderedDictionary<String, [String]> = [:]
        for resource in resources {
            let item: CELType
            if let kind = resource.kind {
                let root = SchemaTypeProvider.rootTypeName(forVariable: resource.id)
                roots[root] = kind.root
                byKind[kind.gvk.bundleKey, default: []].append(root)
                item = .object(root)
            } else {
                item = .dyn
            }
            items[resource.id] = item
            variables.append(VariableDecl(name: resource.id, type: resource.isCollection ? .list(item) : item))
        }
        let types = SchemaTypeProvider(resolver: store.resolver, roots: roots,
                                       sameSchema: byKind.values.filter { $0.count > 1 })
        self.types = types
        self.itemTypes = items
        self.environment = CELEnvironment.kro().with(typeProvider: types).adding(variables: variables)
    }

    /// The environment of one expression: extra variables such as forEach iterators or
    /// `each` (cel.md §2.3).
    public func environment(adding extra: [String: CELType]) -> CELEnvironment {
        guard !extra.isEmpty else { return environment }
        return environment.adding(scopeVariables: extra.sorted { $0.key < $1.key }.map { VariableDecl(name: $0.key, type: $0.value) })
    }

    /// `__type_schema`: `apiVersion`, `kind`, `metadata` (ObjectMeta, without `namespace`
    /// for a cluster-scoped instance) and `spec`; no `status`.
    static func instanceRoot(spec: JSONValue?, scope: ResourceScope, resolver: SchemaResolver) -> OpenAPISchema {
        var metadata: JSONValue = ["$ref": .string("#/definitions/\(CRDSchemas.objectMetaDefinition)")]
        if scope == .cluster, var objectMeta = resolver.definition(named: CRDSchemas.objectMetaDefinition)?.raw,
           var properties = objectMeta["properties"]?.objectValue {
            properties.removeValue(forKey: "namespace")
            objectMeta["properties"] = .object(properties)
            metadata = .object(objectMeta)
        }
        let properties: OrderedDictionary<String, JSONValue> = [
            "apiVersion": ["type": "string"],
            "kind": ["type": "string"],
            "metadata": metadata,
            "spec": spec ?? ["type": "object", "properties": [:]],
        ]
        return OpenAPISchema(["type": "object", "properties": .object(properties)])
    }
}
