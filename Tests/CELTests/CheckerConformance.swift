@testable import CEL

/// Type-checks a conformance case before evaluation (the runner's check hook): the
/// environment is kro's plus the case's `type_env` declarations (and `dyn` for bindings
/// it does not declare). Returns why the case fails, or nil to go on to evaluation.
/// A checker error is a failure only where a value was expected; where an error is
/// expected, evaluation decides.
func checkConformanceCase(_ c: ConformanceCase, _ parsed: ParsedExpr) -> String? {
    let env = conformanceEnvironment(c)
    let result = Checker.check(parsed, in: env)
    guard result.issues.isEmpty else {
        if case .error = c.expected { return nil }
        return result.issues.map(\.message).joined(separator: "; ")
    }
    // A deduced type to compare (type-deduction vectors), as cel-go prints types.
    if let text = c.expectedType {
        guard let want = CELType(parsing: text) else { return "cannot read expected type \(text)" }
        let got = result.type ?? .error
        if got != want { return "deduced \(got), want \(want)" }
    }
    return nil
}

func conformanceEnvironment(_ c: ConformanceCase) -> CELEnvironment {
    var variables: [VariableDecl] = []
    var functions: [FunctionDecl] = []
    for decl in c.typeEnv {
        if let name = decl["ident"] as? String {
            let type = (decl["type"] as? String).flatMap(CELType.init(parsing:)) ?? .dyn
            variables.append(VariableDecl(name: name, type: type))
        } else if let name = decl["function"] as? String {
            let overloads = ((decl["overloads"] as? [[String: Any]]) ?? []).map { o -> OverloadDecl in
                let params = ((o["params"] as? [String]) ?? []).map { CELType(parsing: $0) ?? .dyn }
                let result = (o["result"] as? String).flatMap(CELType.init(parsing:)) ?? .dyn
                let id = (o["id"] as? String) ?? name
                return (o["receiver"] as? Bool) == true
                    ? .member(id, params, result) : .global(id, params, result)
            }
            functions.append(FunctionDecl(name: name, overloads: overloads))
        }
    }
    let declared = Set(variables.map(\.name))
    for name in c.bindings.keys where !declared.contains(name) {
        variables.append(VariableDecl(name: name, type: .dyn))
    }
    var env = CELEnvironment.kro().adding(variables: variables).adding(functions: functions)
    if let container = c.container { env = env.with(container: container) }
    return env
}
