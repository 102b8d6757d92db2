import CEL
import JSON
import OrderedCollections

/// The instance status as far as it can be known offline (rgd.md §12, §17; kro:
/// `softResolve` — a field appears only when its expressions resolved — then `state` and
/// conditions). Times the controller stamps (`lastTransitionTime`) are left out.
struct InstanceStatus {
    let analysis: RGDAnalysis
    let scope: RenderScope
    private(set) var object: JSONValue = .object([:])
    private(set) var pending: [PendingField] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(analysis: RGDAnalysis, scope: RenderScope) {
        self.analysis = analysis
        var scope = scope
        scope.activation.bind(KroRuntimeLibrary.variableName, KroRuntimeLibrary.runtimeValue)
        self.scope = scope
    }

    mutating func compute(nodes: [RenderedNode], states: [String: InstanceRenderer.NodeState]) {
        var failed = false
        for e in analysis.expressions where e.kind == .status {
            switch scope.evaluate(e) {
            case .value(let v):
                do {
                    JSONPathWriter.set(try RenderValues.json(v), at: e.path[...], in: &object)
                } catch {
                    failed = true
                    diagnostics.append(Diagnostic(code: error.code, message: "convert \"\(e.quotedCELText)\": \(error.message)", range: e.range))
                }
            case .pending(let needs):
                pending.append(PendingField(path: "status." + e.pathText, expression: e.scalar.value, needs: needs))
            case .failed(let message):
                failed = true
                diagnostics.append(Diagnostic(code: "KRO603", message: "status field \"\(e.pathText)\": eval \"\(e.quotedCELText)\": \(message)", range: e.range))
            }
        }
        object = JSONPathWriter.removeOmitted(object)

        let nodeFailed = nodes.contains { if case .failed = $0.outcome { true } else { false } }
        let unresolved = nodes.contains { if case .pending = $0.outcome { true } else { false } }
            || nodes.contains { !$0.pending.filter { !$0.expression.isEmpty }.isEmpty }
        let notReady = states.values.contains { !$0.ignored && $0.notReady != nil }
        let state = failed || nodeFailed ? "ERROR" : (unresolved || notReady ? "IN_PROGRESS" : "ACTIVE")

        var members = object.objectValue ?? [:]
        let authorConditions = analysis.expressions.filter { $0.kind == .condition }
        members["conditions"] = authorConditions.isEmpty
            ? .array(builtinConditions(resolved: !unresolved && !nodeFailed, ready: state == "ACTIVE"))
            : .array(conditions(authorConditions))
        members["state"] = .string(state)
        object = .object(members)
    }

    /// kro's built-in conditions (rgd.md §17.2).
    private func builtinConditions(resolved: Bool, ready: Bool) -> [JSONValue] {
        let managed: JSONValue = ["type": "InstanceManaged", "status": "True", "reason": "Managed",
                                  "message": "instance is properly managed with finalizers and labels"]
        let graph: JSONValue = resolved
            ? ["type": "GraphResolved", "status": "True", "reason": "Resolved", "message": "runtime graph created and all resources resolved"]
            : ["type": "GraphResolved", "status": "Unknown", "reason": "Pending", "message": "some resources need data from the cluster"]
        let resources: JSONValue = ready
            ? ["type": "ResourcesReady", "status": "True", "reason": "AllResourcesReady", "message": "all resources are created and ready"]
            : ["type": "ResourcesReady", "status": "False", "reason": "NotReady", "message": "some resources are not ready offline"]
        let all: JSONValue = ready && resolved
            ? ["type": "Ready", "status": "True"] : ["type": "Ready", "status": ready ? "Unknown" : "False"]
        return [managed, graph, resources, all]
    }

    /// The author's `conditions:` entries, lists flattened; entries that need the cluster
    /// are left out.
    private mutating func conditions(_ expressions: [RGDExpression]) -> [JSONValue] {
        var out: [JSONValue] = []
        for e in expressions {
            guard case .value(let v) = scope.evaluate(e), let json = try? RenderValues.json(v) else {
                if case .pending(let needs) = scope.evaluate(e) {
                    pending.append(PendingField(path: "status.conditions", expression: e.scalar.value, needs: needs))
                }
                continue
            }
            if case .array(let items) = json { out += items } else { out.append(json) }
        }
        return out
    }
}
