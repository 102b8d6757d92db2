import CEL

/// What one parsed expression reads (cel.md §2.4): free identifiers (comprehension and
/// `cel.bind` variables shadow), unknown global function calls, and `omit()` calls.
/// Qualified library calls (`hash.sha256(x)`) are not references to their namespace.
struct ReferenceScan: Sendable {
    var identifiers: [(name: String, span: SourceSpan)] = []
    var unknownFunctions: [(name: String, span: SourceSpan)] = []
    var omitCalls: [SourceSpan] = []
}

struct ReferenceWalker {
    /// Function names declared in kro's environment (global, qualified and member).
    let isDeclaredFunction: (String) -> Bool
    private let maxDepth = 1000

    func scan(_ expr: Expr) -> ReferenceScan {
        var out = ReferenceScan()
        walk(expr, shadowed: [], into: &out, depth: 0)
        return out
    }

    private func walk(_ e: Expr, shadowed: Set<String>, into out: inout ReferenceScan, depth: Int) {
        guard depth < maxDepth else { return }
        let next = depth + 1
        switch e.kind {
        case .literal:
            break
        case .ident(let name):
            if !shadowed.contains(name) { out.identifiers.append((name, SourceSpan(start: e.span.start, end: e.span.end))) }
        case .select(let operand, _, _):
            walk(operand, shadowed: shadowed, into: &out, depth: next)
        case .call(let target, let function, let args):
            if let target {
                if case .ident(let ns) = target.kind, !shadowed.contains(ns), isDeclaredFunction("\(ns).\(function)") {
                    // A qualified library call: `ns` is a namespace, not a variable.
                } else {
                    walk(target, shadowed: shadowed, into: &out, depth: next)
                }
                if function == "newCondition", case .ident("runtime") = target.kind, args.count == 1,
                   case .map(let entries) = args[0].kind {
                    // The macro's keys are field names, not identifiers.
                    for entry in entries {
                        if case .ident = entry.key.kind {} else { walk(entry.key, shadowed: shadowed, into: &out, depth: next) }
                        walk(entry.value, shadowed: shadowed, into: &out, depth: next)
                    }
                    return
                }
            } else if !Self.isOperator(function) {
                if function == "omit" { out.omitCalls.append(nameSpan(e, function)) }
                if !isDeclaredFunction(function) { out.unknownFunctions.append((function, nameSpan(e, function))) }
            }
            for a in args { walk(a, shadowed: shadowed, into: &out, depth: next) }
        case .list(let elements, _):
            for x in elements { walk(x, shadowed: shadowed, into: &out, depth: next) }
        case .map(let entries):
            for entry in entries {
                walk(entry.key, shadowed: shadowed, into: &out, depth: next)
                walk(entry.value, shadowed: shadowed, into: &out, depth: next)
            }
        case .structure(_, let fields):
            for f in fields { walk(f.value, shadowed: shadowed, into: &out, depth: next) }
        case .comprehension(let c):
            walk(c.iterRange, shadowed: shadowed, into: &out, depth: next)
            walk(c.accuInit, shadowed: shadowed, into: &out, depth: next)
            var inner = shadowed
            inner.insert(c.iterVar)
            if let v2 = c.iterVar2 { inner.insert(v2) }
            inner.insert(c.accuVar)
            walk(c.loopCondition, shadowed: inner, into: &out, depth: next)
            walk(c.loopStep, shadowed: inner, into: &out, depth: next)
            walk(c.result, shadowed: inner, into: &out, depth: next)
        }
    }

    /// The function name's span: `nameSpan` when the parser gives one, else the name at
    /// the start of the call.
    private func nameSpan(_ e: Expr, _ name: String) -> SourceSpan {
        e.nameSpan ?? SourceSpan(start: e.span.start, end: min(e.span.end, e.span.start + name.utf8.count))
    }

    static func isOperator(_ name: String) -> Bool {
        name.hasPrefix("_") || name.hasPrefix("@") || name == Operator.logicalNot || name == Operator.negate
    }
}
