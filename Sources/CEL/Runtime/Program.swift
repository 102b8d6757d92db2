/// Evaluation settings.
public struct EvalOptions: Sendable {
    /// Maximum evaluation cost (roughly cel-go's runtime cost: one per node, one per
    /// comprehension iteration, plus a tenth of the size of strings, bytes and lists a
    /// call consumes or produces). nil: unlimited. Exceeding it fails with
    /// `operation cancelled: actual cost limit exceeded`.
    public var costLimit: Int64?
    /// Maximum nesting of evaluation (guards the native stack).
    public var maxDepth: Int
    /// Maximum nesting of values built by list/map literals and `optional.of` (deeply
    /// nested values would overflow the stack when compared, printed or freed).
    public var maxValueDepth: Int = 1000
    /// The container (namespace) for identifier resolution: with container `a.b`, the
    /// identifier `x` resolves to `a.b.x`, `a.x`, then `x`; `.x` is always `x`.
    public var container: String?

    public static let defaultCostLimit: Int64 = 1_000_000

    public init(costLimit: Int64? = EvalOptions.defaultCostLimit, maxDepth: Int = 250, container: String? = nil) {
        self.costLimit = costLimit; self.maxDepth = maxDepth; self.container = container
    }
}

/// A parsed expression ready to evaluate against activations.
///
/// ```swift
/// let program = Program(parsed: parsed)                   // standard + kro's cel-go extensions
/// switch program.evaluate(Activation(["x": .int(2)])) {
/// case .value(let v): …
/// case .error(let e): …   // e.message, e.exprID
/// case .unknown: …
/// }
/// ```
public struct Program: Sendable {
    public let parsed: ParsedExpr
    public let functions: FunctionTable
    public let options: EvalOptions

    /// Regular expressions written as literals in `matches` calls, compiled once.
    let regexes: [String: RE2Regex]
    /// The call nodes, resolved once.
    let calls: CallPlans
    /// The tree nests deeply enough to evaluate on a large stack: the interpreter recurses
    /// per node, and a caller's thread (a Dispatch worker, a sanitizer build's bigger
    /// frames) may not hold `maxDepth` levels.
    let deep: Bool

    public init(parsed: ParsedExpr, functions: FunctionTable = .standard, options: EvalOptions = EvalOptions()) {
        self.parsed = parsed; self.functions = functions; self.options = options
        var planning = Planning(functions: functions)
        // A parser numbers a call after its operands, so the root's id is about the largest.
        planning.calls.reserve(upTo: parsed.expr.id)
        planning.visit(parsed.expr)
        self.regexes = planning.regexes
        self.calls = planning.calls
        self.deep = planning.height >= LargeStack.inlineDepth
    }

    /// What a walk of the tree (up to 500 levels) decides before any evaluation: the
    /// literal patterns compiled, the calls resolved, and the tree's height.
    private struct Planning {
        let functions: FunctionTable
        var regexes: [String: RE2Regex] = [:]
        var calls = CallPlans()
        var height = 0

        mutating func visit(_ e: Expr, depth: Int = 0) {
            height = max(height, depth + 1)
            guard depth < 500 else { return calls.discard() }
            switch e.kind {
            case .literal, .ident: break
            case .select(let operand, _, _): visit(operand, depth: depth + 1)
            case .call(let target, let function, let args):
                if function == "matches", case .literal(.string(let pattern))? = args.last?.kind, regexes[pattern] == nil {
                    regexes[pattern] = try? RE2Regex(pattern)
                }
                calls.add(CallPlan(target: target, function: function, args: args, functions: functions), for: e.id)
                if let target { visit(target, depth: depth + 1) }
                for a in args { visit(a, depth: depth + 1) }
            case .list(let elements, _):
                for x in elements { visit(x, depth: depth + 1) }
            case .map(let entries):
                for entry in entries { visit(entry.key, depth: depth + 1); visit(entry.value, depth: depth + 1) }
            case .structure(_, let fields):
                for field in fields { visit(field.value, depth: depth + 1) }
            case .comprehension(let c):
                visit(c.iterRange, depth: depth + 1)
                visit(c.accuInit, depth: depth + 1)
                visit(c.loopCondition, depth: depth + 1)
                visit(c.loopStep, depth: depth + 1)
                visit(c.result, depth: depth + 1)
            }
        }
    }

    /// Evaluates the expression. Never traps: every failure is an `.error` result.
    public func evaluate(_ activation: Activation = Activation()) -> EvalResult {
        evaluateWithCost(activation).result
    }

    /// Evaluates and reports the cost spent.
    public func evaluateWithCost(_ activation: Activation = Activation()) -> (result: EvalResult, cost: Int64) {
        guard deep else { return evaluateHere(activation) }
        var outcome: (result: EvalResult, cost: Int64)?
        LargeStack.run { outcome = evaluateHere(activation) }
        return outcome!
    }

    private func evaluateHere(_ activation: Activation) -> (result: EvalResult, cost: Int64) {
        var interpreter = Interpreter(functions: functions, options: options, activation: activation, regexes: regexes,
                                      calls: calls)
        let result: EvalResult
        do { result = .value(try interpreter.eval(parsed.expr)) }
        catch { 
            switch error {
            case .error(let e): result = .error(e)
            case .unknown(let u): result = .unknown(u)
            }
        }
        if let aborted = interpreter.aborted { return (.error(aborted), interpreter.cost) }
        return (result, interpreter.cost)
    }
}
