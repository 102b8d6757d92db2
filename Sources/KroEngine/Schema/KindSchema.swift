/// Everything the engine knows about one kind: its root schema, scope and origin.
public struct KindSchema: Sendable, Hashable {
    public enum Origin: Sendable, Hashable {
        /// The bundled Kubernetes OpenAPI definitions (version, e.g. "1.34.0").
        case kubernetes(version: String)
        /// A CustomResourceDefinition file the user pointed at.
        case crd(path: String)
        /// The CRD catalog built into kro-lsp (`scripts/update-crd-catalog.py`).
        case catalog(CRDCatalog.Source)
    }

    public var gvk: GroupVersionKind
    public var scope: ResourceScope
    /// The root object schema; may contain `$ref`s resolved by the store's resolver.
    public var root: OpenAPISchema
    public var origin: Origin

    public init(gvk: GroupVersionKind, scope: ResourceScope, root: OpenAPISchema, origin: Origin) {
        self.gvk = gvk; self.scope = scope; self.root = root; self.origin = origin
    }
}
