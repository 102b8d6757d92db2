/// Function calls: name resolution (global, qualified, member) and overload resolution.
extension CheckRun {
    /// An unknown function, with the declared name it most likely meant.
    func reportUndeclaredFunction(_ function: String, at span: SourceSpan) {
        let suggestion = FunctionSuggestions.suggestion(for: function, in: env)
        var message = undeclared(function)
        if let suggestion { message += "; did you mean '\(suggestion)'?" }
        report(message, at: span, suggestion: suggestion)
    }

    func checkCall(_ e: Expr, _ target: Expr?, _ function: String, _ args: [Expr]) {
        if function == Operator.optionalSelect, target == nil {
            checkOptionalSelect(e, args)
            return
        }
        if isConditionConstructor(target, function, args), case .map(let entries) = args[0].kind {
            checkMap(args[0], entries, identifierKeys: true)
        } else {
            for arg in args { check(arg) }
        }

        guard let target else {
            guard let fn = env.resolveFunction(function) else {
                reportUndeclaredFunction(function, at: callSpan(of: e, function: function, isMember: false))
                setType(e, .error)
                return
            }
            resolve(e, fn, target: nil, args: args)
            return
        }
        // `a.b.f(x)` may name the function `a.b.f` rather than `f` on receiver `a.b`.
        if mayNameDeclaration(target, forFunction: true), let prefix = qualifiedName(target),
           lookupLocal(rootName(prefix)) == nil,
           let fn = env.resolveFunction("\(prefix).\(function)") {
            resolve(e, fn, target: nil, args: args)
            return
        }
        check(target)
        guard let fn = env.resolveFunction(function) else {
            reportUndeclaredFunction(function, at: callSpan(of: e, function: function, isMember: true))
            setType(e, .error)
            return
        }
        resolve(e, fn, target: target, args: args)
        if function == "format", case .literal(.string(let format)) = target.kind {
            recordFormatCall(e, format: format, args: args)
        }
    }

    /// kro's `runtime.newCondition({type: …, status: …})`: the parse-time macro lets the
    /// map keys be bare identifiers (cel.md §5.7).
    func isConditionConstructor(_ target: Expr?, _ function: String, _ args: [Expr]) -> Bool {
        guard function == "newCondition", args.count == 1, let target, case .ident("runtime") = target.kind,
              lookupLocal("runtime") == nil, case .map = args[0].kind else { return false }
        return true
    }

    /// `a.?f` (cel-go's `_?._`): field selection whose result is optional.
    func checkOptionalSelect(_ e: Expr, _ args: [Expr]) {
        guard args.count == 2, case .literal(.string(let field)) = args[1].kind else {
            for arg in args { check(arg) }
            report("unsupported optional field selection", at: span(of: e))
            setType(e, .error)
            return
        }
        check(args[0])
        setType(args[1], .string)
        let result = selectField(e, operandType: type(of: args[0]), field: field, optional: true)
        setType(e, result)
        references.add(e.id, Reference(name: Operator.optionalSelect, overloadIDs: ["select_optional_field"]))
    }

    /// Picks the overloads whose parameters unify with the argument types. With several
    /// matches of different result types the result is `dyn` (cel-go's rule).
    func resolve(_ e: Expr, _ fn: FunctionDecl, target: Expr?, args: [Expr]) {
        var argTypes = args.map { type(of: $0) }
        if let target { argTypes.insert(type(of: target), at: 0) }
        var resultType: CELType?
        var matched: [String] = []
        let overloads = fn.overloads
        let isMember = target != nil
        for i in overloads.indices {
            // Most overloads differ from the arguments in arity or in a type's outermost
            // form (`int` against `string`): those cannot unify, so they are not instantiated.
            guard overloads[i].isMemberFunction == isMember, overloads[i].params.count == argTypes.count,
                  zip(argTypes, overloads[i].params).allSatisfy({ TypeSubstitution.mayUnify($0, $1) })
            else { continue }
            let overload = overloads[i]
            let (params, result) = instantiate(overload)
            guard isAssignable(argTypes, params) else { continue }
            matched.append(overload.id)
            let overloadResult = substitution.substitute(result, freeToDyn: false)
            if let current = resultType {
                if current != .dyn && current != overloadResult { resultType = .dyn }
            } else {
                resultType = overloadResult
            }
        }
        guard let resultType else {
            let shown = argTypes.map(describe)
            let signature = target != nil
                ? "\(shown[0]).(\(shown.dropFirst().joined(separator: ", ")))"
                : "(\(shown.joined(separator: ", ")))"
            report("found no matching overload for '\(fn.name)' applied to '\(signature)'",
                   at: callSpan(of: e, function: fn.name, isMember: target != nil))
            setType(e, .error)
            return
        }
        setType(e, resultType)
        references.add(e.id, Reference(name: fn.name, overloadIDs: matched))
    }

    /// The overload's signature with its type parameters replaced by fresh variables.
    func instantiate(_ overload: OverloadDecl) -> (params: [CELType], result: CELType) {
        guard !overload.typeParams.isEmpty else { return (overload.params, overload.result) }
        var fresh = TypeSubstitution()
        for name in overload.typeParams { fresh.bind(name, to: freshTypeVariable()) }
        return (overload.params.map { fresh.substitute($0, freeToDyn: false) },
                fresh.substitute(overload.result, freeToDyn: false))
    }
}
