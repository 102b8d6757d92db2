import Testing
@testable import CEL

@Suite struct ExprNavigationTests {
    func tree(_ text: String) throws -> Expr {
        try #require(CELParser().parse(text).parsed?.expr)
    }

    @Test func childrenAreTargetThenArguments() throws {
        let e = try tree("a.f(b, c)")
        #expect(e.children.map(sexpr) == ["a", "b", "c"])
        #expect(try tree("{1: x}").children.map(sexpr) == ["1", "x"])
        #expect(try tree("x").children.isEmpty)
    }

    @Test func walkVisitsInPreOrderWithDepths() throws {
        var seen: [String] = []
        try tree("a + b.c").walk { node, depth in
            seen.append("\(depth):\(sexpr(node))")
            return true
        }
        #expect(seen == ["0:(_+_ a b.c)", "1:a", "1:b.c", "2:b"])
    }

    @Test func walkCanSkipChildren() throws {
        var seen: [String] = []
        try tree("f(g(x), y)").walk { node, _ in
            seen.append(sexpr(node))
            return sexpr(node) != "(g x)"
        }
        #expect(seen == ["(f (g x) y)", "(g x)", "y"])
    }

    @Test func pathReachesTheInnermostNodeAtAnOffset() throws {
        let e = try tree("schema.spec.name + x")
        // On `spec`: the chain `schema.spec.name` → `schema.spec`.
        #expect(e.path(to: 8).map(sexpr) == ["(_+_ schema.spec.name x)", "schema.spec.name", "schema.spec"])
        // Right after `name` (a cursor at the end of the operand).
        #expect(e.path(to: 16).last.map(sexpr) == "schema.spec.name")
        #expect(e.node(at: 19).map(sexpr) == "x")
        #expect(e.path(to: 40).isEmpty)
    }

    @Test func pathInsideAMacroFindsTheWrittenNode() throws {
        let text = "items.all(i, i > limit)"
        let e = try tree(text)
        let offset = try #require(text.range(of: "limit")).lowerBound.utf16Offset(in: text)
        #expect(e.node(at: offset).map(sexpr) == "limit")
    }

    @Test func nodesAreFoundByID() throws {
        let parsed = try #require(CELParser().parse("a.exists(x, x == 1)").parsed)
        for node in parsed.expr.allNodes { #expect(parsed.node(withID: node.id) == node) }
        #expect(parsed.node(withID: 999) == nil)
    }

    @Test func deepTreesWalkWithoutRecursion() throws {
        // A balanced `||` chain is shallow, so build depth by hand.
        var e = Expr(id: 1, kind: .ident("x"), span: SourceSpan(start: 0, end: 1))
        for i in 2...5_000 {
            e = Expr(id: Int64(i), kind: .call(target: nil, function: "!_", args: [e]), span: SourceSpan(start: 0, end: 1))
        }
        var count = 0
        e.walk { _, _ in count += 1; return true }
        #expect(count == 5_000)
        #expect(e.path(to: 0).count == 5_000)
    }
}
