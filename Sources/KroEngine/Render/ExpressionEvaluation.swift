import CEL
import JSON

/// The outcome of evaluating one RGD expression offline.
enum EvaluationOutcome {
    case value(Value)
    /// kro would retry: the data is not there (yet). `needs` names what is missing.
    case pending(needs: String)
    /// An expression error (kro marks the node ERROR).
    case failed(String)
}

/// The variables an expression sees during a preview: `schema`, every node observed so
/// far (unknown when the cluster alone could provide it) and iterators.
struct RenderScope {
    var activation = Activation()
    /// Nodes the preview cannot observe offline (unsupplied externalRefs, unrenderable nodes).
    var unknown: Set<String> = []

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
        switch Program(parsed: parsed, functions: .kro).evaluate(activation) {
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
