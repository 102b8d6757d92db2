import JSON
@testable import KroEngine
import Testing
import YAMLSyntax

/// simpleschema.md §8, reproduced exactly.
@Suite struct SimpleSchemaWorkedExampleTests {
    static let example = """
    types:
      Port: integer | default=8080 minimum=1 maximum=65535
      Container:
        name: string | required=true
        image: string | required=true pattern="^[a-z0-9./:-]+$"
        port: Port
    spec:
      name: string | required=true description="Application name"
      replicas: integer | default=1 minimum=0 maximum=10
      env: string | default="dev" enum="dev,staging,prod"
      tags: '[]string | uniqueItems=true maxItems=5'
      labels: map[string]string
      containers: '[]Container | minItems=1 listType=map listMapKey=name'
      extra: object
      ingress:
        enabled: boolean | default=false
        host: string
      clusterId: string | immutable=true
      ratio: float | default=0.5
    """

    @Test func specSchemaMatchesTheSpecification() {
        let f = SchemaFixture(Self.example)
        #expect(f.diagnostics.isEmpty, "\(f.diagnostics)")
        let expected: JSONValue = [
            "properties": [
                "clusterId": [
                    "type": "string",
                    "x-kubernetes-validations": [["message": "field is immutable", "rule": "self == oldSelf"]],
                ],
                "containers": [
                    "items": [
                        "properties": [
                            "image": ["pattern": "^[a-z0-9./:-]+$", "type": "string"],
                            "name": ["type": "string"],
                            "port": ["default": 8080, "maximum": 65535, "minimum": 1, "type": "integer"],
                        ],
                        "required": ["image", "name"],
                        "type": "object",
                    ],
                    "minItems": 1,
                    "type": "array",
                    "x-kubernetes-list-map-keys": ["name"],
                    "x-kubernetes-list-type": "map",
                ],
                "env": ["default": "dev", "enum": ["dev", "staging", "prod"], "type": "string"],
                "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                "ingress": [
                    "default": [:],
                    "properties": [
                        "enabled": ["default": false, "type": "boolean"],
                        "host": ["type": "string"],
                    ],
                    "type": "object",
                ],
                "labels": ["additionalProperties": ["type": "string"], "type": "object"],
                "name": ["description": "Application name", "type": "string"],
                "ratio": ["default": 0.5, "type": "number"],
                "replicas": ["default": 1, "maximum": 10, "minimum": 0, "type": "integer"],
                "tags": ["items": ["type": "string"], "maxItems": 5, "type": "array", "x-kubernetes-list-type": "set"],
            ],
            "required": ["name"],
            "type": "object",
        ]
        #expect(f.schema == expected)
        // kro's key order: sorted.
        #expect(f.schema.objectValue?.keys.elements == ["properties", "required", "type"])
        #expect(f.property("containers")?.objectValue?.keys.elements
                == ["items", "minItems", "type", "x-kubernetes-list-map-keys", "x-kubernetes-list-type"])
    }

    @Test func rootDefaultPropagation() {
        let f = SchemaFixture("""
        spec:
          replicas: integer | default=1
          image: string | default="nginx:latest"
        """)
        let expected: JSONValue = [
            "default": [:],
            "properties": [
                "image": ["default": "nginx:latest", "type": "string"],
                "replicas": ["default": 1, "type": "integer"],
            ],
            "type": "object",
        ]
        #expect(f.schema == expected)
        #expect(f.diagnostics.isEmpty)
    }

    @Test func emptyOrAbsentSpec() {
        #expect(SchemaFixture("types: {}\n").schema == ["properties": [:], "type": "object"])
        #expect(SchemaFixture("spec: {}\n").schema == ["properties": [:], "type": "object"])
    }

    @Test func fieldsAreRecordedForHover() throws {
        let f = SchemaFixture(Self.example)
        let env = try #require(f.result.fields.first { $0.block == .spec && $0.path == ["env"] })
        #expect(env.typeText == "string")
        #expect(env.markers.map(\.key) == ["default", "enum"])
        #expect(env.markers.map(\.value) == ["dev", "dev,staging,prod"])
        #expect(f.text(of: env.markers[1].valueRange) == "\"dev,staging,prod\"")
        #expect(f.text(of: env.markers[0].keyRange) == "default")
        #expect(env.schema?["enum"] == ["dev", "staging", "prod"])
        let name = try #require(f.result.fields.first { $0.path == ["name"] })
        #expect(name.isRequired)
        let port = try #require(f.result.fields.first { $0.block == .types && $0.path == ["Container", "port"] })
        #expect(port.typeReferences.map(\.name) == ["Port"])
        #expect(f.text(of: port.typeReferences[0].range) == "Port")
        let host = try #require(f.result.fields.first { $0.path == ["ingress", "host"] })
        #expect(!host.isRequired)
        // Source order, although types are built in dependency order (ties by name).
        let order = SchemaFixture("types:\n  B: string\n  A: B\nspec:\n  z: A\n  w: B\n")
        #expect(order.result.fields.map(\.path) == [["B"], ["A"], ["z"], ["w"]])
        #expect(f.result.customTypes["Port"] == ["default": 8080, "maximum": 65535, "minimum": 1, "type": "integer"])
    }
}
