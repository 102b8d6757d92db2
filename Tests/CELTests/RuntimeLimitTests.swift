import Testing
@testable import CEL

@Suite("Runtime limits")
struct RuntimeLimitTests {
    let b = ASTBuilder()

    @Test func costLimitStopsNestedComprehensions() {
        // lists.range(2000).all(x, lists.range(2000).all(y, true)): 4M iterations.
        let inner = b.all(b.call("lists.range", b.int(2000)), "y", b.bool(true))
        let outer = b.all(b.call("lists.range", b.int(2000)), "x", inner)
        let r = run(outer)
        #expect(r.isError(containing: "operation cancelled: actual cost limit exceeded"))
        // Unlimited, a smaller version completes.
        let small = b.all(b.call("lists.range", b.int(50)), "x", b.all(b.call("lists.range", b.int(50)), "y", b.bool(true)))
        #expect(run(small).isValue(.bool(true)))
    }

    @Test func costLimitCannotBeSwallowedByLogic() {
        let inner = b.all(b.call("lists.range", b.int(2000)), "y", b.bool(true))
        let heavy = b.all(b.call("lists.range", b.int(2000)), "x", inner)
        #expect(run(b.call("_||_", heavy, b.bool(true))).isError(containing: "cost limit"))
    }

    @Test func costCountsStringGrowth() {
        // A fold doubling a string 60 times: few nodes, but the sizes explode.
        let fold = Comprehension(iterVar: "i", iterRange: b.call("lists.range", b.int(60)), accuVar: "s",
                                 accuInit: b.str("abcdefghij"), loopCondition: b.bool(true),
                                 loopStep: b.call("_+_", b.ident("s"), b.ident("s")), result: b.call("size", b.ident("s")))
        #expect(run(b.comprehension(fold)).isError(containing: "cost limit"))
        let short = Comprehension(iterVar: "i", iterRange: b.call("lists.range", b.int(3)), accuVar: "s",
                                  accuInit: b.str("ab"), loopCondition: b.bool(true),
                                  loopStep: b.call("_+_", b.ident("s"), b.ident("s")), result: b.call("size", b.ident("s")))
        #expect(run(b.comprehension(short)).isValue(.int(16)))
    }

    /// A regular expression's search is charged before it runs, by the text's length
    /// times the pattern's: a long pattern over a long text stops at the limit at once.
    @Test func costChargesARegexSearchBeforeItRuns() {
        let text = b.ident("text"), vars: [String: Value] = ["text": .string(String(repeating: "a", count: 1_000_000))]
        let long = b.str(String(repeating: "a", count: 30_000) + "b")
        let limited = EvalOptions(costLimit: 1_000_000)
        #expect(run(b.member(text, "matches", long), vars, options: limited).isError(containing: "cost limit"))
        // A 2-character pattern over the 1 MB text: 100,001 × 1, within the limit.
        #expect(run(b.member(text, "matches", b.str("^a")), vars, options: limited).isValue(.bool(true)))
        #expect(Interpreter.regexCost("matches", [.string(String(repeating: "a", count: 100_000)), .string("^a")]) == 10_001)
        #expect(Interpreter.regexCost("size", [.string("a"), .string("b")]) == nil)
    }

    @Test func costIsReported() {
        let p = Program(parsed: ParsedExpr(expr: b.call("_+_", b.int(1), b.int(2)), source: ""))
        let (r, cost) = p.evaluateWithCost()
        #expect(r.isValue(.int(3)))
        #expect(cost == 3)
    }

    @Test func depthLimit() {
        var e = b.int(1)
        for _ in 0..<400 { e = b.call("-_", e) }
        #expect(run(e).isError(containing: "nesting"))
        #expect(run(e, options: EvalOptions(maxDepth: 1000)).isValue(.int(1)))
    }

    @Test func deeplyNestedValuesAreRejectedNotCrashing() {
        // lists.range(5000).fold(acc = [], [acc]) would nest 5000 levels.
        let fold = Comprehension(iterVar: "i", iterRange: b.call("lists.range", b.int(5000)), accuVar: "acc",
                                 accuInit: b.list(), loopCondition: b.bool(true),
                                 loopStep: b.list(b.ident("acc")), result: b.call("size", b.ident("acc")))
        #expect(run(b.comprehension(fold)).isError(containing: "value nesting"))
        let opt = Comprehension(iterVar: "i", iterRange: b.call("lists.range", b.int(5000)), accuVar: "acc",
                                accuInit: b.null(), loopCondition: b.bool(true),
                                loopStep: b.call("optional.of", b.ident("acc")), result: b.member(b.ident("acc"), "hasValue"))
        #expect(run(b.comprehension(opt)).isError(containing: "value nesting"))
        let shallow = Comprehension(iterVar: "i", iterRange: b.call("lists.range", b.int(100)), accuVar: "acc",
                                    accuInit: b.list(), loopCondition: b.bool(true),
                                    loopStep: b.list(b.ident("acc")), result: b.call("size", b.ident("acc")))
        #expect(run(b.comprehension(shallow)).isValue(.int(1)))
    }
}
