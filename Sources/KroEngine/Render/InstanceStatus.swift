import CEL
import JSON
import OrderedCollections

/// The instance status as far as it can be known offline (rgd.md §12, §17; kro:
/// `softResolve` — a field appears only when its expressions resolved — then `state` and
/// conditions). Times the controller stamps (`lastTransitionTime`) are left out.
struct InstanceStatus {
    let analysis: RGDAnalysis
    let scope: RenderScope
    /// The instance as `schema` sees it and its spec schema: author conditions read kro's
    /// built-in conditions through `runtime.condition(schema, …)` from a `status` made here.
    let schemaObject: JSONValue
    let schemaSchema: JSONValue?
    private(set) var object: JSONValue = .object([:])
    private(set) var pending: [PendingField] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// KRO921 once, and here only when the status or its conditions spent the budget.
    private var overBudgetReported = false

    init(analysis: RGDAnalysis, scope: RenderScope, schemaObject: JSONValue = .object([:]), schemaSchema: JSONValue? = nil) {
        self.analysis = analysis
        var scope = scope
        scope.activation.bind(KroRuntimeLibrary.variableName, KroRuntimeLibrary.runtimeValue)
        self.scope = scope
        self.schemaObject = schemaObject
        self.schemaSchema = schemaSchema
    }

    mutating func compute(nodes: [RenderedNode], states: [String: InstanceRenderer.NodeState]) {
        var failed = false
        overBudgetReported = scope.budget.isSpent
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
            case .overBudget:
                failed = true
                reportOverBudget("status field \"\(e.pathText)\"", e)
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
        let builtins = builtinConditions(resolved: !unresolved && !nodeFailed, ready: state == "ACTIVE")
        var degraded = false
        // As kro: with author conditions only theirs are written; kro's built-ins stay
        // readable through runtime.condition(schema, …).
        members["conditions"] = authorConditions.isEmpty
            ? .array(builtins) : .array(conditions(authorConditions, builtins: builtins, degraded: &degraded))
        members["state"] = .string(degraded ? "ERROR" : state)
        object = .object(members)
    }

    private mutating func reportOverBudget(_ what: String, _ e: RGDExpression) {
        guard !overBudgetReported else { return }
        overBudgetReported = true
        diagnostics.append(Diagnostic(code: AnalysisLimits.code, message: "\(what): \(scope.budget.message)", range: e.range))
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
    /// are left out. As kro (runtime `EvaluateConditions`): `schema` carries the built-ins as
    /// its `status.conditions`; an entry that fails to evaluate is dropped, and so is every
    /// copy of a type produced more than once — both set `degraded` (state ERROR).
    private mutating func conditions(_ expressions: [RGDExpression], builtins: [JSONValue],
                                     degraded: inout Bool) -> [JSONValue] {
        var conditionScope = scope
        var instance = schemaObject.objectValue ?? [:]
        instance["status"] = ["conditions": .array(builtins)]
        conditionScope.bind("schema", RenderValues.cel(.object(instance), schema: schemaSchema))
        var out: [JSONValue] = []
        for e in expressions {
            switch conditionScope.evaluate(e) {
            case .value(let v):
                guard let json = try? RenderValues.json(v) else { degraded = true; continue }
                if case .array(let items) = json { out += items } else { out.append(json) }
            case .pending(let needs):
                pending.append(PendingField(path: "status.conditions", expression: e.scalar.value, needs: needs))
            case .failed(let message):
                degraded = true
                diagnostics.append(Diagnostic(code: "KRO603", message: "condition \"\(e.quotedCELText)\": eval: \(message)", range: e.range))
            case .overBudget:
                degraded = true
                reportOverBudget("condition \"\(e.quotedCELText)\"", e)
            }
        }
        var counts: [String: Int] = [:]
        for c in out { counts[c["type"]?.stringValue ?? "", default: 0] += 1 }
        let kept = out.filter { counts[$0["type"]?.stringValue ?? ""] == 1 }
        if kept.count != out.count { degraded = true }
        return kept
    }
}
