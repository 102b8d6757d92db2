@testable import CEL
import JSON
import Testing
import YAMLSyntax
@testable import KroEngine

@Suite struct TemplateLiteralValidatorTests {
    static let schema: JSONValue = [
        "type": "object",
        "properties": [
            "apiVersion": ["type": "string"],
            "kind": ["type": "string"],
            "metadata": ["type": "object", "properties": [
                "name": ["type": "string"],
                "labels": ["type": "object", "additionalProperties": ["type": "string"]],
            ]],
            "spec": ["type": "object", "properties": [
                "replicas": ["type": "integer"],
                "ratio": ["type": "number"],
                "paused": ["type": "boolean"],
                "port": ["x-kubernetes-int-or-string": true],
                "size": ["oneOf": [["type": "number"], ["type": "string"]]],
                "args": ["type": "array", "items": ["type": "string"]],
                "broken": ["type": "array"],
                "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                "weird": ["description": "no type at all"],
            ]],
        ],
    ]

    /// Validates `yaml` (a template) and returns `code@text-at-range` for each finding.
    func findings(_ yaml: String) -> [String] {
        let source = SourceText(yaml)
        let file = YAMLParser.parse(source)
        guard let root = file.documents.first?.root else { return ["no document"] }
        let validator = TemplateLiteralValidator(resolver: .empty) { text in
            if text.hasPrefix("${") && text.hasSuffix("}") && text.components(separatedBy: "${").count == 2 {
                return .standaloneExpression
            }
            return text.contains("${") ? .template : .literal
        }
        return validator.validate(template: root, root: OpenAPISchema(json: Self.schema)!).map {
            "\($0.code)@\(source.string(in: $0.range)): \($0.message)"
        }
    }

    @Test func acceptsValidLiteralsAndExpressions() {
        #expect(findings("""
            apiVersion: v1
            kind: Thing
            metadata: {name: x, labels: {app: web}}
            spec:
              replicas: 3.0
              ratio: 2
              paused: yes
              port: http
              size: 1Gi
              args: [a, "${schema.spec.x}"]
              extra: {anything: [1, {deep: true}]}
              replicas2: ~
            """).map { $0.prefix(6) } == ["KRO304"])
    }

    @Test func reportsWrongTypesAtTheValue() {
        #expect(findings("spec:\n  replicas: \"3\"\n") == ["KRO303@\"3\": expected integer type for path spec.replicas, got string"])
        #expect(findings("spec:\n  replicas: 3.5\n") == ["KRO303@3.5: expected integer type for path spec.replicas, got float64"])
        #expect(findings("spec:\n  paused: 1\n") == ["KRO303@1: expected boolean type for path spec.paused, got integer"])
        #expect(findings("spec:\n  port: true\n") == ["KRO303@true: expected string or integer type for path spec.port, got boolean"])
        #expect(findings("spec:\n  args: x\n") == ["KRO303@x: expected array type for path spec.args, got string"])
        #expect(findings("spec:\n  replicas: [1]\n") == ["KRO303@[1]: expected integer type for path spec.replicas, got array"])
        #expect(findings("metadata:\n  labels:\n    app: 5\n")
                == ["KRO303@5: expected string type for path metadata.labels.app, got integer"])
    }

    @Test func stringTemplatesInNonStringFieldsAreKRO307() {
        #expect(findings("spec:\n  replicas: \"n-${schema.spec.n}\"\n")
                == ["KRO307@\"n-${schema.spec.n}\": expected integer type for path spec.replicas, got string"])
        #expect(findings("spec:\n  replicas: ${schema.spec.n}\n").isEmpty)
    }

    @Test func unknownFieldsAndSchemaProblemsPointAtTheKey() {
        #expect(findings("spec:\n  replica: 1\n")
                == ["KRO304@replica: error getting field schema for path spec.replica: schema not found for field replica (did you mean \"replicas\"?)"])
        #expect(findings("surname: x\n")
                == ["KRO304@surname: error getting field schema for path .surname: schema not found for field surname"])
        #expect(findings("spec:\n  broken: [a]\n")
                == ["KRO306@broken: invalid array schema for path spec.broken: neither Items.Schema nor Properties are defined"])
        #expect(findings("spec:\n  weird: 1\n")
                == ["KRO305@weird: schema at path spec.weird has no valid type, OneOf, AnyOf, or AdditionalProperties"])
    }

    /// An unknown field is suggested among the properties that are schemas (not a malformed
    /// entry), and among at most `DidYouMean.maxCandidates` of them.
    @Test func suggestionsComeFromTheObjectsProperties() {
        func schema(_ count: Int) -> OpenAPISchema {
            var properties: JSONObject = ["replicas": ["type": "integer"], "replicaz": "not a schema"]
            for i in 0..<count { properties["p\(i)"] = ["type": "string"] }
            return OpenAPISchema(json: ["type": "object", "properties": .object(properties)])!
        }
        let template = YAMLParser.parse(SourceText("replicaq: 1\n")).documents[0].root!
        let validator = TemplateLiteralValidator(resolver: .empty) { _ in .literal }
        for (count, suggested) in [(0, true), (DidYouMean.maxCandidates - 1, true), (DidYouMean.maxCandidates, false)] {
            let messages = validator.validate(template: template, root: schema(count)).map(\.message)
            #expect(messages == ["error getting field schema for path .replicaq: schema not found for field replicaq"
                                 + (suggested ? " (did you mean \"replicas\"?)" : "")], "\(count) more properties")
        }
    }

    @Test func followsMergeKeysAndAliases() {
        #expect(findings("""
            base: &b {replicas: 2}
            """).count == 1, "base is not a field")
        #expect(findings("""
            spec:
              <<: {replicas: "x"}
              paused: false
            """) == ["KRO303@\"x\": expected integer type for path spec.replicas, got string"])
    }

    @Test func formatsPathsLikeKro() {
        #expect(TemplateFieldPath.format([.field("metadata"), .field("labels"), .field("app.kubernetes.io/name")])
                == "metadata.labels[\"app.kubernetes.io/name\"]")
        #expect(TemplateFieldPath.format([.field("spec"), .field("ports"), .index(0), .field("port")]) == "spec.ports[0].port")
        #expect(TemplateFieldPath.format([.field("a"), .field("")]) == "a[\"\"]")
    }
}
