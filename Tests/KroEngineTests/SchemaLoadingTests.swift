import CEL
import JSON
import Foundation
import Testing
@testable import KroEngine
import YAMLSyntax

/// `../shared` beside the package root.
func sharedDirectory() -> URL {
    var dir = URL(fileURLWithPath: #filePath)
    while dir.path != "/" {
        dir.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            return dir.deletingLastPathComponent().appendingPathComponent("shared")
        }
    }
    return URL(fileURLWithPath: "../shared")
}

@Suite struct SchemaLoadingTests {
    @Test func theSchemaBundleIsEmbeddedInTheBinary() throws {
        let bytes = try #require(EmbeddedResource.bytes(named: "kubernetes-schemas.json"))
        #expect(bytes.count > 100_000)
        #expect(bytes.first == UInt8(ascii: "{") && bytes.last == UInt8(ascii: "}"))
        #expect(EmbeddedResource.bytes(named: "no-such-blob.json") == nil)
        // Read in place, the same bytes.
        let blob = try #require(EmbeddedResource.blob(named: "kubernetes-schemas.json"))
        #expect(blob.count == bytes.count)
        #expect(blob.withBytes { $0.elementsEqual(bytes) })
        #expect(EmbeddedResource.blob(named: "no-such-blob.json") == nil)
    }

    @Test func aMissingOrBrokenBundleIsAnErrorNotAnEmptyStore() {
        for bytes in [nil, Array("{".utf8), Array("{}".utf8), Array(#"{"kinds":{},"definitions":{}}"#.utf8)] as [[UInt8]?] {
            guard case .failure(let error) = BundledSchemas.load(bytes) else {
                Issue.record("accepted \(String(describing: bytes))")
                continue
            }
            #expect(error.message.contains("Kubernetes schema bundle"))
        }
    }

    /// The embedded bundle's definitions are parsed when first used: each kind resolves to
    /// the schema the whole bundle, parsed at once, gives.
    @Test func definitionsParsedWhenUsedAreThoseOfTheWholeBundle() throws {
        let lazy = try BundledSchemas.load().get()
        let bytes = try #require(EmbeddedResource.bytes(named: "kubernetes-schemas.json"))
        let eager = SchemaStore(bundle: try JSONParser.parse(bytes))
        #expect(lazy.allKindKeys == eager.allKindKeys && lazy.kubernetesVersion == eager.kubernetesVersion)
        for key in eager.allKindKeys {
            let gvk = try #require(GroupVersionKind(bundleKey: key))
            let kind = try #require(lazy.lookup(gvk))
            #expect(kind == eager.lookup(gvk), "\(key)")
            // Every definition a kind reaches, through its references.
            var pending = [kind.root], seen = 0
            while let schema = pending.popLast(), seen < 5_000 {
                seen += 1
                if let ref = schema.ref {
                    #expect(lazy.resolver.resolveShape(schema) == eager.resolver.resolveShape(schema), "\(ref)")
                    continue
                }
                pending += Array(schema.properties.values) + [schema.items].compactMap { $0 }
            }
        }
    }

    @Test func bundledKubernetesSchemasLoadFromTheEmbeddedBundle() throws {
        let store = try BundledSchemas.load().get()
        #expect(store.kubernetesVersion == "1.34.0")
        #expect(store.allKindKeys.count == 51)
        let deployment = try #require(store.lookup(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")))
        #expect(deployment.scope == .namespaced)
        #expect(deployment.origin == .kubernetes(version: "1.34.0"))
        #expect(store.lookup(GroupVersionKind(group: "", version: "v1", kind: "Namespace"))?.scope == .cluster)
        #expect(store.lookup(GroupVersionKind(group: "apps", version: "v1beta1", kind: "Deployment")) == nil)
    }

    @Test func kubernetesKindsConvertToCELTypes() throws {
        let store = bundledSchemaStore
        let deployment = try #require(store.lookup(GroupVersionKind(group: "apps", version: "v1", kind: "Deployment")))
        let types = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_deployment": deployment.root])
        let container = try #require(types.objectType(named: "__type_deployment.spec.template.spec.containers.@idx"))
        #expect(container.fields["image"] == .string)
        #expect(container.fields["ports"] == .list(.object("__type_deployment.spec.template.spec.containers.@idx.ports.@idx")))
        let resources = try #require(types.objectType(named: "__type_deployment.spec.template.spec.containers.@idx.resources"))
        #expect(resources.fields["limits"] == .map(.string, .dyn), "Quantity map values are dyn")
        let meta = try #require(types.objectType(named: "__type_deployment.metadata"))
        #expect(meta.fields["namespace"] == .string)
        #expect(meta.fields["creationTimestamp"] == .timestamp)
        #expect(types.expectedType(rootTypeName: "__type_deployment", path: [.field("spec"), .field("replicas")]) == .int)
        let status = try #require(types.objectType(named: "__type_deployment.status"))
        #expect(status.fields["availableReplicas"] == .int)

        let secret = try #require(store.lookup(GroupVersionKind(group: "", version: "v1", kind: "Secret")))
        let secretTypes = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_s": secret.root])
        #expect(secretTypes.expectedType(rootTypeName: "__type_s", path: [.field("data"), .field("password")]) == .bytes)
        let service = try #require(store.lookup(GroupVersionKind(group: "", version: "v1", kind: "Service")))
        let serviceTypes = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_svc": service.root])
        #expect(serviceTypes.expectedType(rootTypeName: "__type_svc",
                                          path: [.field("spec"), .field("ports"), .index(0), .field("targetPort")]) == .dyn)
    }

    @Test func sharedCRDsLoadWithObjectMeta() throws {
        let result = CRDFileLoader.load(paths: [sharedDirectory().appendingPathComponent("crds").path])
        #expect(result.problems.isEmpty)
        let keys = Set(result.kinds.map(\.gvk.bundleKey))
        #expect(keys.contains("ec2.services.k8s.aws/v1alpha1/VPC"))
        #expect(keys.contains("eks.services.k8s.aws/v1alpha1/Cluster"))
        #expect(keys.contains("iam.services.k8s.aws/v1alpha1/Role"))
        let (store, problems) = SchemaStore.loading(crdPaths: [sharedDirectory().appendingPathComponent("crds").path],
                                                    onto: bundledSchemaStore)
        #expect(problems.isEmpty)
        let vpc = try #require(store.lookup(GroupVersionKind(group: "ec2.services.k8s.aws", version: "v1alpha1", kind: "VPC")))
        let types = SchemaTypeProvider(resolver: store.resolver, roots: ["__type_vpc": vpc.root])
        #expect(types.objectType(named: "__type_vpc.metadata")?.fields["name"] == .string, "ObjectMeta injected")
        #expect(types.objectType(named: "__type_vpc.status")?.fields["vpcID"] == .string)
    }

    /// A JSON CRD is read by the JSON reader (no YAML tree beside it): the same kinds as the
    /// YAML it was written from. A JSON file the reader refuses is read as YAML, whose
    /// error says where.
    @Test func jsonCRDsLoadAsTheirYAML() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kro-json-crds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yamlFiles = CRDFileLoader.schemaFiles(under: sharedDirectory().appendingPathComponent("crds").path)
            .filter { !$0.hasSuffix(".json") }
        var compared = 0
        for (i, path) in yamlFiles.enumerated() {
            let fromYAML = CRDFileLoader.load(paths: [path])
            let documents = YAMLParser.parse(SourceText(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))).documents
            guard fromYAML.problems.isEmpty, documents.count == 1, let value = documents[0].root?.jsonValue else { continue }
            let json = dir.appendingPathComponent("\(i).json")
            try Data(("\n  " + value.jsonText).utf8).write(to: json)
            let fromJSON = CRDFileLoader.load(paths: [json.path])
            #expect(fromJSON.problems.isEmpty, "\(path)")
            #expect(fromJSON.kinds.map(\.gvk) == fromYAML.kinds.map(\.gvk), "\(path)")
            #expect(fromJSON.kinds.map(\.root) == fromYAML.kinds.map(\.root), "\(path)")
            compared += fromYAML.kinds.count
        }
        #expect(compared > 20)
        let broken = dir.appendingPathComponent("broken.json")
        try Data("{\"apiVersion\": \"apiextensions.k8s.io/v1\",\n \"kind\": [}\n".utf8).write(to: broken)
        let refused = CRDFileLoader.load(paths: [broken.path])
        #expect(refused.kinds.isEmpty)
        #expect(refused.problems.count == 1 && refused.problems[0].hasPrefix(broken.path + ":2:"), "\(refused.problems)")
    }

    @Test func missingCRDPathsAreReportedNotFatal() {
        let result = CRDFileLoader.load(paths: ["/nonexistent/crds"])
        #expect(result.kinds.isEmpty)
        #expect(result.problems == ["/nonexistent/crds: no such file or directory"])
    }
}
