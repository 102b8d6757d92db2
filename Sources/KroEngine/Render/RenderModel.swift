import JSON

/// What a preview is told beyond the RGD and the instance.
public struct RenderOptions: Sendable {
    /// The namespace a namespaced instance without `metadata.namespace` lands in (kubectl's
    /// context namespace).
    public var namespace = "default"
    /// Objects standing for what the cluster holds, for externalRefs (`--external`).
    public var externals: [JSONValue] = []
    /// kro's `--rgd-max-collection-size`.
    public var maxCollectionSize = 1000
    /// kro-lsp's limit on the objects of one preview (KRO921 at the node going over it; the
    /// nodes after it are skipped): 1,000 collections of 1,000 made 683 MB in 37 s.
    public var maxPreviewObjects = 20_000
    /// kro-lsp's limit on what the expressions of one preview cost together (cel-go's cost
    /// model; about a second): KRO921 at the node whose expression goes over it, the nodes
    /// after it skipped.
    public var maxPreviewCost: Int64 = 20_000_000
    /// Whether kro's `omit()` feature gate is on.
    public var omitFunctionEnabled = false
    public init() {}
}

/// A field the preview cannot fill offline: it needs data only the cluster has.
public struct PendingField: Sendable, Hashable {
    /// The field (rgd.md §8.7 syntax), e.g. `spec.replicas`.
    public var path: String
    /// The expression written there (`${…}` text).
    public var expression: String
    /// What is missing, e.g. `database.status.endpoint`.
    public var needs: String
    public init(path: String, expression: String, needs: String) {
        self.path = path; self.expression = expression; self.needs = needs
    }
}

/// What became of one node of the graph.
public enum NodeOutcome: Sendable, Hashable {
    /// Objects kro would create (a collection may have none).
    case rendered
    /// An externalRef: kro reads the object, never creates it.
    case read
    /// includeWhen false, or a dependency skipped.
    case skipped(reason: String)
    /// Cannot be rendered offline (a forEach or externalRef needing the cluster).
    case pending(reason: String)
    /// An evaluation error (the node would be in state ERROR).
    case failed(reason: String)
}

/// One node's result, in creation (topological) order.
public struct RenderedNode: Sendable {
    public var id: String
    public var outcome: NodeOutcome
    /// The objects kro would apply (for externals: the object read, when supplied).
    public var objects: [JSONValue]
    public var pending: [PendingField]
    /// Dependencies not ready offline, with why: kro creates this node only after them.
    public var waitsFor: [String]
    /// Why the node is not ready offline (its readyWhen needs the cluster, …); nil: ready.
    public var notReady: String?
}

/// The result of `kro-lsp render`.
public struct RenderResult: Sendable {
    /// Admission of the instance (KRO601 in the instance file).
    public var admission: AdmittedInstance
    public var nodes: [RenderedNode]
    /// The instance as stored, with the labels kro adds and the status as far as known.
    public var instance: JSONValue?
    public var statusPending: [PendingField]
    /// Runtime findings positioned in the RGD file (KRO602–KRO610).
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool {
        admission.hasErrors || diagnostics.contains { $0.severity == .error }
    }
}
