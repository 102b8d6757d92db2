import Foundation
import CEL
import JSON
import KroTestSupport
import Testing
@testable import KroEngine

@Suite struct SchemaTypeTests {
    static let quantity: JSONValue = ["oneOf": [["type": "number"], ["type": "string"]]]
    static let definitions: JSONValue = [
        "Quantity": quantity,
        "Meta": ["type": "object", "properties": ["name": ["type": "string"], "namespace": ["type": "string"]]],
    ]
    static let root: JSONValue = [
        "type": "object",
        "properties": [
            "metadata": ["$ref": "#/definitions/Meta", "description": "site description"],
            "spec": [
                "type": "object",
                "properties": [
                    "replicas": ["type": "integer", "format": "int32"],
                    "port": ["x-kubernetes-int-or-string": true],
                    "data": ["type": "object", "additionalProperties": ["type": "string", "format": "byte"]],
                    "limits": ["type": "object", "additionalProperties": ["$ref": "#/definitions/Quantity"]],
                    "sizeLimit": ["$ref": "#/definitions/Quantity"],
                    "created": ["type": "string", "format": "date-time"],
                    "containers": ["type": "array", "items": [
                        "type": "object", "properties": ["image": ["type": "string"]],
                    ]],
                    "untypedList": ["type": "array"],
                    "extra": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "app.kubernetes.io/name": ["type": "string"],
                    "9lives": ["type": "string"],
                    "labels": ["type": "object", "additionalProperties": true],
                ],
            ],
        ],
    ]

    var provider: SchemaTypeProvider {
        SchemaTypeProvider(
            resolver: SchemaResolver(definitions: Self.definitions.objectValue!),
            roots: ["__type_web": OpenAPISchema(json: Self.root)!])
    }

    /// The checker skips `objectType(named:)` for a dotted name whose root the provider
    /// disowns: only roots' names are owned, and every type found is under one.
    @Test func dottedNamesAreTypesOnlyUnderARoot() {
        let p = provider
        #expect(p.mayNameTypes(under: "__type_web"))
        for root in ["web", "schema", "__type_we", "__type_web2", "spec"] { #expect(!p.mayNameTypes(under: root), "\(root)") }
        let paths = ["spec", "spec.containers", "spec.containers.@idx", "metadata", "spec.extra", "nope"]
        for root in ["__type_web", "web", "__type_we", "spec"] {
            for path in paths where p.objectType(named: root + "." + path) != nil {
                #expect(p.mayNameTypes(under: root), "\(root).\(path)")
            }
        }
        #expect(p.objectType(named: "__type_web.spec.containers.@idx") != nil)
    }

    @Test func convertsFieldTypesAsKroDoes() throws {
        let spec = try #require(provider.objectType(named: "__type_web.spec"))
        #expect(spec.fields["replicas"] == .int)
        #expect(spec.fields["port"] == .dyn)
        #expect(spec.fields["data"] == .map(.string, .bytes))
        #expect(spec.fields["limits"] == .map(.string, .dyn))
        #expect(spec.fields["sizeLimit"] == nil, "a typeless Quantity struct field is not reachable")
        #expect(spec.fields["created"] == .timestamp)
        #expect(spec.fields["containers"] == .list(.object("__type_web.spec.containers.@idx")))
        #expect(spec.fields["untypedList"] == nil)
        #expect(spec.fields["extra"] == .object("__type_web.spec.extra"))
        #expect(spec.fields["app__dot__kubernetes__dot__io__slash__name"] == .string)
        #expect(spec.fields["9lives"] == nil)
        #expect(spec.fields["labels"] == .map(.string, .dyn))
        #expect(!spec.allowsUnknownFields)
    }

    @Test func resolvesNestedPathNamesAndRefs() throws {
        let container = try #require(provider.objectType(named: "__type_web.spec.containers.@idx"))
        #expect(container.fields == ["image": .string])
        let extra = try #require(provider.objectType(named: "__type_web.spec.extra"))
        #expect(extra.allowsUnknownFields)
        let meta = try #require(provider.objectType(named: "__type_web.metadata"))
        #expect(meta.fields["name"] == .string)
        #expect(meta.fields["__namespace__"] == .string)
        #expect(meta.fields["namespace"] == .string, "kro resolves x.namespace to __namespace__")
        #expect(provider.objectType(named: "__type_web.spec.nothing") == nil)
        #expect(provider.objectType(named: "__type_other") == nil)
    }

    @Test func referencingSiteDescriptionWins() {
        let resolver = SchemaResolver(definitions: Self.definitions.objectValue!)
        let metadata = OpenAPISchema(json: Self.root)!.property("metadata")!
        #expect(resolver.resolve(metadata).description == "site description")
        #expect(resolver.resolve(metadata).property("name")?.type == "string")
    }

    @Test func escapesFieldNamesLikeKubernetes() {
        #expect(CELFieldName.escape("namespace") == "__namespace__")
        #expect(CELFieldName.escape("a-b") == "a__dash__b")
        #expect(CELFieldName.escape("a__b") == "a__underscores__b")
        #expect(CELFieldName.escape("x.y/z") == "x__dot__y__slash__z")
        #expect(CELFieldName.escape("1abc") == nil)
        #expect(CELFieldName.escape("a b") == nil)
        #expect(CELFieldName.escape("") == nil)
        #expect(CELFieldName.escape("replicas") == "replicas")
        #expect(CELFieldName.escape("a_b") == "a_b")
        #expect(CELFieldName.escape("___x") == "__underscores___x")
        #expect(CELFieldName.escape("-a") == "__dash__a")
        #expect(CELFieldName.escape("é") == nil)
    }

    /// Reading a CEL field name back gives the one property that escapes to it, for every
    /// name made of escapes' pieces (underscores next to escapes, words that spell one), and
    /// nothing for a field no property escapes to.
    @Test func aFieldNameReadsBackToItsProperty() {
        let pieces = ["_", "__", ".", "-", "/", "dot", "dash", "slash", "underscores", "a", "in", "namespace", "1"]
        var names: Set<String> = ["namespace", "in", "true", "__in__", "__namespace__"]
        var random = SplitMix64(seed: 0xE5CA9E)
        for _ in 0..<20_000 {
            names.insert((0..<Int.random(in: 1...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        var escaped = 0
        for name in names {
            guard let field = CELFieldName.escape(name) else { continue }
            escaped += 1
            #expect(CELFieldName.property(named: field) == name, "\(name) → \(field)")
            // A name that is not an escape's result reads back to nothing, or to the property it is.
            if let back = CELFieldName.property(named: name) { #expect(CELFieldName.escape(back) == name, "\(name)") }
        }
        #expect(escaped > 5_000)
        for field in ["a-b", "1abc", "namespace", "__x__", "a__dot", "", "__"] { #expect(CELFieldName.property(named: field) == nil, "\(field)") }
    }

    /// The byte scan equals the rule as Kubernetes states it (four replacements in
    /// order) on seeded random names over the significant characters.
    @Test func escapeEqualsTheReplacementRule() {
        func rule(_ name: String) -> String? {
            if CELFieldName.reservedWords.contains(name) { return "__\(name)__" }
            guard let first = name.first, !first.isNumber,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }) else { return nil }
            return name.replacingOccurrences(of: "__", with: "__underscores__").replacingOccurrences(of: ".", with: "__dot__")
                .replacingOccurrences(of: "-", with: "__dash__").replacingOccurrences(of: "/", with: "__slash__")
        }
        var random = SplitMix64(seed: 10)
        let alphabet = Array("ab1_._-/_ é")
        for _ in 0..<2_000 {
            let name = String((0..<Int(random.next() % 7)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            #expect(CELFieldName.escape(name) == rule(name), "\(name)")
        }
    }
}

@Suite struct SchemaStoreTests {
    @Test func parsesGroupVersions() {
        #expect(GroupVersionKind(apiVersion: "v1", kind: "Pod")?.bundleKey == "v1/Pod")
        #expect(GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment")?.group == "apps")
        #expect(GroupVersionKind(apiVersion: "a/b/c", kind: "X") == nil)
        #expect(GroupVersionKind(apiVersion: "", kind: "X") == nil)
        #expect(GroupVersionKind(apiVersion: "/v1", kind: "X") == nil)
    }

    static let crd: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "spec": [
            "group": "example.com",
            "scope": "Cluster",
            "names": ["kind": "Widget", "plural": "widgets"],
            "versions": [
                ["name": "v1", "served": true, "schema": ["openAPIV3Schema": [
                    "type": "object",
                    "properties": ["metadata": ["type": "object"], "spec": ["type": "object", "properties": ["size": ["type": "integer"]]]],
                ]]],
                ["name": "v0", "served": false],
            ],
        ],
    ]

    @Test func readsServedCRDVersionsWithObjectMeta() throws {
        let kinds = CRDSchemas.kinds(in: Self.crd, path: "widgets.yaml")
        #expect(kinds.map(\.gvk.bundleKey) == ["example.com/v1/Widget"])
        let widget = try #require(kinds.first)
        #expect(widget.scope == .cluster)
        #expect(widget.origin == .crd(path: "widgets.yaml"))
        #expect(widget.root.property("metadata")?.ref == "#/definitions/\(CRDSchemas.objectMetaDefinition)")
        #expect(widget.root.property("apiVersion")?.type == "string")
        #expect(CRDSchemas.kinds(in: ["kind": "ConfigMap"], path: "x").isEmpty)
    }

    @Test func crdKindsShadowBuiltinsAndScopesComeFromTheTable() throws {
        let bundle: JSONValue = [
            "kubernetesVersion": "1.34.0",
            "kinds": ["v1/Namespace": "ns", "v1/ConfigMap": "cm"],
            "definitions": ["ns": ["type": "object"], "cm": ["type": "object"]],
        ]
        let store = SchemaStore(bundle: bundle)
        #expect(store.lookup(GroupVersionKind(group: "", version: "v1", kind: "Namespace"))?.scope == .cluster)
        #expect(store.lookup(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"))?.scope == .namespaced)
        #expect(store.lookup(GroupVersionKind(group: "", version: "v2", kind: "ConfigMap")) == nil)
        let withCRD = store.adding(crdKinds: CRDSchemas.kinds(in: Self.crd, path: "w.yaml"))
        #expect(withCRD.lookup(GroupVersionKind(group: "example.com", version: "v1", kind: "Widget"))?.scope == .cluster)
        #expect(withCRD.allKindKeys == ["example.com/v1/Widget", "v1/ConfigMap", "v1/Namespace"])
    }
}
