import Testing
@testable import CEL

/// A node keeps its offsets as 32-bit values (40 bytes a node, not 64) and reads back
/// what was stored: spans, position and the optional name span, negative and past 16 bits.
@Suite struct ExprStorageTests {
    @Test func offsetsReadBackAsStored() {
        #expect(MemoryLayout<Expr>.stride == 40)
        var e = Expr(id: 7, kind: .ident("a"), span: SourceSpan(start: 70_000, end: 70_006))
        #expect(e.span == SourceSpan(start: 70_000, end: 70_006) && e.position == 70_000 && e.nameSpan == nil)
        e.nameSpan = SourceSpan(start: -1, end: 3)
        e.position = 2_000_000_000
        #expect(e.nameSpan == SourceSpan(start: -1, end: 3) && e.position == 2_000_000_000)
        e.span.end = 80_000
        #expect(e.span == SourceSpan(start: 70_000, end: 80_000))
        e.nameSpan = nil
        #expect(e.nameSpan == nil && e == Expr(id: 7, kind: .ident("a"), span: SourceSpan(start: 70_000, end: 80_000),
                                             position: 2_000_000_000))
        // Past 32 bits (not a text this library is given): clamped, still ordered.
        let far = Expr(id: 1, kind: .ident("b"), span: SourceSpan(start: 1 << 40, end: 1 << 41))
        #expect(far.span.start == Int(Int32.max) && far.span.start <= far.span.end)
    }

    @Test func parsedTreesKeepTheParsersSpans() throws {
        let parsed = try #require(CELParser().parse("a.b + f(c)").parsed)
        #expect(parsed.expr.span == SourceSpan(start: 0, end: 10) && parsed.expr.position == 4)
        guard case .call(_, _, let args) = parsed.expr.kind, case .select(let operand, _, _) = args[0].kind else {
            Issue.record("not a call of a selection"); return
        }
        #expect(args[0].nameSpan == SourceSpan(start: 2, end: 3) && args[0].position == 1 && operand.nameSpan == nil)
    }
}
