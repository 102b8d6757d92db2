import CEL
import JSON
import Testing
@testable import KroEngine

@Suite struct KroTypeContextTests {
    static let spec: JSONValue = [
        "type": "object",
        "properties": [
            "name": ["type": "string"],
            "replicas": ["type": "integer", "default": 1],
            "ports": ["type": "array", "items": ["type": "integer"]],
        ],
    ]

    func context(scope: ResourceScope = .namespaced) -> KroTypeContext {
        let store = bundledSchemaStore
        let deployment = store.lookup(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"))
        let configMap = store.lookup(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"))
        return KroTypeContext(store: store, instanceSpec: Self.spec, instanceScope: scope, resources: [
            .init(id: "deployment", isCollection: false, kind: deployment),
            .init(id: "configs", isCollection: true, kind: configMap),
            .init(id: "bucket", isCollection: false, kind: nil),
        ])
    }

    func check(_ text: String, _ ctx: KroTypeContext? = nil, extra: [String: CELType] = [:]) -> (CELType?, [String]) {
        let ctx = ctx ?? context()
        var options = ParserOptions()
        options.enableKroMacros = true
        guard let parsed = CELParser(options: options).parse(text).parsed else { return (nil, ["parse error"]) }
        let result = Checker.check(parsed, in: ctx.environment(adding: extra))
        return (result.type, result.issues.map(\.message))
    }

    @Test func typesSchemaAndResourcesFromTheirSchemas() {
        #expect(check("schema.spec.replicas + 1").0 == .int)
        #expect(check("schema.spec.name").0 == .string)
        #expect(check("schema.metadata.namespace").0 == .string)
        #expect(check("deployment.spec.replicas").0 == .int)
        #expect(check("deployment.spec.template.spec.containers[0].image").0 == .string)
        #expect(check("deployment.status.availableReplicas").0 == .int)
        #expect(check("configs.map(c, c.metadata.name)").0 == .list(.string))
        #expect(check("size(configs)").0 == .int)
        #expect(check("bucket.status.arn").0 == .dyn, "kinds without a schema are dyn")
        #expect(check("schema.spec.ports.map(p, p * 2)").0 == .list(.int))
    }

    @Test func reportsUnknownFieldsAndMissingStatusOnSchema() {
        let (_, issues) = check("schema.spec.nmae")
        #expect(issues.count == 1)
        #expect(issues.first?.contains("undefined field 'nmae'") == true)
        #expect(check("schema.status").1.first?.contains("undefined field 'status'") == true)
        #expect(check("deployment.spec.replica").1.first?.contains("undefined field 'replica'") == true)
        #expect(check("schema.spec.replicas + \"x\"").1.first?.contains("found no matching overload for '_+_'") == true)
    }

    @Test func clusterScopedInstancesHaveNoNamespace() {
        #expect(check("schema.metadata.namespace", context(scope: .cluster)).1.first?.contains("undefined field 'namespace'") == true)
        #expect(check("schema.metadata.name", context(scope: .cluster)).0 == .string)
    }

    @Test func iteratorsAndEachAreExtraVariables() {
        #expect(check("region + '-x'", extra: ["region": .string]).0 == .string)
        #expect(check("each.data", extra: ["each": context().itemTypes["configs"]!]).0 == .map(.string, .string))
        #expect(check("region").1.first?.contains("undeclared reference to 'region'") == true)
    }
}
