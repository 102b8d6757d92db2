import JSON
import OrderedCollections

/// The schemas of every kind the engine can type: the bundled Kubernetes kinds plus the
/// CRDs the user named. Immutable; build a new store when the CRD set changes.
public struct SchemaStore: Sendable {
    public let resolver: SchemaResolver
    public let kubernetesVersion: String?
    private let bundleKinds: OrderedDictionary<String, String>
    private let crdKinds: [String: KindSchema]

    public init(resolver: SchemaResolver = .empty, kubernetesVersion: String? = nil,
                bundleKinds: OrderedDictionary<String, String> = [:], crdKinds: [KindSchema] = []) {
        self.resolver = resolver
        self.kubernetesVersion = kubernetesVersion
        self.bundleKinds = bundleKinds
        var byKey: [String: KindSchema] = [:]
        for kind in crdKinds { byKey[kind.gvk.bundleKey] = kind }
        self.crdKinds = byKey
    }

    /// A store over a bundle in the shape of `k8s-schemas/kubernetes-*.json`
    /// (`kubernetesVersion`, `kinds`: key → definition name, `definitions`).
    public init(bundle: JSONValue, crdKinds: [KindSchema] = []) {
        self.init(
            resolver: SchemaResolver(definitions: bundle["definitions"]?.objectValue ?? [:]),
            kubernetesVersion: bundle["kubernetesVersion"]?.stringValue,
            bundleKinds: (bundle["kinds"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            crdKinds: crdKinds)
    }

    /// The same store with more CRD kinds (later ones replace earlier ones of the same key).
    public func adding(crdKinds more: [KindSchema]) -> SchemaStore {
        SchemaStore(resolver: resolver, kubernetesVersion: kubernetesVersion, bundleKinds: bundleKinds,
                    crdKinds: Array(crdKinds.values) + more)
    }

    /// The schema of `apiVersion`/`kind`; CRDs shadow built-ins of the same key.
    public func lookup(_ gvk: GroupVersionKind) -> KindSchema? {
        if let crd = crdKinds[gvk.bundleKey] { return crd }
        guard let definition = bundleKinds[gvk.bundleKey], let root = resolver.definition(named: definition) else {
            return nil
        }
        return KindSchema(gvk: gvk, scope: .ofBuiltin(group: gvk.group, kind: gvk.kind), root: root,
                          origin: .kubernetes(version: kubernetesVersion ?? "unknown"))
    }

    /// The bundled Kubernetes kind keys (`apps/v1/Deployment`), in bundle order.
    public var builtinKindKeys: [String] { Array(bundleKinds.keys) }

    /// Every known kind key (`apps/v1/Deployment`), for completion.
    public var allKindKeys: [String] {
        (Array(bundleKinds.keys) + crdKinds.keys).sorted()
    }
}
