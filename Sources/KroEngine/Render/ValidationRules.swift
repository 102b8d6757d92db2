import CEL
import JSON

/// `x-kubernetes-validations` rules evaluated with `self` bound to the value, as the API
/// server does on create (transition rules, which read `oldSelf`, do not run on create).
public enum ValidationRules {
    /// The cost all rules of one object may spend together, as the API server allows
    /// (`RuntimeCELCostBudget`); each rule alone stops at cel-go's per-call limit.
    public static let costBudget: Int64 = 10_000_000

    static func check(_ value: JSONValue, schema: JSONValue, path: APIFieldPath, report: inout FieldErrorReport) {
        guard let rules = schema["x-kubernetes-validations"]?.arrayValue, !rules.isEmpty,
              report.ruleCostLeft >= 0 else { return }
        let type = schema["type"]?.stringValue ?? InstanceAdmission.typeName(value)
        guard report.ruleCostLeft > 0 else { return outOfBudget(path, type, &report) }
        var activation = Activation()
        activation.bind("self", RenderValues.cel(value, schema: schema))
        for rule in rules {
            guard let text = rule["rule"]?.stringValue, !text.contains("oldSelf"),
                  let program = report.rules.program(text) else { continue }
            let target = fieldPath(rule["fieldPath"]?.stringValue, under: path)
            let (result, cost) = program.evaluateWithCost(activation)
            report.ruleCostSpent += cost
            guard cost <= report.ruleCostLeft else { return outOfBudget(path, type, &report) }
            report.ruleCostLeft -= cost
            switch result {
            case .value(.bool(true)):
                continue
            case .value(.bool(false)):
                let message = message(of: rule, activation: activation, rules: report.rules) ?? "failed rule: \(text)"
                switch rule["reason"]?.stringValue {
                case "FieldValueForbidden": report.error(target, "Forbidden: \(message)", at: .value)
                case "FieldValueRequired": report.error(target, "Required value: \(message)", at: .key)
                case "FieldValueDuplicate": report.error(target, "Duplicate value: \"\(type)\": \(message)", at: .value)
                default: report.error(target, "Invalid value: \"\(type)\": \(message)", at: .value)
                }
            case .value(let other):
                report.error(target, "Invalid value: \"\(type)\": rule \(text) evaluated to \(other.kind), expected bool", at: .value)
            case .error(let e):
                report.error(target, "Invalid value: \"\(type)\": rule evaluation error: \(e.message)", at: .value)
            case .unknown:
                continue
            }
        }
    }

    /// The API server's error once the rules have spent the budget; no rule runs after it.
    private static func outOfBudget(_ path: APIFieldPath, _ type: String, _ report: inout FieldErrorReport) {
        report.ruleCostLeft = -1
        if let notice = report.fileRuleBudgetNotice { return report.limitNotice(path, notice) }
        report.error(path, "Invalid value: \"\(type)\": validation failed due to running out of cost budget, no further validation rules will be run", at: .value)
    }

    /// `message`, else the string `messageExpression` yields.
    private static func message(of rule: JSONValue, activation: Activation, rules: RuleProgramCache) -> String? {
        if let m = rule["message"]?.stringValue, !m.isEmpty { return m }
        guard let text = rule["messageExpression"]?.stringValue, let program = rules.program(text),
              case .value(.string(let s)) = program.evaluate(activation),
              !s.isEmpty else { return nil }
        return s
    }

    /// A rule's `fieldPath` (`.a.b`, `.list[0]`, `['key']`) below the rule's own path.
    private static func fieldPath(_ text: String?, under base: APIFieldPath) -> APIFieldPath {
        guard let text, !text.isEmpty else { return base }
        var path = base
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                path = path.child(String(name)); rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("[") {
                let inner = rest.dropFirst().prefix { $0 != "]" }
                rest = rest.dropFirst(inner.count + 2)
                if let i = Int(inner) { path = path.index(i) } else { path = path.key(String(inner.filter { $0 != "'" && $0 != "\"" })) }
            } else {
                break
            }
        }
        return path
    }
}
