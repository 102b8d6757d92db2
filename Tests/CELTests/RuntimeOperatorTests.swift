import Testing
@testable import CEL

@Suite("Runtime operators")
struct RuntimeOperatorTests {
    let b = ASTBuilder()

    @Test func intOverflowIsAnError() {
        #expect(run(b.call("_+_", b.int(.max), b.int(1))).isError(containing: "overflow"))
        #expect(run(b.call("_-_", b.int(.min), b.int(1))).isError(containing: "overflow"))
        #expect(run(b.call("_*_", b.int(.max), b.int(2))).isError(containing: "overflow"))
        #expect(run(b.call("_/_", b.int(.min), b.int(-1))).isError(containing: "overflow"))
        #expect(run(b.call("_%_", b.int(.min), b.int(-1))).isError(containing: "overflow"))
        #expect(run(b.call("-_", b.int(.min))).isError(containing: "overflow"))
        #expect(run(b.call("_+_", b.int(.max - 1), b.int(1))).isValue(.int(.max)))
    }

    @Test func uintOverflowIsAnError() {
        #expect(run(b.call("_+_", b.uint(.max), b.uint(1))).isError(containing: "overflow"))
        #expect(run(b.call("_-_", b.uint(0), b.uint(1))).isError(containing: "overflow"))
        #expect(run(b.call("_*_", b.uint(.max), b.uint(2))).isError(containing: "overflow"))
        #expect(run(b.call("-_", b.uint(1))).isError(containing: "no such overload"))
    }

    @Test func divisionAndModuloByZero() {
        #expect(run(b.call("_/_", b.int(1), b.int(0))).isError(containing: "division by zero"))
        #expect(run(b.call("_%_", b.int(1), b.int(0))).isError(containing: "modulus by zero"))
        #expect(run(b.call("_/_", b.uint(1), b.uint(0))).isError(containing: "division by zero"))
        #expect(run(b.call("_%_", b.uint(1), b.uint(0))).isError(containing: "modulus by zero"))
        #expect(run(b.call("_/_", b.double(1), b.double(0))).isValue(.double(.infinity)))
        #expect(run(b.call("_%_", b.int(-7), b.int(3))).isValue(.int(-1)))
    }

    @Test func mixedArithmeticHasNoOverload() {
        #expect(run(b.call("_+_", b.int(1), b.uint(1))).isError(containing: "no such overload"))
        #expect(run(b.call("_+_", b.int(1), b.double(1))).isError(containing: "no such overload"))
    }

    @Test func heterogeneousNumericEqualityAndOrdering() {
        #expect(run(b.call("_==_", b.int(1), b.double(1.0))).isValue(.bool(true)))
        #expect(run(b.call("_==_", b.int(1), b.uint(1))).isValue(.bool(true)))
        #expect(run(b.call("_<_", b.int(1), b.double(1.5))).isValue(.bool(true)))
        #expect(run(b.call("_<_", b.int(-1), b.uint(0))).isValue(.bool(true)))
        #expect(run(b.call("_>_", b.uint(.max), b.int(.max))).isValue(.bool(true)))
        // cel-go converts the int to double (lossy), as the conformance suite pins.
        #expect(run(b.call("_<_", b.int(.max), b.double(9_223_372_036_854_775_808.0))).isValue(.bool(false)))
        #expect(run(b.call("_==_", b.str("a"), b.int(1))).isValue(.bool(false)))
        #expect(run(b.call("_<_", b.str("a"), b.int(1))).isError(containing: "no such overload"))
    }

    @Test func nanComparesFalse() {
        let nan = b.double(.nan)
        #expect(run(b.call("_==_", nan, b.double(.nan))).isValue(.bool(false)))
        #expect(run(b.call("_!=_", b.double(.nan), b.double(.nan))).isValue(.bool(true)))
        #expect(run(b.call("_<_", b.double(.nan), b.int(1))).isValue(.bool(false)))
        #expect(run(b.call("_>=_", b.double(.nan), b.int(1))).isValue(.bool(false)))
    }

    @Test func logicIsCommutativeOverErrors() {
        let err = { self.b.call("_/_", self.b.int(1), self.b.int(0)) }
        #expect(run(b.call("_&&_", err(), b.bool(false))).isValue(.bool(false)))
        #expect(run(b.call("_&&_", b.bool(false), err())).isValue(.bool(false)))
        #expect(run(b.call("_||_", err(), b.bool(true))).isValue(.bool(true)))
        #expect(run(b.call("_||_", b.bool(true), err())).isValue(.bool(true)))
        #expect(run(b.call("_&&_", err(), b.bool(true))).isError(containing: "division by zero"))
        #expect(run(b.call("_||_", b.bool(false), err())).isError(containing: "division by zero"))
        #expect(run(b.call("_?_:_", b.bool(true), b.int(1), err())).isValue(.int(1)))
        #expect(run(b.call("_?_:_", b.int(1), b.int(1), b.int(2))).isError(containing: "no such overload"))
    }

    @Test func unknownsWinOverErrorsInLogic() {
        var act = Activation()
        act.markUnknown("u")
        let e = b.call("_&&_", b.call("_/_", b.int(1), b.int(0)), b.ident("u"))
        let r = Program(parsed: ParsedExpr(expr: e, source: "")).evaluate(act)
        guard case .unknown = r else { Issue.record("expected unknown, got \(r)"); return }
        let f = b.call("_&&_", b.ident("u"), b.bool(false))
        #expect(Program(parsed: ParsedExpr(expr: f, source: "")).evaluate(act).isValue(.bool(false)))
    }

    @Test func concatenation() {
        #expect(run(b.call("_+_", b.str("ab"), b.str("c"))).isValue(.string("abc")))
        #expect(run(b.call("_+_", b.list(b.int(1)), b.list(b.str("x")))).isValue(.list([.int(1), .string("x")])))
        #expect(run(b.call("_+_", b.make_bytes([1]), b.make_bytes([2]))).isValue(.bytes([1, 2])))
    }

    @Test func inAndDeepEquality() {
        #expect(run(b.call("@in", b.int(2), b.list(b.int(1), b.double(2.0)))).isValue(.bool(true)))
        #expect(run(b.call("@in", b.uint(1), b.map((b.int(1), b.str("a"))))).isValue(.bool(true)))
        #expect(run(b.call("@in", b.str("z"), b.map((b.str("a"), b.int(1))))).isValue(.bool(false)))
        let l1 = b.list(b.map((b.str("a"), b.list(b.int(1))))), l2 = b.list(b.map((b.str("a"), b.list(b.double(1)))))
        #expect(run(b.call("_==_", l1, l2)).isValue(.bool(true)))
        #expect(run(b.call("_==_", b.map((b.int(1), b.int(2))), b.map((b.uint(1), b.int(2))))).isValue(.bool(true)))
    }

    @Test func indexing() {
        let l = { self.b.list(self.b.int(10), self.b.int(20)) }
        #expect(run(b.call("_[_]", l(), b.int(1))).isValue(.int(20)))
        #expect(run(b.call("_[_]", l(), b.uint(0))).isValue(.int(10)))
        #expect(run(b.call("_[_]", l(), b.int(2))).isError(containing: "index out of bounds"))
        #expect(run(b.call("_[_]", l(), b.int(-1))).isError(containing: "index out of bounds"))
        #expect(run(b.call("_[_]", b.map((b.str("a"), b.int(1))), b.str("b"))).isError(containing: "no such key"))
        #expect(run(b.call("_[?_]", l(), b.int(5))).isValue(.optional(nil)))
        #expect(run(b.call("_[?_]", l(), b.int(0))).isValue(.optional(.int(10))))
    }

    @Test func mapLiteralRejectsDuplicateAndBadKeys() {
        #expect(run(b.map((b.int(1), b.int(1)), (b.uint(1), b.int(2)))).isError(containing: "repeated key"))
        #expect(run(b.map((b.double(1), b.int(1)))).isError(containing: "unsupported key type"))
    }

    @Test func selectionAndHas() {
        let m = Value.stringMap([("a", .int(1))])
        #expect(run(b.select(b.ident("m"), "a"), ["m": m]).isValue(.int(1)))
        #expect(run(b.select(b.ident("m"), "b"), ["m": m]).isError(containing: "no such key"))
        #expect(run(b.select(b.ident("m"), "a", testOnly: true), ["m": m]).isValue(.bool(true)))
        #expect(run(b.select(b.ident("m"), "b", testOnly: true), ["m": m]).isValue(.bool(false)))
        #expect(run(b.ident("missing")).isError(containing: "no such attribute"))
        #expect(run(b.select(b.select(b.ident("a"), "b"), "c"), ["a.b.c": .int(7), "a.b": m]).isValue(.int(7)))
    }

    @Test func optionalSelectionChains() {
        let m = Value.stringMap([("a", .stringMap([("b", .int(1))]))])
        let sel = b.call("_?._", b.ident("m"), b.str("a"))
        #expect(run(sel, ["m": m]).isValue(.optional(.stringMap([("b", .int(1))]))))
        #expect(run(b.select(b.call("_?._", b.ident("m"), b.str("a")), "b"), ["m": m]).isValue(.optional(.int(1))))
        #expect(run(b.select(b.call("_?._", b.ident("m"), b.str("x")), "b"), ["m": m]).isValue(.optional(nil)))
        #expect(run(b.list(b.call("optional.none"), b.int(1), optional: [0])).isValue(.list([.int(1)])))
    }

    @Test func comprehensions() {
        let l = { self.b.list(self.b.int(1), self.b.int(2), self.b.int(3)) }
        #expect(run(b.all(l(), "x", b.call("_>_", b.ident("x"), b.int(0)))).isValue(.bool(true)))
        #expect(run(b.exists(l(), "x", b.call("_==_", b.ident("x"), b.int(3)))).isValue(.bool(true)))
        #expect(run(b.map(l(), "x", b.call("_*_", b.ident("x"), b.int(2)))).isValue(.list([.int(2), .int(4), .int(6)])))
        // Errors inside `all` are absorbed when another element decides the result.
        let mixed = b.list(b.int(0), b.str("a"))
        #expect(run(b.all(mixed, "x", b.call("_>_", b.ident("x"), b.int(0)))).isValue(.bool(false)))
        // Two-variable form over a list: index and element.
        let c = Comprehension(iterVar: "i", iterVar2: "v", iterRange: b.list(b.str("a"), b.str("b")), accuVar: "@result",
                              accuInit: b.int(0), loopCondition: b.bool(true),
                              loopStep: b.call("_+_", b.ident("@result"), b.ident("i")), result: b.ident("@result"))
        #expect(run(b.comprehension(c)).isValue(.int(1)))
    }

    @Test func typeValues() {
        #expect(run(b.call("_==_", b.call("type", b.int(1)), b.ident("int"))).isValue(.bool(true)))
        #expect(run(b.call("type", b.call("type", b.int(1)))).isValue(.type(.type)))
        #expect(run(b.ident("dyn")).isError(containing: "no such attribute"))
    }

    @Test func conversions() {
        #expect(run(b.call("int", b.double(-3.9))).isValue(.int(-3)))
        #expect(run(b.call("int", b.double(9.3e18))).isError(containing: "range"))
        #expect(run(b.call("int", b.uint(.max))).isError(containing: "range"))
        #expect(run(b.call("uint", b.int(-1))).isError(containing: "range"))
        #expect(run(b.call("int", b.str("-42"))).isValue(.int(-42)))
        #expect(run(b.call("int", b.str("4x"))).isError(containing: "conversion"))
        #expect(run(b.call("string", b.double(1e6))).isValue(.string("1e+06")))
        #expect(run(b.call("string", b.double(-4.5e-3))).isValue(.string("-0.0045")))
        #expect(run(b.call("bool", b.str("TrUe"))).isError(containing: "conversion"))
        #expect(run(b.call("size", b.str("héllo"))).isValue(.int(5)))
    }
}

extension ASTBuilder {
    func make_bytes(_ v: [UInt8]) -> Expr { Expr(id: 9999, kind: .literal(.bytes(v)), span: SourceSpan(start: 0, end: 0)) }
}
