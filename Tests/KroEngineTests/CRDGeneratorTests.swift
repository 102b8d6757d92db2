import Foundation
import JSON
@testable import KroEngine
import Testing
import YAMLSyntax

/// Finds `../shared` next to the package root.
enum SharedData {
    static var root: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("../shared").standardized
    }

    static func text(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}

private func generated(_ yaml: String) -> [GeneratedCRD] {
    YAMLParser.parse(SourceText(yaml)).documents.compactMap { $0.root.flatMap { RGDCRDReader.generate(document: $0) } }
}

@Suite struct CRDGeneratorTests {
    static let kroStatus: JSONValue = [
        "conditions": [
            "items": [
                "properties": [
                    "lastTransitionTime": ["type": "string"], "message": ["type": "string"],
                    "observedGeneration": ["type": "integer"], "reason": ["type": "string"],
                    "status": ["type": "string"], "type": ["type": "string"],
                ],
                "type": "object",
            ],
            "type": "array",
        ],
        "state": ["type": "string"],
    ]

    static let defaultColumns: JSONValue = [
        ["description": "The state of a ResourceGraphDefinition instance", "jsonPath": ".status.state",
         "name": "State", "type": "string"],
        ["description": "Whether a ResourceGraphDefinition instance is ready",
         "jsonPath": ".status.conditions[?(@.type==\"Ready\")].status", "name": "Ready", "type": "string"],
        ["description": "Age of the resource", "jsonPath": ".metadata.creationTimestamp", "name": "Age", "type": "date"],
    ]

    /// kro-examples/kubernetes/defaults/rg.yaml, worked out by hand from rgd.md §15 and
    /// simpleschema.md §3–§5.
    @Test func defaultsExample() throws {
        let crd = try #require(generated(try SharedData.text("corpus/kro-examples/kubernetes/defaults/rg.yaml")).first)
        #expect(crd.diagnostics.isEmpty)
        let expected: JSONValue = [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": "somethings.kro.run"],
            "spec": [
                "group": "kro.run",
                "names": ["kind": "Something", "listKind": "SomethingList", "plural": "somethings", "singular": "something"],
                "scope": "Namespaced",
                "versions": [[
                    "additionalPrinterColumns": Self.defaultColumns,
                    "name": "v1alpha1",
                    "schema": ["openAPIV3Schema": [
                        "properties": [
                            "apiVersion": ["type": "string"],
                            "kind": ["type": "string"],
                            "metadata": ["type": "object"],
                            "spec": [
                                "properties": [
                                    "config": [
                                        "default": [:],
                                        "properties": [
                                            "field": ["type": "string"],
                                            "field2": ["default": 200, "type": "integer"],
                                            "field3": ["default": 2002, "type": "integer"],
                                        ],
                                        "type": "object",
                                    ],
                                    "element": ["default": "e", "type": "string"],
                                    "elements": ["default": ["a", "b", "c", "d"], "items": ["type": "string"], "type": "array"],
                                    "enabled": ["default": true, "type": "boolean"],
                                    "name": ["type": "string"],
                                    "number": ["default": 100, "type": "integer"],
                                    "required": ["type": "integer"],
                                ],
                                "required": ["required"],
                                "type": "object",
                            ],
                            "status": ["properties": Self.kroStatus, "type": "object"],
                        ],
                        "type": "object",
                    ]],
                    "served": true,
                    "storage": true,
                    "subresources": ["status": [:]],
                ]],
            ],
        ]
        #expect(crd.result.crd == expected)
        #expect(crd.result.name == "somethings.kro.run")
    }

    /// kro-examples/kubernetes/additionalPrinterColumns/rg.yaml: given columns replace the
    /// defaults; status expressions are untyped until type checking fills them in.
    @Test func printerColumnsExample() throws {
        let crd = try #require(generated(try SharedData.text("corpus/kro-examples/kubernetes/additionalPrinterColumns/rg.yaml")).first)
        #expect(crd.diagnostics.isEmpty)
        let version = try #require(crd.result.crd["spec"]?["versions"]?.arrayValue?.first)
        #expect(version["additionalPrinterColumns"] == [
            ["jsonPath": ".status.availableReplicas", "name": "Available replicas", "type": "integer"],
            ["jsonPath": ".spec.image", "name": "Image", "type": "string"],
            ["jsonPath": ".spec.ingress.enabled", "name": "Enabled Ingress", "type": "boolean"],
        ])
        let status = version["schema"]?["openAPIV3Schema"]?["properties"]?["status"]
        var properties = Self.kroStatus.objectValue ?? [:]
        properties["availableReplicas"] = ["x-kubernetes-preserve-unknown-fields": true]
        properties["deploymentConditions"] = ["x-kubernetes-preserve-unknown-fields": true]
        #expect(status == JSONValue.object(properties).sortedKeys().objectValue.map { ["properties": .object($0), "type": "object"] })
        #expect(crd.result.crd["metadata"]?["name"] == "applications.kro.run")
        #expect(version["schema"]?["openAPIV3Schema"]?["properties"]?["spec"]?["properties"]?["ingress"]?["default"] == [:])
    }

    @Test func groupScopeNamesAndMetadata() throws {
        let crd = try #require(generated("""
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: db}
        spec:
          schema:
            apiVersion: v1beta1
            kind: Database
            group: data.example.com
            scope: Cluster
            shortNames: [db, dbs]
            categories: [all]
            metadata:
              labels: {team: data}
              annotations: {note: x}
            status:
              url: "https://${service.metadata.name}:5432"
              endpoints: ["${a.x}", "${b.y}"]
              nested:
                ready: ${deployment.status.ready}
              state: ${deployment.status.phase}
              conditions: ["${runtime.newCondition({type: 'X', status: 'True'})}"]
        """).first)
        let spec = try #require(crd.result.crd["spec"])
        #expect(crd.result.crd["metadata"] == ["annotations": ["note": "x"], "labels": ["team": "data"], "name": "databases.data.example.com"])
        #expect(spec["group"] == "data.example.com")
        #expect(spec["scope"] == "Cluster")
        #expect(spec["names"] == ["categories": ["all"], "kind": "Database", "listKind": "DatabaseList", "plural": "databases",
                                  "shortNames": ["db", "dbs"], "singular": "database"])
        let status = spec["versions"]?.arrayValue?.first?["schema"]?["openAPIV3Schema"]?["properties"]?["status"]
        let preserve: JSONValue = ["x-kubernetes-preserve-unknown-fields": true]
        #expect(status?["properties"]?["url"] == ["type": "string"])
        #expect(status?["properties"]?["endpoints"] == ["items": preserve, "type": "array"])
        #expect(status?["properties"]?["nested"] == ["properties": ["ready": preserve], "type": "object"])
        // The author's `state` keeps its own schema; kro still adds `conditions`.
        #expect(status?["properties"]?["state"] == preserve)
        #expect(status?["properties"]?["conditions"] == Self.kroStatus["conditions"])
        #expect(crd.diagnostics.isEmpty)
    }

    @Test func inferredStatusTypesAreUsedWhenGiven() throws {
        let file = YAMLParser.parse(SourceText("""
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        spec:
          schema: {apiVersion: v1, kind: App, status: {replicas: "${d.status.replicas}"}}
        """))
        let root = try #require(file.documents.first?.root)
        let crd = try #require(RGDCRDReader.generate(
            document: root, status: [StatusFieldSchema(path: [.field("replicas")], schema: ["type": "integer"])]))
        let status = crd.result.crd["spec"]?["versions"]?.arrayValue?.first?["schema"]?["openAPIV3Schema"]?["properties"]?["status"]
        #expect(status?["properties"]?["replicas"] == ["type": "integer"])
    }

    @Test func acceptanceChecks() throws {
        let text = """
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: a}
        spec:
          schema:
            apiVersion: v1
            kind: DNS
            group: nodots
            additionalPrinterColumns:
              - {name: X, type: float, jsonPath: .spec.x}
              - {name: Col, type: string, jsonPath: ".spec[0"}
        ---
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: b}
        spec:
          schema: {apiVersion: v1, kind: App}
        ---
        apiVersion: kro.run/v1alpha1
        kind: ResourceGraphDefinition
        metadata: {name: c}
        spec:
          schema: {apiVersion: v2, kind: App, group: kro.run}
        """
        let all = generated(text)
        #expect(all.count == 3)
        let first = all[0]
        #expect(first.result.crd["spec"]?["names"]?["plural"] == "dnsDNSes")
        #expect(first.diagnostics.map(\.code) == ["KRO501", "KRO502", "KRO510", "KRO510"])
        let bytes = Array(text.utf8)
        func at(_ d: Diagnostic) -> String { String(decoding: bytes[d.range.start..<d.range.end], as: UTF8.self) }
        #expect(first.diagnostics.map(at) == ["nodots", "DNS", "{name: X, type: float, jsonPath: .spec.x}",
                                               "{name: Col, type: string, jsonPath: \".spec[0\"}"])
        #expect(first.diagnostics[0].message.hasPrefix("spec.group: Invalid value: \"nodots\": should be a domain with at least one dot"))
        #expect(first.diagnostics[1].message.hasPrefix("spec.names.plural: Invalid value: \"dnsDNSes\""))

        let duplicates = CRDGenerator.duplicateNames(all.map(\.source))
        #expect(duplicates.map(\.code) == ["KRO511", "KRO511"])
        #expect(duplicates.map(at) == ["App", "App"])
        #expect(duplicates[0].message.contains("apps.kro.run"))
        #expect(duplicates[0].related.count == 1)
    }

    /// Many RGDs generating one CRD: each finding names at most 32 of the others, then how
    /// many more there are.
    @Test func aCRDGeneratedManyTimesNamesTheFirstOthers() {
        let text = (0..<40).map { "apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nmetadata: {name: r\($0)}\n"
            + "spec:\n  schema: {apiVersion: v1, kind: App}\n" }.joined(separator: "---\n")
        let duplicates = CRDGenerator.duplicateNames(generated(text).map(\.source))
        #expect(duplicates.count == 40)
        #expect(duplicates.allSatisfy { $0.related.count == 32 })
        let others = (1...32).map { "r\($0)" }.joined(separator: ", ")
        #expect(duplicates[0].message.hasPrefix("CRD apps.kro.run is also generated by ResourceGraphDefinition \(others) and 7 more; kro fails"))
        #expect(duplicates[39].message.contains("ResourceGraphDefinition r0, r1, "))
        #expect(duplicates[39].related.last?.message == "ResourceGraphDefinition r31 also generates apps.kro.run")
    }

    @Test func notAnRGDOrIncompleteSchema() {
        #expect(generated("apiVersion: v1\nkind: ConfigMap\n").isEmpty)
        #expect(generated("apiVersion: kro.run/v1alpha1\nkind: ResourceGraphDefinition\nspec: {schema: {kind: A}}\n").isEmpty)
    }

    /// Every corpus RGD: the CRD is valid YAML that reads back as the same value, and the
    /// only errors are the ones kro itself raises (the ack-controller examples write
    /// `default=` values with unquoted spaces, which kro's marker lexer rejects).
    @Test func corpusCRDsAreValidYAML() throws {
        let corpus = SharedData.root.appendingPathComponent("corpus")
        let files = FileManager.default.enumerator(atPath: corpus.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted() ?? []
        #expect(files.count > 50)
        var rgds = 0
        var erroneous: [String] = []
        for file in files {
            let text = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
            for crd in generated(text) {
                rgds += 1
                let yaml = YAMLWriter.write(crd.result.crd)
                let back = YAMLParser.parse(SourceText(yaml))
                #expect(back.errors.isEmpty, "\(file)")
                #expect(back.documents.first?.root?.jsonValue == crd.result.crd, "\(file)")
                let errors = crd.diagnostics.filter { $0.severity == .error }
                if !errors.isEmpty { erroneous.append(file) }
                for e in errors { #expect(e.code == "KRO113", "\(file): \(e.message)") }
            }
        }
        #expect(rgds >= 59)   // 60 files hold an RGD; one is a partial doc block without schema.kind
        #expect(erroneous.allSatisfy { $0.contains("ack-controller") }, "\(erroneous)")
    }
}
