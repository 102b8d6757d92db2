import CEL
import JSON
import YAMLSyntax

/// One node of the walk (kro: `runtime.Node` `IsIgnored` → `GetDesired` → readiness):
/// decides whether it is ignored, renders its object(s), and says what dependents see.
struct NodeRendering {
    let resource: RGDResource
    let analysis: RGDAnalysis
    let kind: InstanceKind
    let options: RenderOptions
    let schemaStore: SchemaStore
    let metadata: KroMetadata
    /// The instance namespace (nil for a cluster-scoped instance).
    let instanceNamespace: String?
    /// This resource's expressions (the renderer groups them once: a filter of every
    /// expression of the RGD at each node made 10,000 resources quadratic, 5 s).
    let ownExpressions: [RGDExpression]
    /// The objects the nodes before this one rendered (`RenderOptions.maxPreviewObjects`).
    let objectsBefore: Int

    private(set) var rendered: RenderedNode
    private(set) var diagnostics: [Diagnostic] = []
    /// This node's objects would take the preview over `maxPreviewObjects`.
    private(set) var wentOverPreviewLimit = false

    init(resource: RGDResource, expressions: [RGDExpression], analysis: RGDAnalysis, kind: InstanceKind,
         options: RenderOptions, schemaStore: SchemaStore, metadata: KroMetadata, instanceNamespace: String?,
         objectsBefore: Int = 0) {
        self.resource = resource; self.analysis = analysis; self.kind = kind; self.options = options
        self.objectsBefore = objectsBefore
        self.schemaStore = schemaStore; self.metadata = metadata; self.instanceNamespace = instanceNamespace
        ownExpressions = expressions
        rendered = RenderedNode(id: resource.id?.value ?? "", outcome: .rendered, objects: [], pending: [], waitsFor: [], notReady: nil)
    }

    var id: String { rendered.id }

    private func expressions(_ match: (ExpressionKind) -> Bool) -> [RGDExpression] {
        ownExpressions.filter { match($0.kind) }
    }

    mutating func run(states: [String: InstanceRenderer.NodeState], scope: RenderScope) -> InstanceRenderer.NodeState {
        if scope.budget.isSpent {
            rendered.outcome = .skipped(reason: "the preview's expressions are over kro-lsp's limit of \(scope.budget.total) cost")
            return InstanceRenderer.NodeState(observed: nil, notReady: "not rendered")
        }
        let deps = analysis.graph.dependencies(of: id).filter { states[$0] != nil }
        if let skippedDep = deps.first(where: { states[$0]?.ignored == true }) {
            rendered.outcome = .skipped(reason: "depends on \"\(skippedDep)\", which is skipped")
            return InstanceRenderer.NodeState(ignored: true)
        }
        if let decided = includeWhen(states: states, scope: scope) { return decided }
        for dep in deps {
            if let why = states[dep]?.notReady { rendered.waitsFor.append("\(dep): \(why)") }
        }
        let state: InstanceRenderer.NodeState = switch resource.nodeType {
        case .resource: renderResource(scope: scope)
        case .collection: renderCollection(scope: scope)
        case .external, .externalCollection: readExternal(scope: scope)
        }
        rendered.notReady = state.notReady
        return state
    }

    // MARK: includeWhen (kro: Node.IsIgnored)

    /// nil when the node is included; otherwise the node's final state.
    private mutating func includeWhen(states: [String: InstanceRenderer.NodeState], scope: RenderScope) -> InstanceRenderer.NodeState? {
        for e in expressions({ $0 == .includeWhen }) {
            let resourceRefs = Set(e.references.map(\.name)).subtracting(["schema"]).filter { states[$0] != nil }
            // Resource-backed conditions read observed state: they wait for readiness.
            if let dep = resourceRefs.sorted().first(where: { states[$0]?.notReady != nil || states[$0]?.observed == nil }) {
                let why = states[dep]?.notReady ?? "not observable offline"
                rendered.outcome = .pending(reason: "includeWhen \(e.scalar.value) waits for \"\(dep)\": \(why)")
                return InstanceRenderer.NodeState(observed: nil, notReady: "includeWhen undecided offline")
            }
            switch scope.evaluate(e) {
            case .value(.bool(true)):
                continue
            case .value(.bool(false)), .value(.null), .value(.optional(nil)):
                rendered.outcome = .skipped(reason: "includeWhen \(e.scalar.value) is false")
                return InstanceRenderer.NodeState(ignored: true)
            case .value(.optional(.bool(let b)?)):
                if b { continue }
                rendered.outcome = .skipped(reason: "includeWhen \(e.scalar.value) is false")
                return InstanceRenderer.NodeState(ignored: true)
            case .value:
                return fail(e, "expression \"\(e.quotedCELText)\" did not return bool", code: "KRO610")
            case .pending(let needs) where !resourceRefs.isEmpty:
                rendered.outcome = .pending(reason: "includeWhen \(e.scalar.value) needs \(needs) from the cluster")
                return InstanceRenderer.NodeState(observed: nil, notReady: "includeWhen undecided offline")
            case .pending(let needs):
                // Upstream: a schema-only includeWhen that cannot read its data is an error.
                return fail(e, "includeWhen \"\(e.quotedCELText)\": no such key: \(needs)", code: "KRO603")
            case .failed(let message):
                return fail(e, "includeWhen \"\(e.quotedCELText)\": \(message)", code: "KRO603")
            case .overBudget:
                return fail(e, scope.budget.message, code: AnalysisLimits.code)
            }
        }
        return nil
    }

    private mutating func fail(_ e: RGDExpression?, _ message: String, code: String) -> InstanceRenderer.NodeState {
        rendered.outcome = .failed(reason: message)
        diagnostics.append(Diagnostic(code: code, message: "node \"\(id)\": \(message)",
                                      range: e?.range ?? resource.anchorRange))
        return InstanceRenderer.NodeState(observed: nil, notReady: "in error")
    }

    /// KRO921 on the node whose `count` objects take the preview over its limit; a node
    /// after one that went over is skipped.
    private mutating func overPreviewLimit(adding count: Int) -> InstanceRenderer.NodeState? {
        let limit = options.maxPreviewObjects
        if objectsBefore > limit {
            rendered.outcome = .skipped(reason: "the preview is over kro-lsp's limit of \(limit) objects")
            return InstanceRenderer.NodeState(observed: nil, notReady: "not rendered")
        }
        guard objectsBefore + count > limit else { return nil }
        wentOverPreviewLimit = true
        return fail(nil, "the preview would hold \(objectsBefore + count) objects, over kro-lsp's limit of \(limit); "
                    + "this node and the ones after it are not rendered", code: AnalysisLimits.code)
    }

    // MARK: Resources and collections (kro: hardResolveSingleResource / hardResolveCollection)

    private var templateJSON: JSONValue { resource.template?.jsonValue ?? .object([:]) }

    private mutating func renderResource(scope: RenderScope) -> InstanceRenderer.NodeState {
        if let over = overPreviewLimit(adding: 1) { return over }
        let t = TemplateRendering(template: templateJSON, expressions: expressions { $0 == .template }, scope: scope)
        if let f = t.failure { return fail(f.expression, f.message, code: f.code) }
        var object = t.object
        var observed = t.observable
        if let failure = normalizeNamespace(&object) ?? normalizeNamespace(&observed) { return failure }
        rendered.pending = t.pending + metadata.decorate(&object, nodeID: id, applyOrder: analysis.graph.waves[id], collection: nil)
        rendered.objects = [object]
        let observedValue = RenderValues.cel(observed)
        var state = InstanceRenderer.NodeState(observed: observedValue)
        if !t.pending.isEmpty { state.notReady = Self.waitingFor(t.pending.map(\.needs)) }
        state.notReady = state.notReady ?? readiness(items: [observedValue], each: false, budget: scope.budget)
        return state
    }

    private mutating func renderCollection(scope: RenderScope) -> InstanceRenderer.NodeState {
        var dimensions: [(name: String, values: [Value])] = []
        for dim in resource.forEach {
            guard let e = expressions({ $0 == .forEach(iterator: dim.name.value) }).first else { continue }
            switch scope.evaluate(e) {
            case .value(.list(let items)): dimensions.append((dim.name.value, items))
            case .value(.null): return fail(e, "expression \"\(e.quotedCELText)\" returned null, expected list", code: "KRO606")
            case .value: return fail(e, "expression \"\(e.quotedCELText)\" did not return a list", code: "KRO606")
            case .pending(let needs):
                rendered.outcome = .pending(reason: "forEach \(dim.name.value) needs \(needs) from the cluster")
                return InstanceRenderer.NodeState(observed: nil, notReady: "collection not expanded offline")
            case .failed(let message): return fail(e, "forEach \"\(dim.name.value)\": \(message)", code: "KRO603")
            case .overBudget: return fail(e, scope.budget.message, code: AnalysisLimits.code)
            }
        }
        // Cartesian product, first dimension outermost; an empty dimension empties it.
        var total = 1
        for d in dimensions {
            total *= d.values.count
            if total > options.maxCollectionSize {
                return fail(nil, "collection size of \(total) is over the maximum collection size of \(options.maxCollectionSize)", code: "KRO607")
            }
        }
        if dimensions.contains(where: { $0.values.isEmpty }) { total = 0 }
        if let over = overPreviewLimit(adding: total) { return over }
        var combos: [[(String, Value)]] = total == 0 ? [] : [[]]
        for d in dimensions { combos = combos.flatMap { c in d.values.map { c + [(d.name, $0)] } } }

        let templateExprs = expressions { $0 == .template }
        var objects: [JSONValue] = []
        var observed: [Value] = []
        var identities: Set<String> = []
        var pendingNeeds: [String] = []
        for (index, combo) in combos.enumerated() {
            var itemScope = scope
            for (name, value) in combo { itemScope.bind(name, value) }
            let t = TemplateRendering(template: templateJSON, expressions: templateExprs, scope: itemScope)
            if let f = t.failure { return fail(f.expression, f.message, code: f.code) }
            var object = t.object
            var seen = t.observable
            if let failure = normalizeNamespace(&object) ?? normalizeNamespace(&seen) { return failure }
            let identity = identityKey(object)
            if !identities.insert(identity).inserted {
                return fail(nil, "identity collision: duplicate identity: \(identity)", code: "KRO608")
            }
            let labelPending = metadata.decorate(&object, nodeID: id, applyOrder: analysis.graph.waves[id],
                                                 collection: (index, combos.count))
            if index == 0 { rendered.pending += labelPending }
            rendered.pending += t.pending.map { var p = $0; p.path = "[\(index)]." + p.path; return p }
            pendingNeeds += t.pending.map(\.needs)
            objects.append(object)
            observed.append(RenderValues.cel(seen))
        }
        rendered.objects = objects
        var state = InstanceRenderer.NodeState(observed: .list(observed))
        if !pendingNeeds.isEmpty { state.notReady = Self.waitingFor(pendingNeeds) }
        state.notReady = state.notReady ?? readiness(items: observed, each: true, budget: scope.budget)
        return state
    }

    /// Why a node with pending fields is not created yet: each missing datum once.
    static func waitingFor(_ needs: [String]) -> String {
        var seen: [String] = []
        for n in needs where !seen.contains(n) { seen.append(n) }
        return "not created until \(seen.joined(separator: ", ")) resolve"
    }

    /// `group/version/kind/namespace/name`, kro's collection identity key.
    private func identityKey(_ object: JSONValue) -> String {
        let gvk = GroupVersionKind(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: object["kind"]?.stringValue ?? "")
        let ns = object["metadata"]?["namespace"]?.stringValue ?? ""
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        return "\(gvk?.group ?? "")/\(gvk?.version ?? "")/\(gvk?.kind ?? "")/\(ns)/\(name)"
    }

    /// Whether objects of this node's kind live in a namespace (unknown kinds: yes).
    private func isNamespaced(_ object: JSONValue) -> Bool {
        guard let gvk = GroupVersionKind(apiVersion: object["apiVersion"]?.stringValue ?? "",
                                         kind: object["kind"]?.stringValue ?? "") else { return true }
        if let known = schemaStore.lookup(gvk) { return known.scope == .namespaced }
        return ResourceScope.ofBuiltin(group: gvk.group, kind: gvk.kind) == .namespaced
    }

    /// kro's `normalizeNamespaces`: a namespaced object without a namespace gets the
    /// instance's; under a cluster-scoped instance that is an error.
    private mutating func normalizeNamespace(_ object: inout JSONValue) -> InstanceRenderer.NodeState? {
        guard isNamespaced(object), (object["metadata"]?["namespace"]?.stringValue ?? "").isEmpty else { return nil }
        guard let ns = instanceNamespace else {
            return fail(nil, "is namespaced and must resolve metadata.namespace when the instance is cluster-scoped", code: "KRO609")
        }
        JSONPathWriter.set(.string(ns), at: [.field("metadata"), .field("namespace")], in: &object)
        return nil
    }

    // MARK: Readiness (kro: checkObservedReadiness)

    /// nil when ready; else why not (offline).
    private mutating func readiness(items: [Value], each: Bool, budget: EvaluationBudget) -> String? {
        let rules = expressions { $0 == .readyWhen }
        guard !rules.isEmpty else { return nil }
        for (i, item) in items.enumerated() {
            var scope = RenderScope(budget: budget)
            scope.bind(each ? "each" : id, item)
            for e in rules {
                let label = each ? "readyWhen \(e.scalar.value) (item \(i))" : "readyWhen \(e.scalar.value)"
                switch scope.evaluate(e) {
                case .value(.bool(true)): continue
                case .value(.bool(false)): return "\(label) is false"
                // A null readyWhen leaves a single resource not ready; an item's null falls to "did not return bool".
                case .value(.null) where !each: return "\(label) is false"
                case .value(.optional(.bool(true)?)): continue
                case .value(.optional): return "\(label) is false"
                case .value:
                    diagnostics.append(Diagnostic(code: "KRO610", message: "node \"\(id)\": readyWhen \"\(e.quotedCELText)\" did not return bool", range: e.range))
                    return "\(label) did not return bool"
                case .pending(let needs): return "\(label) needs \(needs) from the cluster"
                case .failed(let message):
                    diagnostics.append(Diagnostic(code: "KRO603", message: "node \"\(id)\": readyWhen \"\(e.quotedCELText)\": \(message)", range: e.range))
                    return "\(label) fails: \(message)"
                case .overBudget:
                    diagnostics.append(Diagnostic(code: AnalysisLimits.code, message: "node \"\(id)\": \(budget.message)", range: e.range))
                    return "\(label) is not evaluated: over kro-lsp's limit"
                }
            }
        }
        return nil
    }

    // MARK: externalRef (kro: processExternalRefNode / processExternalCollectionNode)

    private mutating func readExternal(scope: RenderScope) -> InstanceRenderer.NodeState {
        guard let ref = resource.externalRef else { return InstanceRenderer.NodeState() }
        let t = TemplateRendering(template: ref.node.jsonValue, expressions: expressions { $0 == .externalRef }, scope: scope)
        if let f = t.failure { return fail(f.expression, f.message, code: f.code) }
        let apiVersion = t.object["apiVersion"]?.stringValue ?? ""
        let kindName = t.object["kind"]?.stringValue ?? ""
        if let p = t.pending.first {
            rendered.outcome = .pending(reason: "externalRef \(p.path) needs \(p.needs) from the cluster")
            return InstanceRenderer.NodeState(observed: nil, notReady: "externalRef not resolved offline")
        }
        var namespace = t.object["metadata"]?["namespace"]?.stringValue ?? ""
        let scoped = isNamespaced(t.object)
        let candidates = options.externals.filter {
            $0["apiVersion"]?.stringValue == apiVersion && $0["kind"]?.stringValue == kindName
        }
        if resource.nodeType == .externalCollection {
            let selector = t.object["metadata"]?["selector"] ?? .object([:])
            let matching = candidates.filter {
                (namespace.isEmpty || !scoped || ($0["metadata"]?["namespace"]?.stringValue ?? "") == namespace)
                    && LabelSelector.matches(selector, labels: $0["metadata"]?["labels"])
            }
            guard !candidates.isEmpty else {
                rendered.outcome = .pending(reason: "needs the \(kindName) objects matching the selector from the cluster (pass them with --external)")
                return InstanceRenderer.NodeState(observed: nil, notReady: "externalRef not supplied")
            }
            rendered.outcome = .read
            rendered.objects = matching
            let items = matching.map { RenderValues.cel($0) }
            return InstanceRenderer.NodeState(observed: .list(items), notReady: readiness(items: items, each: true, budget: scope.budget))
        }
        if scoped && namespace.isEmpty { namespace = instanceNamespace ?? "" }
        let name = t.object["metadata"]?["name"]?.stringValue ?? ""
        let found = candidates.first {
            $0["metadata"]?["name"]?.stringValue == name
                && (!scoped || ($0["metadata"]?["namespace"]?.stringValue ?? namespace) == namespace)
        }
        guard let found else {
            let where_ = scoped ? "\(namespace)/\(name)" : name
            rendered.outcome = .pending(reason: "needs \(kindName) \(where_) from the cluster (pass it with --external)")
            return InstanceRenderer.NodeState(observed: nil, notReady: "externalRef \(kindName) \(where_) not supplied")
        }
        rendered.outcome = .read
        rendered.objects = [found]
        let value = RenderValues.cel(found)
        return InstanceRenderer.NodeState(observed: value, notReady: readiness(items: [value], each: false, budget: scope.budget))
    }
}
