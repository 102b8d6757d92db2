import CEL
import YAMLSyntax

/// Literal checks of the `status.conditions` block (rgd.md §12.3, KRO411–KRO415).
enum ConditionRules {
    static let builtinTypes: Set<String> = ["Ready", "InstanceManaged", "GraphResolved", "ResourcesReady"]
    static let statuses: Set<String> = ["True", "False", "Unknown"]

    static func check(_ conditions: [RGDExpression]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var declared: [String: TextRange] = [:]
        var perEntry: [(expression: RGDExpression, types: [(String, TextRange)])] = []
        for c in conditions {
            guard let parsed = c.parsed else { continue }
            var types: [(String, TextRange)] = []
            visit(parsed.expr) { call in
                guard case .call(let target?, "newCondition", let args) = call.kind, case .ident("runtime") = target.kind,
                      args.count == 1, case .map(let entries) = args[0].kind else { return }
                for entry in entries {
                    guard let key = Self.conditionKey(entry.key), case .literal(.string(let v)) = entry.value.kind else { continue }
                    let range = c.fileRange(entry.value.span)
                    if key == "type" {
                        if v.isEmpty {
                            out.append(Diagnostic(code: "KRO415",
                                                  message: "runtime.newCondition: type must not be empty in expression \"\(c.quotedCELText)\"",
                                                  range: range))
                        } else {
                            types.append((v, range))
                        }
                    } else if key == "status", !statuses.contains(v) {
                        out.append(Diagnostic(code: "KRO414",
                                              message: "runtime.newCondition: status must be one of True, False, Unknown (got \"\(v)\") in expression \"\(c.quotedCELText)\"",
                                              range: range))
                    }
                }
            }
            perEntry.append((c, types))
        }
        for entry in perEntry {
            var mine: Set<String> = []
            for (t, range) in entry.types where mine.insert(t).inserted {
                if let first = declared[t] {
                    out.append(Diagnostic(code: "KRO411",
                                          message: "condition type \"\(t)\" is declared by more than one conditions entry",
                                          range: range, related: [RelatedLocation(range: first, message: "first declared here")]))
                } else {
                    declared[t] = range
                }
            }
        }
        for entry in perEntry {
            guard let parsed = entry.expression.parsed else { continue }
            let c = entry.expression
            visit(parsed.expr) { call in
                guard case .call(let target?, "condition", let args) = call.kind, case .ident("runtime") = target.kind,
                      args.count == 2, case .ident("schema") = args[0].kind,
                      case .literal(.string(let t)) = args[1].kind else { return }
                let range = c.fileRange(args[1].span)
                // A built-in type reads kro's own value even when an entry overrides it on the
                // wire (kro checks built-ins first), so only other declared types are self-references.
                if builtinTypes.contains(t) { return }
                if declared[t] != nil {
                    out.append(Diagnostic(code: "KRO412",
                                          message: "runtime.condition(schema, \"\(t)\"): custom conditions cannot reference each other in expression \"\(c.quotedCELText)\"",
                                          range: range))
                } else {
                    out.append(Diagnostic(code: "KRO413",
                                          message: "runtime.condition(schema, \"\(t)\"): unknown condition type; only kro's built-in types (InstanceManaged, GraphResolved, ResourcesReady, Ready) can be read from schema in expression \"\(c.quotedCELText)\"",
                                          range: range))
                }
            }
        }
        return out
    }

    /// Calls every node of the tree (pre-order, bounded depth).
    static func visit(_ e: Expr, depth: Int = 0, _ body: (Expr) -> Void) {
        guard depth < 1000 else { return }
        body(e)
        let d = depth + 1
        switch e.kind {
        case .literal, .ident: break
        case .select(let o, _, _): visit(o, depth: d, body)
        case .call(let t, _, let args):
            if let t { visit(t, depth: d, body) }
            for a in args { visit(a, depth: d, body) }
        case .list(let xs, _): for x in xs { visit(x, depth: d, body) }
        case .map(let entries): for m in entries { visit(m.key, depth: d, body); visit(m.value, depth: d, body) }
        case .structure(_, let fields): for f in fields { visit(f.value, depth: d, body) }
        case .comprehension(let c):
            for x in [c.iterRange, c.accuInit, c.loopCondition, c.loopStep, c.result] { visit(x, depth: d, body) }
        }
    }

    /// A `newCondition` key: the parser's kro macro turns `type:` into the string key
    /// `"type"`; both forms are accepted.
    static func conditionKey(_ key: Expr) -> String? {
        switch key.kind {
        case .ident(let name), .literal(.string(let name)): return name
        default: return nil
        }
    }
}
