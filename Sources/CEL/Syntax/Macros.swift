/// Macro expansion, shaped exactly as cel-go expands its macros: every iterating macro
/// becomes a comprehension over the accumulator `@result`; `cel.bind`, `sortBy`,
/// `optMap` and `optFlatMap` become comprehensions over an empty list.
extension ExpressionParser {
    static let accumulator = "@result"
    static let unusedIterVar = "#unused"

    mutating func globalCallOrMacro(name: String, nameToken: Token, start: Int, open: Token, args: [Expr], close: Token) -> Expr {
        let span = SourceSpan(start: start, end: close.end)
        let plain = Expr(id: makeID(), kind: .call(target: nil, function: name, args: args),
                         span: span, position: open.start, nameSpan: nameToken.span)
        guard options.enableMacros, name == "has", args.count == 1 else { return plain }
        guard case .select(let operand, let field, false) = args[0].kind else {
            report("invalid argument to has() macro", args[0].span)
            return plain
        }
        let expanded = Expr(id: makeID(), kind: .select(operand: operand, field: field, testOnly: true),
                            span: span, position: open.start, nameSpan: args[0].nameSpan)
        macroCalls[expanded.id] = plain
        return expanded
    }

    mutating func memberCallOrMacro(target: Expr, name: String, nameToken: Token, open: Token, args: [Expr], close: Token) -> Expr {
        let span = SourceSpan(start: target.span.start, end: close.end)
        let plain = Expr(id: makeID(), kind: .call(target: target, function: name, args: args),
                         span: span, position: open.start, nameSpan: nameToken.span)
        if options.enableKroMacros, name == "newCondition", case .ident("runtime") = target.kind, args.count == 1 {
            guard let fields = newConditionFields(args[0]) else { return plain }
            let expanded = Expr(id: makeID(), kind: .call(target: target, function: name, args: [fields]),
                                span: span, position: open.start, nameSpan: nameToken.span)
            macroCalls[expanded.id] = plain
            return expanded
        }
        guard options.enableMacros, let expanded = expandMember(target: target, name: name, args: args, at: plain) else {
            return plain
        }
        macroCalls[expanded.id] = plain
        return expanded
    }

    // MARK: Expansions

    private mutating func expandMember(target: Expr, name: String, args: [Expr], at call: Expr) -> Expr? {
        switch (name, args.count) {
        case ("bind", 3) where Self.isIdent(target, "cel"):
            guard case .ident(let v) = args[0].kind else {
                report("cel.bind() variable names must be simple identifiers", args[0].span)
                return call
            }
            return comprehension(call, range: newList(call), iterVar: Self.unusedIterVar, accu: v, initial: args[1],
                                 condition: literal(false, call), step: ident(v, call), result: args[2])
        case ("all", 2), ("exists", 2), ("exists_one", 2), ("existsOne", 2):
            guard let x = iterationVariable(args[0]) else { return call }
            return quantifier(name, call, range: target, iterVar: x, iterVar2: nil, predicate: args[1])
        case ("all", 3), ("exists", 3), ("existsOne", 3), ("exists_one", 3):
            guard let (k, v) = iterationVariables(args[0], args[1]) else { return call }
            return quantifier(name, call, range: target, iterVar: k, iterVar2: v, predicate: args[2])
        case ("map", 2), ("map", 3):
            guard let x = iterationVariable(args[0], notIdentifier: "argument is not an identifier") else { return call }
            let transform = args[args.count - 1]
            let filter = args.count == 3 ? args[1] : nil
            return listBuilder(call, range: target, iterVar: x, iterVar2: nil, element: transform, filter: filter)
        case ("filter", 2):
            guard let x = iterationVariable(args[0], notIdentifier: "argument is not an identifier") else { return call }
            return listBuilder(call, range: target, iterVar: x, iterVar2: nil, element: ident(x, args[0]), filter: args[1])
        case ("transformList", 3), ("transformList", 4):
            guard let (k, v) = iterationVariables(args[0], args[1]) else { return call }
            let filter = args.count == 4 ? args[2] : nil
            return listBuilder(call, range: target, iterVar: k, iterVar2: v, element: args[args.count - 1], filter: filter)
        case ("transformMap", 3), ("transformMap", 4), ("transformMapEntry", 3), ("transformMapEntry", 4):
            guard let (k, v) = iterationVariables(args[0], args[1]) else { return call }
            let filter = args.count == 4 ? args[2] : nil
            let value = args[args.count - 1]
            let accu = ident(Self.accumulator, call)
            let insertArgs = name == "transformMap" ? [accu, ident(k, args[0]), value] : [accu, value]
            let insert = globalCall("cel.@mapInsert", insertArgs, call)
            let step = filter.map { conditional($0, insert, ident(Self.accumulator, call), call) } ?? insert
            return comprehension(call, range: target, iterVar: k, iterVar2: v, accu: Self.accumulator,
                                 initial: newMap(call), condition: literal(true, call), step: step,
                                 result: ident(Self.accumulator, call))
        case ("sortBy", 2):
            let input = "@__sortBy_input__"
            guard case .ident = args[0].kind else {
                report("argument is not an identifier", args[0].span)
                return call
            }
            guard let mapped = expandMember(target: ident(input, target), name: "map", args: args, at: call) else { return call }
            let sorted = memberCall("@sortByAssociatedKeys", target: ident(input, target), [mapped], call)
            return comprehension(call, range: newList(call), iterVar: Self.unusedIterVar, accu: input, initial: target,
                                 condition: literal(false, call), step: ident(input, call), result: sorted)
        case ("optMap", 2), ("optFlatMap", 2):
            guard let v = iterationVariable(args[0]) else { return call }
            let hasValue = memberCall("hasValue", target: target, [], call)
            let bound = comprehension(call, range: newList(call), iterVar: Self.unusedIterVar, accu: v,
                                      initial: memberCall("value", target: target, [], call),
                                      condition: literal(false, call), step: ident(v, call), result: args[1])
            let some = name == "optMap" ? globalCall("optional.of", [bound], call) : bound
            return conditional(hasValue, some, globalCall("optional.none", [], call), call)
        default:
            return nil
        }
    }

    private mutating func quantifier(_ name: String, _ call: Expr, range: Expr, iterVar: String, iterVar2: String?, predicate: Expr) -> Expr {
        let accu = ident(Self.accumulator, call)
        switch name {
        case "all":
            return comprehension(call, range: range, iterVar: iterVar, iterVar2: iterVar2, accu: Self.accumulator,
                                 initial: literal(true, call),
                                 condition: globalCall(Operator.notStrictlyFalse, [accu], call),
                                 step: globalCall(Operator.logicalAnd, [ident(Self.accumulator, call), predicate], call),
                                 result: ident(Self.accumulator, call))
        case "exists":
            return comprehension(call, range: range, iterVar: iterVar, iterVar2: iterVar2, accu: Self.accumulator,
                                 initial: literal(false, call),
                                 condition: globalCall(Operator.notStrictlyFalse, [globalCall(Operator.logicalNot, [accu], call)], call),
                                 step: globalCall(Operator.logicalOr, [ident(Self.accumulator, call), predicate], call),
                                 result: ident(Self.accumulator, call))
        default: // exists_one / existsOne
            let one = Expr(id: makeID(), kind: .literal(.int(1)), span: call.span, position: call.position)
            let zero = Expr(id: makeID(), kind: .literal(.int(0)), span: call.span, position: call.position)
            let increment = globalCall(Operator.add, [ident(Self.accumulator, call), one], call)
            let step = conditional(predicate, increment, accu, call)
            let oneAgain = Expr(id: makeID(), kind: .literal(.int(1)), span: call.span, position: call.position)
            return comprehension(call, range: range, iterVar: iterVar, iterVar2: iterVar2, accu: Self.accumulator,
                                 initial: zero, condition: literal(true, call), step: step,
                                 result: globalCall(Operator.equals, [ident(Self.accumulator, call), oneAgain], call))
        }
    }

    private mutating func listBuilder(_ call: Expr, range: Expr, iterVar: String, iterVar2: String?, element: Expr, filter: Expr?) -> Expr {
        let single = Expr(id: makeID(), kind: .list(elements: [element], optionalIndices: []), span: call.span, position: call.position)
        let append = globalCall(Operator.add, [ident(Self.accumulator, call), single], call)
        let step = filter.map { conditional($0, append, ident(Self.accumulator, call), call) } ?? append
        return comprehension(call, range: range, iterVar: iterVar, iterVar2: iterVar2, accu: Self.accumulator,
                             initial: newList(call), condition: literal(true, call), step: step,
                             result: ident(Self.accumulator, call))
    }

    // MARK: Node helpers (expanded nodes take the macro call's span and position)

    private mutating func comprehension(_ call: Expr, range: Expr, iterVar: String, iterVar2: String? = nil, accu: String,
                                        initial: Expr, condition: Expr, step: Expr, result: Expr) -> Expr {
        let fold = Comprehension(iterVar: iterVar, iterVar2: iterVar2, iterRange: range, accuVar: accu, accuInit: initial,
                                 loopCondition: condition, loopStep: step, result: result)
        return Expr(id: makeID(), kind: .comprehension(fold), span: call.span, position: call.position)
    }

    private mutating func ident(_ name: String, _ at: Expr) -> Expr {
        Expr(id: makeID(), kind: .ident(name), span: at.span, position: at.position)
    }

    private mutating func literal(_ value: Bool, _ at: Expr) -> Expr {
        Expr(id: makeID(), kind: .literal(.bool(value)), span: at.span, position: at.position)
    }

    private mutating func newList(_ at: Expr) -> Expr {
        Expr(id: makeID(), kind: .list(elements: [], optionalIndices: []), span: at.span, position: at.position)
    }

    private mutating func newMap(_ at: Expr) -> Expr {
        Expr(id: makeID(), kind: .map(entries: []), span: at.span, position: at.position)
    }

    private mutating func globalCall(_ function: String, _ args: [Expr], _ at: Expr) -> Expr {
        Expr(id: makeID(), kind: .call(target: nil, function: function, args: args), span: at.span, position: at.position)
    }

    private mutating func memberCall(_ function: String, target: Expr, _ args: [Expr], _ at: Expr) -> Expr {
        Expr(id: makeID(), kind: .call(target: target, function: function, args: args), span: at.span, position: at.position)
    }

    private mutating func conditional(_ c: Expr, _ a: Expr, _ b: Expr, _ at: Expr) -> Expr {
        globalCall(Operator.conditional, [c, a, b], at)
    }

    private static func isIdent(_ e: Expr, _ name: String) -> Bool {
        if case .ident(let n) = e.kind { return n == name }
        return false
    }

    /// The iteration variable a macro argument names (cel-go's wording: `map` and
    /// `filter` say "argument is not an identifier", the others "argument must be a
    /// simple name"); the accumulator's names are refused.
    private mutating func iterationVariable(_ e: Expr, notIdentifier: String = "argument must be a simple name") -> String? {
        guard case .ident(let name) = e.kind else {
            report(notIdentifier, e.span)
            return nil
        }
        if name == Self.accumulator || name == "__result__" {
            report("iteration variable overwrites accumulator variable", e.span)
            return nil
        }
        return name
    }

    private mutating func iterationVariables(_ a: Expr, _ b: Expr) -> (String, String)? {
        guard let first = iterationVariable(a), let second = iterationVariable(b) else { return nil }
        if first == second {
            report("duplicate variable name: \(first)", b.span)
            return nil
        }
        return (first, second)
    }

    // MARK: kro's runtime.newCondition

    /// kro's `runtime.newCondition` macro (cel.md §5.7): checks the map literal and turns
    /// its bare identifier keys into string keys, so the call receives a
    /// `map(string, string)`. nil (with issues reported) when the literal is invalid.
    private mutating func newConditionFields(_ argument: Expr) -> Expr? {
        let prefix = "runtime.newCondition: "
        let before = issues.count
        guard case .map(let entries) = argument.kind else {
            report(prefix + "argument must be a map literal", argument.span)
            return nil
        }
        let allowed = ["type", "status", "reason", "message"]
        var seen: Set<String> = []
        for entry in entries {
            guard case .ident(let key) = entry.key.kind, !key.hasPrefix(".") else {
                report(prefix + "keys must be bare identifiers (type, status, reason, message); quoted or computed keys are not allowed",
                       entry.key.span)
                continue
            }
            guard allowed.contains(key) else {
                report(prefix + "unknown key \"\(key)\" (allowed: type, status, reason, message)", entry.key.span)
                continue
            }
            if !seen.insert(key).inserted { report(prefix + "duplicate key \"\(key)\"", entry.key.span) }
        }
        for required in ["type", "status"] where !seen.contains(required) {
            report(prefix + "'\(required)' is required", argument.span)
        }
        guard issues.count == before else { return nil }
        var stringKeyed = entries
        for i in stringKeyed.indices {
            guard case .ident(let key) = stringKeyed[i].key.kind else { continue }
            stringKeyed[i].key.kind = .literal(.string(key))
        }
        var rewritten = argument
        rewritten.kind = .map(entries: stringKeyed)
        return rewritten
    }
}
