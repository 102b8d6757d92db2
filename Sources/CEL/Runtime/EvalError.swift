/// An evaluation error, with cel-go's wording where a caller may match on it (kro treats
/// errors containing `no such key`, `no such field`, `no such attribute` or
/// `index out of bounds` as "data pending", cel.md §11).
public struct EvalError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The node whose evaluation failed, when known (set by the interpreter).
    public var exprID: ExprID?

    public init(_ message: String, exprID: ExprID? = nil) {
        self.message = message; self.exprID = exprID
    }
    public var description: String { message }

    public static let overflow = EvalError("return error for overflow")
    public static let divisionByZero = EvalError("division by zero")
    public static let moduloByZero = EvalError("modulus by zero")
    public static let costLimitExceeded = EvalError("operation cancelled: actual cost limit exceeded")
    public static let depthLimitExceeded = EvalError("operation cancelled: expression nesting too deep")

    /// A timestamp or duration left its range.
    public static func range(_ what: String) -> EvalError { EvalError("\(what) out of range") }
    /// cel-go prints the key without quotes: `no such key: name`.
    public static func noSuchKey(_ key: Value) -> EvalError {
        if case .string(let s) = key { return EvalError("no such key: \(s)") }
        return EvalError("no such key: \(key.debugText)")
    }
    public static func noSuchField(_ name: String) -> EvalError { EvalError("no such field: \(name)") }
    public static func noSuchAttribute(_ name: String) -> EvalError { EvalError("no such attribute: \(name)") }
    public static func indexOutOfBounds(_ index: Value) -> EvalError { EvalError("index out of bounds: \(index.debugText)") }
    /// No overload of `function` accepts arguments of these kinds.
    public static func noSuchOverload(_ function: String, _ args: [Value]) -> EvalError {
        EvalError("no such overload: \(function)(\(args.map { $0.kind.description }.joined(separator: ", ")))")
    }
}

/// A set of expression ids whose values are unknown (partial evaluation).
public struct UnknownSet: Sendable, Equatable {
    public var exprIDs: [ExprID]
    public init(_ exprIDs: [ExprID]) { self.exprIDs = exprIDs }
    public func merged(_ other: UnknownSet) -> UnknownSet {
        UnknownSet(exprIDs + other.exprIDs.filter { !exprIDs.contains($0) })
    }
}

/// What aborts evaluation of a (strict) sub-expression.
public enum EvalFailure: Error, Sendable, Equatable {
    case error(EvalError)
    case unknown(UnknownSet)
}

/// The outcome of evaluating a program.
public enum EvalResult: Sendable {
    case value(Value)
    case error(EvalError)
    case unknown(UnknownSet)

    public var value: Value? { if case .value(let v) = self { return v } else { return nil } }
    public var error: EvalError? { if case .error(let e) = self { return e } else { return nil } }
}
