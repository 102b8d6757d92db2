import JSON
import OrderedCollections

/// The schemas of every kind the engine can type: the CRDs the user named, then the
/// bundled Kubernetes kinds, then the CRD catalog (when enabled). Immutable; build a new
/// store when the CRD set changes.
public struct SchemaStore: Sendable {
    public let resolver: SchemaResolver
    public let kubernetesVersion: String?
    private let bundleKinds: OrderedDictionary<String, String>
    /// The bundled kinds, in bundle order, parsed once (asked for at each unknown kind).
    let builtinKinds: [GroupVersionKind]
    private let crdKinds: [String: KindSchema]
    /// Consulted last, for kinds neither the user's CRDs nor the bundle know.
    public let catalog: CRDCatalog?
    /// The literal validation tree of each kind, shared by every RGD analysed with this
    /// store (and its copies): a file of many RGDs, or a workspace, describes a kind once.
    let literalTrees = LiteralSchemaTrees()

    public init(resolver: SchemaResolver = .empty, kubernetesVersion: String? = nil,
                bundleKinds: OrderedDictionary<String, String> = [:], crdKinds: [KindSchema] = [],
                catalog: CRDCatalog? = nil) {
        self.init(resolver: resolver, kubernetesVersion: kubernetesVersion, bundleKinds: bundleKinds,
                  builtinKinds: bundleKinds.keys.compactMap(GroupVersionKind.init(bundleKey:)),
                  crdKinds: crdKinds, catalog: catalog)
    }

    /// `builtinKinds`: `bundleKinds` parsed (a derived store passes its own on).
    private init(resolver: SchemaResolver, kubernetesVersion: String?, bundleKinds: OrderedDictionary<String, String>,
                 builtinKinds: [GroupVersionKind], crdKinds: [KindSchema], catalog: CRDCatalog?) {
        self.resolver = resolver
        self.catalog = catalog
        self.kubernetesVersion = kubernetesVersion
        self.bundleKinds = bundleKinds
        self.builtinKinds = builtinKinds
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

    /// A store over bundle bytes of that shape, its definitions parsed when first used
    /// (`BundledSchemas.load` has checked them).
    init(bundleBytes: ByteBlob, definitionRanges: [String: Range<Int>], kinds: OrderedDictionary<String, String>,
         kubernetesVersion: String?) {
        self.init(resolver: SchemaResolver(bytes: bundleBytes, ranges: definitionRanges),
                  kubernetesVersion: kubernetesVersion, bundleKinds: kinds)
    }

    /// The same store with more CRD kinds (later ones replace earlier ones of the same key).
    public func adding(crdKinds more: [KindSchema]) -> SchemaStore {
        SchemaStore(resolver: resolver, kubernetesVersion: kubernetesVersion, bundleKinds: bundleKinds,
                    builtinKinds: builtinKinds, crdKinds: Array(crdKinds.values) + more, catalog: catalog)
    }

    /// The same store with `catalog` consulted last (nil: no catalog).
    public func with(catalog: CRDCatalog?) -> SchemaStore {
        SchemaStore(resolver: resolver, kubernetesVersion: kubernetesVersion, bundleKinds: bundleKinds,
                    builtinKinds: builtinKinds, crdKinds: Array(crdKinds.values), catalog: catalog)
    }

    /// The schema of `apiVersion`/`kind`; CRDs shadow built-ins of the same key, and both
    /// shadow the catalog.
    public func lookup(_ gvk: GroupVersionKind) -> KindSchema? {
        if let crd = crdKinds[gvk.bundleKey] { return crd }
        guard let definition = bundleKinds[gvk.bundleKey], let root = resolver.definition(named: definition) else {
            return catalog?.lookup(gvk)
        }
        return KindSchema(gvk: gvk, scope: .ofBuiltin(group: gvk.group, kind: gvk.kind), root: root,
                          origin: .kubernetes(version: kubernetesVersion ?? "unknown"))
    }

    /// Every known kind key (`apps/v1/Deployment`), for completion.
    public var allKindKeys: [String] {
        Array(Set(Array(bundleKinds.keys) + crdKinds.keys + (catalog?.allKindKeys ?? []))).sorted()
    }
}
