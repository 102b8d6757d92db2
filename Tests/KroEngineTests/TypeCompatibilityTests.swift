import CEL
import JSON
import Testing
@testable import KroEngine

@Suite struct TypeCompatibilityTests {
    static let deployment: JSONValue = [
        "type": "object",
        "properties": [
            "metadata": ["type": "object", "properties": ["namespace": ["type": "string"], "name": ["type": "string"]]],
            "spec": ["type": "object", "properties": [
                "replicas": ["type": "integer"],
                "selector": ["type": "object", "properties": [
                    "matchLabels": ["type": "object", "additionalProperties": ["type": "string"]],
                ]],
                "ports": ["type": "array", "items": ["type": "object", "properties": [
                    "port": ["type": "integer"], "name": ["type": "string"],
                ]]],
                "anything": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                "created": ["type": "string", "format": "date-time"],
            ]],
        ],
    ]

    var provider: SchemaTypeProvider {
        let root = OpenAPISchema(json: Self.deployment)!
        return SchemaTypeProvider(resolver: .empty, roots: ["__type_a": root, "__type_b": root])
    }

    @Test func expectedTypesFollowThePath() {
        let p = provider
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("replicas")]) == .int)
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("selector"), .field("matchLabels")])
                == .map(.string, .string))
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("selector"), .field("matchLabels"), .field("app")])
                == .string)
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("ports"), .index(0)])
                == .object("__type_a.spec.ports.@idx"))
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("ports"), .index(0), .field("port")]) == .int)
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("nope")]) == .dyn)
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("replicas"), .index(1)]) == .dyn)
        #expect(p.expectedType(rootTypeName: "__type_a", path: [.field("spec"), .field("anything"), .field("x")]) == .dyn)
    }

    @Test func structurallyIdenticalTypesOfTwoResourcesAreCompatible() {
        let check = StructuralCompatibility(types: provider)
        #expect(check.incompatibility(output: .object("__type_b.spec"), expected: .object("__type_a.spec")) == nil)
        #expect(check.incompatibility(output: .list(.object("__type_b.spec.ports.@idx")),
                                      expected: .list(.object("__type_a.spec.ports.@idx"))) == nil)
    }

    @Test func mapsAgainstStructsCheckEveryField() {
        let check = StructuralCompatibility(types: provider)
        // {"port": 80, "name": "http"} is map(string, dyn): dyn fits every field.
        #expect(check.incompatibility(output: .map(.string, .dyn), expected: .object("__type_a.spec.ports.@idx")) == nil)
        #expect(check.incompatibility(output: .map(.string, .string), expected: .object("__type_a.spec.ports.@idx"))
                == "map value incompatible with struct field \"port\": type kind mismatch: got \"string\", expected \"int\"")
        #expect(check.incompatibility(output: .map(.int, .dyn), expected: .object("__type_a.spec.ports.@idx"))
                == "map keys must be strings to assign to struct")
    }

    @Test func subsetRuleAndKindMismatch() {
        let check = StructuralCompatibility(types: provider)
        #expect(check.incompatibility(output: .object("__type_b.spec"), expected: .object("__type_a.spec.selector"))
                == "field \"anything\" exists in output but not in expected type")
        #expect(check.incompatibility(output: .object("__type_b.spec"), expected: .object("__type_a.spec.anything")) == nil)
        #expect(check.incompatibility(output: .int, expected: .string) == "type kind mismatch: got \"int\", expected \"string\"")
        #expect(check.incompatibility(output: .optional(.int), expected: .int) == nil)
        #expect(check.incompatibility(output: .list(.int), expected: .list(.string))
                == "list element type incompatible: type kind mismatch: got \"int\", expected \"string\"")
        #expect(check.incompatibility(output: .int, expected: .uint) != nil)
    }

    @Test func statusSchemasFromTypes() {
        let infer = StatusSchemaInference(types: provider)
        #expect(infer.schema(for: .int) == ["type": "integer"])
        #expect(infer.schema(for: .list(.string)) == ["type": "array", "items": ["type": "string"]])
        #expect(infer.schema(for: .map(.string, .bool)) == ["type": "object", "additionalProperties": ["type": "boolean"]])
        #expect(infer.schema(for: .timestamp)
                == ["type": "string", "format": "date-time", "description": "Timestamp representing a creation time"])
        #expect(infer.schema(for: .optional(.int))
                == ["description": "unknown CEL type: optional_type(int)", "x-kubernetes-preserve-unknown-fields": true])
        #expect(infer.schema(for: .dyn) == ["x-kubernetes-preserve-unknown-fields": true])
        let metadata = infer.schema(for: .object("__type_a.metadata"))
        #expect(metadata == ["type": "object", "properties": ["__namespace__": ["type": "string"], "name": ["type": "string"]]])
        let spec = infer.schema(for: .object("__type_a.spec"))
        #expect(spec["properties"]?["created"] == ["x-kubernetes-preserve-unknown-fields": true], "nested timestamps lose their type")
        #expect(infer.schema(for: .object("__type_missing")) == ["type": "object", "additionalProperties": true])
    }
}
