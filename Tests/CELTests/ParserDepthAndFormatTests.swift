import Testing
@testable import CEL

/// Limits that keep every consumer's recursion bounded, cel-go's balanced logical
/// operators, and the cel-go error rendering.
@Suite struct ParserDepthAndFormatTests {
    private func messages(_ text: String, _ configure: (inout ParserOptions) -> Void = { _ in }) -> [String] {
        parse(text, configure).issues.map(\.message)
    }

    private static let limitMessage = "expression recursion limit exceeded: 250"
    private static let chainMessage = "max recursion depth exceeded"

    @Test func operatorAndMemberChainsAreLimitedPerRuleLikeCelGo() {
        // Left-recursive rules nest once per operator in cel-go's grammar.
        #expect(parse("a" + String(repeating: " + b", count: 248)).parsed != nil)
        #expect(messages("a" + String(repeating: " + b", count: 250)) == [Self.chainMessage])
        #expect(messages("a" + String(repeating: " * b", count: 250)) == [Self.chainMessage])
        #expect(parse("a" + String(repeating: " == b", count: 248)).parsed != nil)
        #expect(messages("a" + String(repeating: " == b", count: 250)) == [Self.chainMessage])
        #expect(parse("a" + String(repeating: ".b", count: 248)).parsed != nil)
        #expect(messages("a" + String(repeating: ".b", count: 250)) == [Self.chainMessage])
        #expect(messages("a" + String(repeating: "[0]", count: 250)) == [Self.chainMessage])
        #expect(messages("a" + String(repeating: ".f()", count: 250)) == [Self.chainMessage])
        // Each rule nests separately, as in cel-go: 249 parentheses inside the top-level
        // expression make 250 levels of the expression rule; 250 are one too many.
        #expect(parse(String(repeating: "(", count: 249) + "x" + String(repeating: ")", count: 249)).parsed != nil)
        #expect(messages(String(repeating: "(", count: 250) + "x" + String(repeating: ")", count: 250)) == [Self.limitMessage])
        // A limit error points into the chain, not at offset 0.
        #expect((parse("a" + String(repeating: "+b", count: 300)).issues.first?.span.start ?? 0) > 400)
    }

    @Test func limitsAreConfigurable() {
        #expect(messages("a + b + c + d") { $0.maxRecursionDepth = 3 } == [Self.chainMessage])
        #expect(messages("((x))") { $0.maxRecursionDepth = 2 } == ["expression recursion limit exceeded: 2"])
        #expect(parse("((x))") { $0.maxRecursionDepth = 3 }.parsed != nil)
    }

    @Test func hostileInputsNeverOverflowTheStack() {
        var big = ParserOptions()
        big.maxExpressionLength = 2_000_000
        let parser = CELParser(options: big)
        let parens = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        #expect(parser.parse(parens).issues.map(\.message) == [Self.limitMessage])
        #expect(parser.parse(String(repeating: "-", count: 100_000) + "x").parsed.map { $0.expr.sExpression } == "x")
        #expect(parser.parse(String(repeating: "!", count: 100_001) + "x").parsed.map { $0.expr.sExpression } == "(!_ x)")
        #expect(parser.parse(String(repeating: "[", count: 100_000)).issues.map(\.message) == [Self.limitMessage])
        #expect(parser.parse(String(repeating: "{a:", count: 100_000)).issues.map(\.message) == [Self.limitMessage])
        #expect(parser.parse("a" + String(repeating: ".b", count: 100_000)).issues.map(\.message) == [Self.chainMessage])
        #expect(parser.parse("a" + String(repeating: "+a", count: 100_000)).issues.map(\.message) == [Self.chainMessage])
        // One megabyte of flat input parses; a megabyte of junk stops at 100 issues.
        let list = "[" + String(repeating: "1, ", count: 333_000) + "1]"
        #expect(list.utf8.count > 999_000)
        #expect(parser.parse(list).issues.isEmpty)
        #expect(parser.parse(String(repeating: "# ", count: 50_000)).issues.count <= 100)
        #expect(parser.parse(String(repeating: "+ ", count: 50_000)).issues.count <= 100)
    }

    @Test func longLogicalChainsAreBalancedAsInCelGo() throws {
        #expect(shape("a || b || c") == "(_||_ (_||_ a b) c)")
        #expect(shape("a || b || c || d") == "(_||_ (_||_ a b) (_||_ c d))")
        #expect(shape("a && b && c && d && e") == "(_&&_ (_&&_ (_&&_ a b) c) (_&&_ d e))")
        #expect(shape("a && b || c && d") == "(_||_ (_&&_ a b) (_&&_ c d))")
        // 30 000 terms: legal in cel-go, and the tree stays about log2(n) deep.
        let chain = (0..<30_000).map { _ in "a" }.joined(separator: "||")
        let e = try #require(parse(chain).parsed?.expr)
        func depth(_ e: Expr) -> Int {
            guard case .call(_, _, let args) = e.kind else { return 1 }
            return 1 + (args.map(depth).max() ?? 0)
        }
        #expect(depth(e) <= 17)
        // The operator positions stay those of the `||` tokens.
        let four = try #require(parse("a || b || c || d").parsed?.expr)
        #expect(four.position == 7, "the middle operator is the root")
        #expect(four.span == SourceSpan(start: 0, end: 16))
    }

    @Test func keywordsAreNotFieldNames() {
        #expect(messages("a.in") == ["Syntax error: mismatched input 'in' expecting IDENTIFIER"])
        #expect(!messages("a.true").isEmpty)
        #expect(shape("a.namespace.package") == "a.namespace.package")
    }

    @Test func emptyCollectionsMayHaveALoneComma() {
        #expect(shape("[,]") == "[]")
        #expect(shape("{,}") == "{}")
    }

    @Test func firstErrorIsNotFollowedByItsConsequences() {
        #expect(messages("1 + + 2") == ["Syntax error: mismatched input '+' expecting an expression"])
        #expect(messages("'\\q' + 1").count == 1)
        #expect(messages("x.ü") == ["Syntax error: token recognition error at: 'ü'"])
    }

    @Test func formatSortsByPositionAndUsesWideDotsLikeCelGo() {
        let issues = [CELIssue(message: "second", span: SourceSpan(start: 4, end: 5)),
                      CELIssue(message: "first", span: SourceSpan(start: 0, end: 1))]
        #expect(CELIssue.format(issues, source: "a + b") == """
            ERROR: <input>:1:1: first
             | a + b
             | ^
            ERROR: <input>:1:5: second
             | a + b
             | ....^
            """)
        // "é" is two bytes and one code point; the caret line uses a wide dot for it.
        let text = "'é' + x.#"
        #expect(CELIssue.format(parse(text).issues, source: text) == """
            ERROR: <input>:1:9: Syntax error: token recognition error at: '#'
             | 'é' + x.#
             | .\u{FF0E}......^
            """)
        // Second line, tab shown as a space.
        let multi = "a +\n\tb #"
        #expect(CELIssue.format(parse(multi).issues, source: multi) == """
            ERROR: <input>:2:4: Syntax error: token recognition error at: '#'
             |  b #
             | ...^
            """)
    }

    @Test func sExpressionPrinterShowsEveryNodeKind() throws {
        let e = try #require(parse("[1u, -2, 1.5, b'\\x00', ?x, {'k': null}, M{f: true}, has(a.b), l.all(v, v)]").parsed?.expr)
        #expect(e.sExpression == "[1u -2 1.5 b\"\\x00\" ?x {\"k\": null} M{f: true} (has a.b) "
                + "(fold v l @result true (@not_strictly_false @result) (_&&_ @result v) @result)]")
        #expect(try #require(parse("a.f(b)[c]").parsed?.expr).sExpression == "(_[_] (.f a b) c)")
    }
}
