import CEL
import JSON

/// The outcome of evaluating one RGD expression offline.
enum EvaluationOutcome {
    case value(Value)
    /// kro would retry: the data is not there (yet). `needs` names what is missing.
    case pending(needs: String)
    /// An expression error (kro marks the node ERROR).
    case failed(String)
    /// The preview's expressions have spent `RenderOptions.maxPreviewCost`: this one and
    /// those after it are not evaluated.
    case overBudget
}

/// What the expressions of one preview may still cost together, shared by every scope of
/// the preview (kro-lsp's limit; cel-go's limit holds for each expression alone): a
/// thousand resources of one expression each at that limit took a minute.
final class EvaluationBudget {
    let total: Int64
    private(set) var left: Int64
    init(_ total: Int64) { self.total = total; left = total }

    var isSpent: Bool { left <= 0 }
    func spend(_ cost: Int64) { left -= cost }
    func spendAll() { left = 0 }

    /// KRO921's text, at the node whose expression spent the rest.
    var message: String {
        "the preview's expressions cost more than \(total) together, over kro-lsp's limit of \(total); "
            + "this node and the ones after it are not rendered"
    }
}

/// The variables an expression sees during a preview: `schema`, every node observed so
/// far (unknown when the cluster alone could provide it) and iterators.
struct RenderScope {
    var activation = Activation()
    /// Nodes the preview cannot observe offline (unsupplied externalRefs, unrenderable nodes).
    var unknown: Set<String> = []
    /// Shared by the copies of the scope: one preview, one budget.
    let budget: EvaluationBudget

    init(budget: EvaluationBudget) { self.budget = budget }

    mutating func bind(_ name: String, _ value: Value?) {
        if let value {
            activation.bind(name, value)
            unknown.remove(name)
        } else {
            activation.markUnknown(name)
            unknown.insert(name)
        }
    }

    func evaluate(_ e: RGDExpression) -> EvaluationOutcome {
        guard let parsed = e.parsed else { return .failed("expression does not parse") }
        guard !budget.isSpent else { return .overBudget }
        // Stopped at what is left of the budget when that is below cel-go's limit.
        let limit = min(EvalOptions.defaultCostLimit, budget.left)
        let (result, cost) = Program(parsed: parsed, functions: .kro, options: EvalOptions(costLimit: limit))
            .evaluateWithCost(activation)
        budget.spend(cost)
        if limit < EvalOptions.defaultCostLimit, case .error(let error) = result,
           error.message == EvalError.costLimitExceeded.message {
            budget.spendAll()
            return .overBudget
        }
        switch result {
        case .value(let v):
            return .value(v)
        case .unknown:
            let needs = MissingData.path(in: parsed, text: e.celText, activation: activation, unknown: unknown)
            return .pending(needs: needs ?? e.references.map(\.name).filter(unknown.contains).first ?? "cluster data")
        case .error(let error):
            guard MissingData.isDataPending(error.message) else { return .failed(error.message) }
            let needs = MissingData.path(in: parsed, text: e.celText, activation: activation, unknown: unknown)
            return .pending(needs: needs ?? error.message)
        }
    }
}

/// Renders one template (a resource, a collection item, an externalRef's identity) by
/// writing each expression's value at its path, as kro's resolver does.
struct TemplateRendering {
    var object: JSONValue
    var pending: [PendingField] = []
    private var pendingPaths: [[SchemaPathSegment]] = []
    var failure: (expression: RGDExpression, message: String, code: String)?

    init(template: JSONValue, expressions: [RGDExpression], scope: RenderScope) {
        object = template
        for e in expressions {
            switch scope.evaluate(e) {
            case .value(let v):
                do {
                    let json = try RenderValues.json(v)
                    JSONPathWriter.set(json, at: e.path[...], in: &object)
                } catch {
                    failure = (e, "convert \"\(e.quotedCELText)\": \(error.message)", error.code)
                    return
                }
            case .pending(let needs):
                pending.append(PendingField(path: e.pathText, expression: e.scalar.value, needs: needs))
                pendingPaths.append(e.path)
            case .failed(let message):
                failure = (e, "eval \"\(e.quotedCELText)\": \(message)", "KRO603")
                return
            case .overBudget:
                failure = (e, scope.budget.message, AnalysisLimits.code)
                return
            }
        }
        object = JSONPathWriter.removeOmitted(object)
    }

    /// The object other nodes observe offline: the rendered form without the fields that
    /// are still pending (reading them is pending too).
    var observable: JSONValue {
        var out = object
        for path in pendingPaths { JSONPathWriter.set(nil, at: path[...], in: &out) }
        return JSONPathWriter.removeOmitted(out)
    }
}
