@testable import CEL

/// Builds ASTs by hand for runtime tests (ids are unique per builder).
final class ASTBuilder {
    private var next: ExprID = 1
    private func make(_ kind: ExprKind) -> Expr {
        defer { next += 1 }
        return Expr(id: next, kind: kind, span: SourceSpan(start: 0, end: 0))
    }
    func int(_ v: Int64) -> Expr { make(.literal(.int(v))) }
    func uint(_ v: UInt64) -> Expr { make(.literal(.uint(v))) }
    func double(_ v: Double) -> Expr { make(.literal(.double(v))) }
    func str(_ v: String) -> Expr { make(.literal(.string(v))) }
    func bool(_ v: Bool) -> Expr { make(.literal(.bool(v))) }
    func null() -> Expr { make(.literal(.null)) }
    func ident(_ n: String) -> Expr { make(.ident(n)) }
    func select(_ e: Expr, _ f: String, testOnly: Bool = false) -> Expr { make(.select(operand: e, field: f, testOnly: testOnly)) }
    func call(_ f: String, _ args: Expr...) -> Expr { make(.call(target: nil, function: f, args: args)) }
    func member(_ target: Expr, _ f: String, _ args: Expr...) -> Expr { make(.call(target: target, function: f, args: args)) }
    func list(_ els: Expr..., optional: [Int] = []) -> Expr { make(.list(elements: els, optionalIndices: optional)) }
    func map(_ entries: (Expr, Expr)...) -> Expr {
        make(.map(entries: entries.map { MapEntry(id: 0, key: $0.0, value: $0.1) }))
    }
    func comprehension(_ c: Comprehension) -> Expr { make(.comprehension(c)) }

    /// `range.all(v, pred)` as cel-go expands it.
    func all(_ range: Expr, _ v: String, _ pred: Expr) -> Expr {
        comprehension(Comprehension(iterVar: v, iterRange: range, accuVar: "@result", accuInit: bool(true),
            loopCondition: call(Operator.notStrictlyFalse, ident("@result")),
            loopStep: call(Operator.logicalAnd, ident("@result"), pred), result: ident("@result")))
    }
    /// `range.exists(v, pred)`.
    func exists(_ range: Expr, _ v: String, _ pred: Expr) -> Expr {
        comprehension(Comprehension(iterVar: v, iterRange: range, accuVar: "@result", accuInit: bool(false),
            loopCondition: call(Operator.notStrictlyFalse, call(Operator.logicalNot, ident("@result"))),
            loopStep: call(Operator.logicalOr, ident("@result"), pred), result: ident("@result")))
    }
    /// `range.map(v, e)`.
    func map(_ range: Expr, _ v: String, _ e: Expr) -> Expr {
        comprehension(Comprehension(iterVar: v, iterRange: range, accuVar: "@result", accuInit: list(),
            loopCondition: bool(true), loopStep: call(Operator.add, ident("@result"), list(e)), result: ident("@result")))
    }
}

/// Evaluates a hand-built expression.
func run(_ e: Expr, _ vars: [String: Value] = [:], options: EvalOptions = EvalOptions()) -> EvalResult {
    Program(parsed: ParsedExpr(expr: e, source: ""), options: options).evaluate(Activation(vars))
}

extension EvalResult {
    /// The value when it equals `expected` under CEL equality and has its kind.
    func isValue(_ expected: Value) -> Bool {
        guard case .value(let v) = self else { return false }
        return v.kind == expected.kind && v.celEquals(expected)
    }
    func isError(containing text: String) -> Bool {
        guard case .error(let e) = self else { return false }
        return e.message.contains(text)
    }
}
