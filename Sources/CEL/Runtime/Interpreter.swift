/// Tree-walking evaluation of a (macro-expanded) CEL AST.
///
/// Strict calls evaluate every argument and propagate the first unknown set (merged) or
/// else the first error. `&&`, `||`, `?:`, `@not_strictly_false` and comprehension
/// accumulators are non-strict, which makes `false && error` and `error && false` both
/// `false` (cel-spec commutativity).
struct Interpreter {
    let functions: FunctionTable
    let options: EvalOptions
    let activation: Activation
    private(set) var cost: Int64 = 0
    /// Set once the cost or depth limit is hit: the whole evaluation fails, even where a
    /// non-strict operator would otherwise swallow the error.
    private(set) var aborted: EvalError?
    private var depth = 0
    /// Comprehension and binding variables, innermost last.
    private var locals: [(name: String, slot: Slot)] = []

    /// A local variable's content: accumulators may hold an error or unknown.
    enum Slot {
        case value(Value)
        case failure(EvalFailure)
    }

    /// Precompiled literal patterns of `matches` calls.
    let regexes: [String: RE2Regex]
    /// The program's call nodes, resolved when it was made.
    let calls: CallPlans

    init(functions: FunctionTable, options: EvalOptions, activation: Activation, regexes: [String: RE2Regex] = [:],
         calls: CallPlans = CallPlans()) {
        self.functions = functions; self.options = options; self.activation = activation; self.regexes = regexes
        self.calls = calls
    }

    // MARK: cost and depth

    mutating func charge(_ amount: Int64) throws(EvalFailure) {
        cost &+= amount
        if let limit = options.costLimit, cost > limit {
            aborted = .costLimitExceeded
            throw .error(.costLimitExceeded)
        }
    }

    // MARK: evaluation

    mutating func eval(_ e: Expr) throws(EvalFailure) -> Value {
        depth += 1
        defer { depth -= 1 }
        if depth > options.maxDepth {
            aborted = EvalError.depthLimitExceeded.at(e.id)
            throw .error(EvalError.depthLimitExceeded.at(e.id))
        }
        try charge(1)
        switch e.kind {
        case .literal(let lit):
            return Self.value(of: lit)
        case .ident(let name):
            return try resolveIdent(name, e)
        case .select(let operand, let field, let testOnly):
            if testOnly {
                return try presence(of: field, in: eval(operand), e)
            }
            if let v = try resolveQualified(e) { return v }
            return try select(field, from: eval(operand), e)
        case .call(let target, let function, let args):
            return try evalCall(e, target: target, function: function, args: args)
        case .list(let elements, let optionalIndices):
            var out: [Value] = []
            out.reserveCapacity(elements.count)
            var failure: EvalFailure?
            for (i, el) in elements.enumerated() {
                do throws(EvalFailure) {
                    let v = try eval(el)
                    if optionalIndices.contains(i) {
                        guard case .optional(let inner) = v else {
                            throw EvalFailure.error(EvalError("cannot initialize optional list element from non-optional value \(v.kind)", exprID: el.id))
                        }
                        if let inner { out.append(inner) }
                    } else {
                        out.append(v)
                    }
                } catch { failure = Self.combine(failure, error) }
            }
            if let failure { throw failure }
            try charge(Int64(out.count / 10))
            for v in out { try checkNesting(v, e) }
            return .list(out)
        case .map(let entries):
            var m = CELMap()
            var failure: EvalFailure?
            for entry in entries {
                do throws(EvalFailure) {
                    let k = try eval(entry.key)
                    let v = try eval(entry.value)
                    switch k {
                    case .int, .uint, .bool, .string: break
                    default: throw EvalFailure.error(EvalError("unsupported key type: \(k.kind)", exprID: entry.key.id))
                    }
                    if m.contains(k) { throw EvalFailure.error(EvalError("Failed with repeated key: \(k.debugText)", exprID: entry.id)) }
                    if entry.isOptional {
                        guard case .optional(let inner) = v else {
                            throw EvalFailure.error(EvalError("cannot initialize optional entry '\(k.debugText)' from non-optional value \(v.kind)", exprID: entry.value.id))
                        }
                        if let inner { m.set(k, inner) }
                    } else {
                        m.set(k, v)
                    }
                } catch { failure = Self.combine(failure, error) }
            }
            if let failure { throw failure }
            for v in m.storage.values { try checkNesting(v.value, e) }
            return .map(m)
        case .structure(let typeName, _):
            throw .error(EvalError("unknown type: \(typeName)", exprID: e.id))
        case .comprehension(let c):
            return try evalComprehension(c, e)
        }
    }

    static func value(of lit: Literal) -> Value {
        switch lit {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes(let b): return .bytes(b)
        }
    }

    /// Merge rule for failures of several strict arguments: unknowns win and merge;
    /// otherwise the first error is kept.
    static func combine(_ a: EvalFailure?, _ b: EvalFailure) -> EvalFailure {
        switch (a, b) {
        case (nil, _): return b
        case let (.unknown(x)?, .unknown(y)): return .unknown(x.merged(y))
        case (.unknown?, _): return a ?? b
        case (.error?, .unknown): return b
        default: return a ?? b
        }
    }

    // MARK: identifiers

    private func local(_ name: String) -> Slot? {
        var i = locals.count - 1
        while i >= 0 {
            if locals[i].name == name { return locals[i].slot }
            i -= 1
        }
        return nil
    }

    /// A global variable or type name, or nil when nothing of that name exists. With a
    /// container `a.b`, `x` is looked up as `a.b.x`, `a.x`, then `x`; `.x` means `x`.
    private func resolveGlobal(_ name: String, _ e: Expr) throws(EvalFailure) -> Value? {
        if name.hasPrefix(".") { return try resolveExact(String(name.dropFirst()), e) }
        if let container = options.container, !container.isEmpty {
            var prefix = Substring(container)
            while true {
                if let v = try resolveExact(prefix + "." + name, e, typesToo: false) { return v }
                guard let dot = prefix.lastIndex(of: ".") else { break }
                prefix = prefix[..<dot]
            }
        }
        return try resolveExact(name, e)
    }

    private func resolveExact(_ name: String, _ e: Expr, typesToo: Bool = true) throws(EvalFailure) -> Value? {
        switch activation.lookup(name) {
        case .value(let v)?: return v
        case .lazy(let f)?:
            do { return try f() }
            catch let err as EvalError { throw .error(err.at(e.id)) }
            catch { throw .error(EvalError(String(describing: error), exprID: e.id)) }
        case .unknown?: throw .unknown(UnknownSet([e.id]))
        case nil:
            if typesToo, let t = TypeValue.builtinNames[name] { return .type(t) }
            return nil
        }
    }

    private mutating func resolveIdent(_ name: String, _ e: Expr) throws(EvalFailure) -> Value {
        if let slot = local(name) {
            switch slot {
            case .value(let v): return v
            case .failure(let f): throw f
            }
        }
        if let v = try resolveGlobal(name, e) { return v }
        throw .error(EvalError.noSuchAttribute(name).at(e.id))
    }

    /// The dotted name of a select chain of identifiers (`a.b.c`), if `e` is one whose
    /// root is not a local variable.
    private func qualifiedName(_ e: Expr) -> String? {
        switch e.kind {
        case .ident(let name):
            return local(name) == nil ? name : nil
        case .select(let operand, let field, let testOnly):
            guard !testOnly, let base = qualifiedName(operand) else { return nil }
            return base + "." + field
        default:
            return nil
        }
    }

    /// `a.b.c` may name a variable `a.b.c` itself, or a type such as
    /// `google.protobuf.Timestamp` (longest name wins). Skipped cheaply in the common
    /// case: no dotted variable names, no container, and the root is a bound variable.
    private func resolveQualified(_ e: Expr) throws(EvalFailure) -> Value? {
        if !activation.hasQualifiedNames, options.container?.isEmpty ?? true {
            var root = e
            while case .select(let operand, _, _) = root.kind { root = operand }
            if case .ident(let name) = root.kind, local(name) != nil || activation.contains(name) { return nil }
        }
        guard let name = qualifiedName(e) else { return nil }
        return try resolveGlobal(name, e)
    }

    // MARK: selection and indexing

    private func select(_ field: String, from v: Value, _ e: Expr) throws(EvalFailure) -> Value {
        switch v {
        case .map(let m):
            if let r = m[.string(field)] { return r }
            throw .error(EvalError.noSuchKey(.string(field)).at(e.id))
        case .object(let o):
            if let r = o.field(field) { return r }
            throw .error(EvalError.noSuchField(field).at(e.id))
        case .optional(let inner):
            // Selection inside an optional chain stays optional.
            guard let inner else { return .optional(nil) }
            return try optionalSelect(field, from: inner, e)
        default:
            throw .error(EvalError("type '\(v.kind)' does not support field selection", exprID: e.id))
        }
    }

    private func presence(of field: String, in v: Value, _ e: Expr) throws(EvalFailure) -> Value {
        switch v {
        case .map(let m): return .bool(m[.string(field)] != nil)
        case .object(let o): return .bool(o.field(field) != nil)
        case .optional(let inner):
            guard let inner else { return .bool(false) }
            return try presence(of: field, in: inner, e)
        default:
            throw .error(EvalError("invalid type for field selection: \(v.kind)", exprID: e.id))
        }
    }

    private func optionalSelect(_ field: String, from v: Value, _ e: Expr) throws(EvalFailure) -> Value {
        switch v {
        case .optional(let inner):
            guard let inner else { return .optional(nil) }
            return try optionalSelect(field, from: inner, e)
        case .map(let m): return .optional(m[.string(field)])
        case .object(let o): return .optional(o.field(field))
        default:
            throw .error(EvalError("type '\(v.kind)' does not support field selection", exprID: e.id))
        }
    }

    static func index(_ v: Value, _ key: Value) throws(EvalError) -> Value {
        switch v {
        case .list(let l):
            guard let i = listIndex(key) else { throw EvalError.noSuchOverload(Operator.index, [v, key]) }
            guard i >= 0, i < l.count else { throw EvalError.indexOutOfBounds(key) }
            return l[i]
        case .map(let m):
            switch key {
            case .int, .uint, .bool, .string, .double: break
            default: throw EvalError.noSuchOverload(Operator.index, [v, key])
            }
            if let r = m.lookup(key) { return r }
            throw EvalError.noSuchKey(key)
        case .optional(let inner):
            guard let inner else { return .optional(nil) }
            return try optionalIndex(inner, key)
        default:
            throw EvalError.noSuchOverload(Operator.index, [v, key])
        }
    }

    static func optionalIndex(_ v: Value, _ key: Value) throws(EvalError) -> Value {
        switch v {
        case .optional(let inner):
            guard let inner else { return .optional(nil) }
            return try optionalIndex(inner, key)
        case .list(let l):
            guard let i = listIndex(key) else { throw EvalError.noSuchOverload(Operator.optionalIndex, [v, key]) }
            return .optional(i >= 0 && i < l.count ? l[i] : nil)
        case .map(let m):
            return .optional(m.lookup(key))
        default:
            throw EvalError.noSuchOverload(Operator.optionalIndex, [v, key])
        }
    }

    /// List indexes may be int, uint or a whole double.
    private static func listIndex(_ key: Value) -> Int? {
        switch key {
        case .int(let i): return Int(exactly: i)
        case .uint(let u): return Int(exactly: u) ?? Int.max
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    // MARK: calls

    /// The receiver (if any) and the arguments, in order.
    private mutating func evalStrictArgs(_ receiver: Expr?, _ args: [Expr]) throws(EvalFailure) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(args.count + 1)
        var failure: EvalFailure?
        if let receiver {
            do { values.append(try eval(receiver)) }
            catch { failure = Self.combine(failure, error) }
        }
        for a in args {
            do { values.append(try eval(a)) }
            catch { failure = Self.combine(failure, error) }
        }
        if let failure { throw failure }
        return values
    }

    private mutating func evalNonStrict(_ e: Expr) -> Result<Value, EvalFailure> {
        do { return .success(try eval(e)) } catch { return .failure(aborted.map { .error($0) } ?? error) }
    }

    private mutating func evalCall(_ e: Expr, target: Expr?, function: String, args: [Expr]) throws(EvalFailure) -> Value {
        let plan = calls[e.id] ?? CallPlan(target: target, function: function, args: args, functions: functions)
        switch plan.form {
        case .logicalAnd:
            return try logical(e, args, shortCircuitOn: false)
        case .logicalOr:
            return try logical(e, args, shortCircuitOn: true)
        case .conditional:
            let c = try eval(args[0])
            guard case .bool(let b) = c else {
                throw .error(EvalError.noSuchOverload(Operator.conditional, [c]).at(e.id))
            }
            return try eval(b ? args[1] : args[2])
        case .notStrictlyFalse:
            if case .success(.bool(let b)) = evalNonStrict(args[0]) { return .bool(b) }
            return .bool(true)
        case .optionalSelect:
            let operand = try eval(args[0])
            guard case .literal(.string(let field)) = args[1].kind else {
                throw .error(EvalError("optional selection needs a field name", exprID: e.id))
            }
            return try optionalSelect(field, from: operand, e)
        case .index, .optionalIndex, .matches, .overloaded:
            break
        }
        // `base64.encode(x)`: a receiver that spells a qualified global function name.
        var call = plan
        var receiver = target
        if let qualified = plan.qualified, local(qualified.root) == nil {
            call = qualified.plan
            receiver = nil
        }
        let values = try evalStrictArgs(receiver, args)
        let function = call.function
        try charge(argumentsCost(readingDeeply: function.readsArgumentsDeeply, values))
        if function.chargesRegex, let regexCost = Self.regexCost(function.name, values) { try charge(regexCost) }
        if function.chargesResultBeforehand, let resultCost = Self.resultCostBeforehand(function.name, values) {
            try charge(resultCost)
        }
        let result: Value
        do {
            switch call.form {
            case .index:
                result = try Self.index(values[0], values[1])
            case .optionalIndex:
                result = try Self.optionalIndex(values[0], values[1])
            case .matches:
                if case .string(let text) = values[0], case .string(let pattern) = values[1], let re = regexes[pattern] {
                    result = .bool(re.matches(text))
                } else {
                    result = try FunctionTable.call(function, member: call.member, values)
                }
            default:
                result = try FunctionTable.call(function, member: call.member, values)
            }
        } catch {
            throw .error(error.at(e.id))
        }
        try charge(Self.sizeCost(result))
        if case .optional = result { try checkNesting(result, e) }
        return result
    }

    /// Rejects values nested deeper than `maxValueDepth` (a fold wrapping its
    /// accumulator, `[acc]`, would otherwise build a structure whose deallocation
    /// overflows the stack). The walk is charged to the cost.
    private mutating func checkNesting(_ v: Value, _ e: Expr) throws(EvalFailure) {
        switch v {
        case .list, .map, .optional: break
        default: return
        }
        var visited: Int64 = 0
        let depth = Self.nesting(v, limit: options.maxValueDepth, visited: &visited, stopAbove: unitsBeforeLimit)
        try charge(visited / 10)
        if depth > options.maxValueDepth {
            throw .error(EvalError("value nesting exceeds the limit of \(options.maxValueDepth)", exprID: e.id))
        }
    }

    /// Nesting depth of a value, counting at most `limit + 1` levels; the walk stops once
    /// it has visited more than `stopAbove` values (what it charges is then over the limit).
    static func nesting(_ v: Value, limit: Int, visited: inout Int64, stopAbove: Int64 = .max) -> Int {
        visited += 1
        if limit < 0 { return 1 }
        switch v {
        case .list(let l):
            var d = 0
            for x in l where visited <= stopAbove {
                d = max(d, nesting(x, limit: limit - 1, visited: &visited, stopAbove: stopAbove))
                if d > limit { break }
            }
            return d + 1
        case .map(let m):
            var d = 0
            for x in m.storage.values where visited <= stopAbove {
                d = max(d, nesting(x.value, limit: limit - 1, visited: &visited, stopAbove: stopAbove))
                if d > limit { break }
            }
            return d + 1
        case .optional(let o?):
            return nesting(o, limit: limit - 1, visited: &visited, stopAbove: stopAbove) + 1
        default:
            return 0
        }
    }

    /// `&&` (`shortCircuitOn: false`) and `||` (`true`), commutative over errors/unknowns.
    private mutating func logical(_ e: Expr, _ args: [Expr], shortCircuitOn decisive: Bool) throws(EvalFailure) -> Value {
        let lhs = evalNonStrict(args[0])
        if let aborted { throw .error(aborted) }
        if case .success(.bool(decisive)) = lhs { return .bool(decisive) }
        let rhs = evalNonStrict(args[1])
        if case .success(.bool(decisive)) = rhs { return .bool(decisive) }
        switch (lhs, rhs) {
        case (.success(.bool), .success(.bool)): return .bool(!decisive)
        case let (.failure(.unknown(a)), .failure(.unknown(b))): throw .unknown(a.merged(b))
        case (.failure(.unknown(let a)), _), (_, .failure(.unknown(let a))): throw .unknown(a)
        case (.failure(let f), _), (_, .failure(let f)): throw f
        case let (.success(a), .success(b)):
            throw .error(EvalError.noSuchOverload(decisive ? Operator.logicalOr : Operator.logicalAnd, [a, b]).at(e.id))
        }
    }

    // MARK: comprehensions

    private mutating func evalComprehension(_ c: Comprehension, _ e: Expr) throws(EvalFailure) -> Value {
        let range = try eval(c.iterRange)
        var list: [Value] = []
        var entries: [(key: Value, value: Value)] = []
        let isList: Bool
        switch range {
        case .list(let l): list = l; isList = true
        case .map(let m): entries = m.entries; isList = false
        default:
            throw .error(EvalError("cannot iterate over \(range.kind)", exprID: c.iterRange.id))
        }
        let accuInit = evalNonStrict(c.accuInit)
        let base = locals.count
        defer { locals.removeSubrange(base...) }
        locals.append((c.accuVar, Self.slot(accuInit)))
        let accuIndex = base
        // Iteration variables live after the accumulator (they shadow it) and are
        // overwritten in place on each iteration.
        let iterIndex = locals.count
        locals.append((c.iterVar, .value(.null)))
        if let v2 = c.iterVar2 { locals.append((v2, .value(.null))) }
        let count = isList ? list.count : entries.count
        var k = 0
        while k < count {
            try charge(1)
            if isList {
                if c.iterVar2 != nil {
                    locals[iterIndex].slot = .value(.int(Int64(k)))
                    locals[iterIndex + 1].slot = .value(list[k])
                } else {
                    locals[iterIndex].slot = .value(list[k])
                }
            } else {
                locals[iterIndex].slot = .value(entries[k].key)
                if c.iterVar2 != nil { locals[iterIndex + 1].slot = .value(entries[k].value) }
            }
            k += 1
            if case .success(.bool(false)) = evalNonStrict(c.loopCondition) { break }
            let step = evalNonStrict(c.loopStep)
            // A limit error must stop the loop, not be accumulated.
            if let aborted { throw .error(aborted) }
            locals[accuIndex].slot = Self.slot(step)
        }
        locals.removeSubrange(iterIndex...)
        return try eval(c.result)
    }

    private static func slot(_ r: Result<Value, EvalFailure>) -> Slot {
        switch r {
        case .success(let v): return .value(v)
        case .failure(let f): return .failure(f)
        }
    }
}

extension EvalError {
    /// The error located at `id` unless it already has a location.
    func at(_ id: ExprID) -> EvalError {
        var e = self
        if e.exprID == nil { e.exprID = id }
        return e
    }
}
