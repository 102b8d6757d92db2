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

    public init(parsed: ParsedExpr, functions: FunctionTable = .standard, options: EvalOptions = EvalOptions()) {
        self.parsed = parsed; self.functions = functions; self.options = options
    }

    /// Evaluates the expression. Never traps: every failure is an `.error` result.
    public func evaluate(_ activation: Activation = Activation()) -> EvalResult {
        evaluateWithCost(activation).result
    }

    /// Evaluates and reports the cost spent.
    public func evaluateWithCost(_ activation: Activation = Activation()) -> (result: EvalResult, cost: Int64) {
        var interpreter = Interpreter(functions: functions, options: options, activation: activation)
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
