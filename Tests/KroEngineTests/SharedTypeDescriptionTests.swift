import CEL
import KroTestSupport
import Testing
@testable import KroEngine

/// Variables of one kind share their type descriptions (described once, renamed per
/// variable). Seeded walks over the types reachable from each variable, asked in random
/// order, compared with a provider that describes every variable's types itself.
@Suite struct SharedTypeDescriptionTests {
    static let kinds = [
        GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"),
        GroupVersionKind(group: "", version: "v1", kind: "Service"),
        GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"),
        GroupVersionKind(group: "batch", version: "v1", kind: "CronJob"),
    ]

    /// Object type names inside `type` (through lists, maps, optionals).
    static func objectNames(_ type: CELType) -> [String] {
        switch type {
        case .object(let name): [name]
        case .list(let element), .optional(let element), .type(let element): objectNames(element)
        case .map(let key, let value): objectNames(key) + objectNames(value)
        case .opaque(_, let parameters): parameters.flatMap(objectNames)
        default: []
        }
    }

    /// A typing context of `count` resource variables of random kinds (several per kind),
    /// and the variables.
    static func randomContext(_ count: Int, _ random: inout SplitMix64, id: (Int, inout SplitMix64) -> String)
        -> (KroTypeContext, [KroTypeContext.ResourceVariable]) {
        let store = bundledSchemaStore
        var variables: [KroTypeContext.ResourceVariable] = []
        for i in 0..<count {
            let name = id(i, &random)
            variables.append(KroTypeContext.ResourceVariable(id: name, isCollection: false,
                                                             kind: store.lookup(Self.kinds[random.next(below: Self.kinds.count)])))
        }
        return (KroTypeContext(store: store, instanceSpec: nil, instanceScope: .namespaced, resources: variables), variables)
    }

    @Test func sameDescriptionsAsDescribingEachVariable() throws {
        let store = bundledSchemaStore
        var random = SplitMix64(seed: 0x5EED_7E)
        // Ids that prefix one another (`r1`, `r10`) and several variables per kind.
        let (context, variables) = Self.randomContext(12, &random) { i, random in
            "r\(i == 0 ? 1 : i * 10 + random.next(below: 3))"
        }
        let alone = SchemaTypeProvider(resolver: store.resolver, roots: context.types.roots)
        var queue = variables.map { SchemaTypeProvider.rootTypeName(forVariable: $0.id) }
        var seen = Set(queue)
        var compared = 0
        while !queue.isEmpty, compared < 3000 {
            let name = queue.remove(at: random.next(below: queue.count))
            let shared = context.types.objectType(named: name)
            #expect(shared == alone.objectType(named: name), "\(name)")
            #expect(context.types.schema(forTypeNamed: name) == alone.schema(forTypeNamed: name), "\(name)")
            compared += 1
            for type in shared?.fields.values.map({ $0 }) ?? [] {
                for next in Self.objectNames(type) where seen.insert(next).inserted { queue.append(next) }
            }
        }
        #expect(compared > 500, "too few types compared: \(compared)")
    }

    /// `fieldType(_:ofObjectNamed:)` (the checker's question; for shared descriptions only the
    /// field asked for is renamed) answers what the full description says, asked first on
    /// a fresh shared provider, for every field of the reachable types and fields they lack.
    @Test func fieldTypesAreTheFieldsOfTheDescriptions() {
        var random = SplitMix64(seed: 0xF1E1D)
        let (context, variables) = Self.randomContext(10, &random) { i, _ in "r\(i)" }
        // The same variables, with a memo of its own.
        let asked = KroTypeContext(store: bundledSchemaStore, instanceSpec: nil, instanceScope: .namespaced, resources: variables)
        let layered = CELEnvironment.kro().with(typeProvider: asked.types).typeProvider
        var queue = variables.map { SchemaTypeProvider.rootTypeName(forVariable: $0.id) } + ["__type_nope", "x.y"]
        var seen = Set(queue)
        var compared = 0
        while !queue.isEmpty, compared < 2000 {
            let name = queue.remove(at: random.next(below: queue.count))
            let description = context.types.objectType(named: name)
            for field in (description?.fields.keys.map { $0 } ?? []) + ["nope", "__in__", "in"] {
                let expected = description.map { $0.fields[field] }
                #expect(asked.types.fieldType(field, ofObjectNamed: name) == expected, "\(name) \(field)")
                #expect(layered.fieldType(field, ofObjectNamed: name) == expected, "\(name) \(field) layered")
                compared += 1
            }
            for type in description?.fields.values.map({ $0 }) ?? [] {
                for next in Self.objectNames(type) where seen.insert(next).inserted { queue.append(next) }
            }
        }
        #expect(compared > 1000, "too few fields compared: \(compared)")
    }

    /// A random field path into `root` (properties, list indices, now and then a key the
    /// schema does not have).
    static func randomPath(_ root: OpenAPISchema, _ resolver: SchemaResolver, _ random: inout SplitMix64) -> [SchemaPathSegment] {
        var node: OpenAPISchema? = root
        var path: [SchemaPathSegment] = []
        for _ in 0..<(1 + random.next(below: 7)) {
            guard let current = node.map(resolver.resolve) else { break }
            if let items = current.items, random.next(below: 4) > 0 {
                path.append(.index(random.next(below: 3)))
                node = items
            } else {
                let keys = current.properties.map(\.key)
                if keys.isEmpty || random.next(below: 8) == 0 {
                    path.append(.field(["nope", "app.kubernetes.io/name", "0"][random.next(below: 3)]))
                    node = nil
                } else {
                    let key = keys[random.next(below: keys.count)]
                    path.append(.field(key))
                    node = current.property(key)
                }
            }
        }
        return path
    }

    /// Expected field types are remembered per place and shared by variables of one kind:
    /// the same answers as a provider that walks every variable's schema itself.
    @Test func sameExpectedTypesAsWalkingEachVariable() throws {
        let store = bundledSchemaStore
        var random = SplitMix64(seed: 0xE7_9EC7)
        let (context, _) = Self.randomContext(10, &random) { i, _ in "r\(i)" }
        let roots = context.types.roots
        var typed = 0
        for _ in 0..<2000 {
            let root = roots.keys.sorted()[random.next(below: roots.count)]
            let path = Self.randomPath(roots[root]!, store.resolver, &random)
            // A fresh provider per question: nothing remembered, nothing shared.
            let alone = SchemaTypeProvider(resolver: store.resolver, roots: [root: roots[root]!])
            let type = context.types.expectedType(rootTypeName: root, path: path)
            #expect(type == alone.expectedType(rootTypeName: root, path: path), "\(root) \(path)")
            if type != .dyn { typed += 1 }
        }
        #expect(typed > 500, "too few typed fields: \(typed)")
    }

    @Test func renamingTouchesOnlyTheSharedRoot() {
        let renamed = SchemaTypeProvider.renamed(
            .map(.string, .list(.optional(.object("__type_r1.spec")))), from: "__type_r1", to: "__type_r7")
        #expect(renamed == .map(.string, .list(.optional(.object("__type_r7.spec")))))
        #expect(SchemaTypeProvider.renamed(.object("__type_r10.spec"), from: "__type_r1", to: "__type_r7") == .object("__type_r10.spec"))
        #expect(SchemaTypeProvider.renamed(.object("__type_r1"), from: "__type_r1", to: "__type_r7") == .object("__type_r7"))
        #expect(SchemaTypeProvider.renamed(.object("__embedded_resource_metadata"), from: "__type_r1", to: "__type_r7")
            == .object("__embedded_resource_metadata"))
    }

    /// Names that do not start with a root's name are no types (answered without the memo);
    /// names under a root still are, however they are asked.
    @Test func onlyNamesUnderARootAreTypes() {
        let store = bundledSchemaStore
        let deployment = store.lookup(Self.kinds[0])!.root
        let provider = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_web": deployment])
        for name in ["web", "web.metadata", "web.metadata.name", "schema.spec", "__type_we", "__type_web2.spec",
                     "", ".", "x.__type_web", "__type_we.b"] {
            #expect(provider.objectType(named: name) == nil, "\(name)")
            #expect(provider.schema(forTypeNamed: name) == nil, "\(name)")
        }
        for name in ["__type_web", "__type_web.metadata", "__type_web.spec.template.spec"] {
            #expect(provider.objectType(named: name)?.name == name)
            #expect(provider.schema(forTypeNamed: name) != nil)
        }
        #expect(provider.objectType(named: "__type_web.spec.nope") == nil)
        #expect(provider.objectType(named: SchemaTypeProvider.embeddedMetadataTypeName)?.fields.keys.sorted() == ["generateName", "name"])
    }

    @Test func rootsThatDifferAreNotShared() {
        let store = bundledSchemaStore
        let deployment = store.lookup(Self.kinds[0])!.root
        let service = store.lookup(Self.kinds[1])!.root
        let provider = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_a": deployment, "__type_b": service],
                                          sameSchema: [["__type_a", "__type_b"]])
        let alone = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_b": service])
        #expect(provider.objectType(named: "__type_b.spec") == alone.objectType(named: "__type_b.spec"))
    }
}
