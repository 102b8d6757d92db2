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

    @Test func sameDescriptionsAsDescribingEachVariable() throws {
        let store = bundledSchemaStore
        var random = SplitMix64(seed: 0x5EED_7E)
        // Ids that prefix one another (`r1`, `r10`) and several variables per kind.
        let variables = (0..<12).map { i in
            KroTypeContext.ResourceVariable(id: "r\(i == 0 ? 1 : i * 10 + random.next(below: 3))", isCollection: false,
                                            kind: store.lookup(Self.kinds[random.next(below: Self.kinds.count)]))
        }
        let context = KroTypeContext(store: store, instanceSpec: nil, instanceScope: .namespaced, resources: variables)
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
