import Testing
@testable import CEL

/// A program resolves its calls once (`CallPlan`); these check that what it resolved is
/// what the call means when it runs.
@Suite struct CallPlanTests {
    private func evaluate(_ text: String) -> EvalResult {
        guard let parsed = CELParser().parse(text).parsed else { return .error(EvalError("parse failed")) }
        return Program(parsed: parsed).evaluate()
    }

    @Test func aQualifiedNameCallsTheGlobalFunction() {
        #expect(evaluate("base64.encode(b'hi')").isValue(.string("aGk=")))
    }

    /// A comprehension variable named like a function namespace makes `base64.encode(…)` a
    /// member call on the variable, although the plan was made without knowing the scope.
    @Test func aLocalVariableShadowsTheNamespace() {
        #expect(evaluate("[b'hi'].map(base64, base64.encode(b'x'))").isError(containing: "encode"))
        #expect(evaluate("[b'hi'].map(b, base64.encode(b))").isValue(.list([.string("aGk=")])))
    }

    @Test func operatorsAreOnlyTheirOwnFormWithTheirArity() {
        #expect(evaluate("true && false").isValue(.bool(false)))
        #expect(evaluate("[1, 2][1]").isValue(.int(2)))
        #expect(evaluate("{'a': 1}[?'b'].hasValue()").isValue(.bool(false)))
        #expect(evaluate("'abc'.matches('^a')").isValue(.bool(true)))
        #expect(evaluate("matches('abc', 'c$')").isValue(.bool(true)))
        #expect(evaluate("nosuch(1)").isError(containing: "unknown function"))
    }

    /// A tree built by hand may give several calls one id: each call still runs as itself.
    @Test func callsSharingAnIdRunAsThemselves() {
        func node(_ kind: ExprKind) -> Expr { Expr(id: 7, kind: kind, span: SourceSpan(start: 0, end: 0)) }
        let sum = node(.call(target: nil, function: Operator.add, args: [node(.literal(.int(1))), node(.literal(.int(2)))]))
        let product = node(.call(target: nil, function: Operator.multiply, args: [sum, node(.literal(.int(4)))]))
        #expect(run(product).isValue(.int(12)))
    }

    /// Calls deeper than the planning walk goes are planned as they run, even when one of
    /// them shares an id with a call the walk planned.
    @Test func callsBelowThePlannedDepthRunAsThemselves() {
        let b = ASTBuilder()
        var e = b.int(0)
        for _ in 0..<600 { e = b.call(Operator.add, e, b.int(1)) }
        let deep = Expr(id: 1_000_000, kind: .call(target: nil, function: Operator.subtract, args: [e, b.int(0)]),
                        span: SourceSpan(start: 0, end: 0))
        var chain = deep
        for _ in 0..<501 { chain = b.call(Operator.add, chain, b.int(0)) }
        let top = Expr(id: 1_000_000, kind: .call(target: nil, function: Operator.multiply, args: [chain, b.int(2)]),
                       span: SourceSpan(start: 0, end: 0))
        #expect(run(top, options: EvalOptions(maxDepth: 5000)).isValue(.int(1200)))
    }
}
