import CEL
import JSON
import YAMLSyntax

/// The offline preview of what kro creates for an instance (rgd.md §18, kro's
/// `pkg/runtime` and instance controller): admission, then every node in topological
/// order — includeWhen, forEach, template expressions, omit(), namespace defaulting,
/// kro's labels — treating each rendered object as observed so later nodes can read it.
/// Nothing only a cluster knows is invented: such fields are pending.
public struct InstanceRenderer {
    let analysis: RGDAnalysis
    let kind: InstanceKind
    let options: RenderOptions
    let schemaStore: SchemaStore

    public init(analysis: RGDAnalysis, crd: JSONValue, options: RenderOptions = .init(),
                schemaStore: SchemaStore) {
        self.analysis = analysis
        self.kind = InstanceKind(crd: crd) ?? InstanceKind.placeholder
        self.options = options
        self.schemaStore = schemaStore
    }

    /// Per-node state the walk keeps for the nodes after it.
    struct NodeState {
        var ignored = false
        /// What dependents read (nil: unknown offline).
        var observed: Value?
        /// Why the node is not ready offline (nil: ready).
        var notReady: String?
    }

    public func render(_ instance: YAMLDocument) -> RenderResult {
        let admission = InstanceAdmission.admit(instance, kind: kind)
        var result = RenderResult(admission: admission, nodes: [], instance: nil, statusPending: [], diagnostics: [])
        guard !admission.hasErrors else { return result }
        guard let order = analysis.topologicalOrder else { return result }

        var schemaObject = admission.object
        if kind.namespaced, (schemaObject["metadata"]?["namespace"]?.stringValue ?? "").isEmpty {
            JSONPathWriter.set(.string(options.namespace), at: [.field("metadata"), .field("namespace")], in: &schemaObject)
        }
        let metadata = KroMetadata(
            rgdName: analysis.rgd.name?.value ?? "",
            instanceName: schemaObject["metadata"]?["name"]?.stringValue ?? "",
            instanceNamespace: kind.namespaced ? schemaObject["metadata"]?["namespace"]?.stringValue : nil,
            instanceUID: schemaObject["metadata"]?["uid"]?.stringValue,
            group: kind.group, version: kind.version, kind: kind.kind)

        var scope = RenderScope(budget: EvaluationBudget(options.maxPreviewCost))
        scope.bind("schema", RenderValues.cel(schemaObject, schema: kind.schema))
        var states: [String: NodeState] = [:]
        let resources = analysis.rgd.resourcesByID()
        var expressionsByResource: [Int: [RGDExpression]] = [:]
        for e in analysis.expressions { if let k = e.resourceIndex { expressionsByResource[k, default: []].append(e) } }
        var objects = 0
        for id in order {
            guard let resource = resources[id] else { continue }
            var node = NodeRendering(resource: resource, expressions: expressionsByResource[resource.index] ?? [],
                                     analysis: analysis, kind: kind, options: options,
                                     schemaStore: schemaStore, metadata: metadata,
                                     instanceNamespace: kind.namespaced ? metadata.instanceNamespace : nil,
                                     objectsBefore: objects)
            let state = node.run(states: states, scope: scope)
            // Past the limit once, every later node sees more objects before it than the limit.
            objects = node.wentOverPreviewLimit ? options.maxPreviewObjects + 1 : objects + node.rendered.objects.count
            states[id] = state
            scope.bind(id, state.observed)
            result.nodes.append(node.rendered)
            result.diagnostics += node.diagnostics
        }

        var status = InstanceStatus(analysis: analysis, scope: scope, schemaObject: schemaObject, schemaSchema: kind.schema)
        status.compute(nodes: result.nodes, states: states)
        result.statusPending = status.pending
        result.diagnostics += status.diagnostics
        var stored = schemaObject
        metadata.decorateInstance(&stored)
        if case .object(var members) = stored {
            members["status"] = status.object
            stored = .object(members)
        }
        result.instance = stored
        return result
    }
}

extension InstanceKind {
    static let placeholder = InstanceKind(crd: [
        "spec": ["names": ["kind": ""], "versions": [["name": "", "schema": ["openAPIV3Schema": ["type": "object"]]]]],
    ])!
}
