import Testing
@testable import CEL

@Suite struct PartialParseTests {
    func partial(_ text: String) throws -> (Expr, [CELIssue]) {
        let result = CELParser().parsePartial(text)
        return (try #require(result.parsed?.expr), result.issues)
    }

    @Test(arguments: ["schema.spec.", "deployment."])
    func aTrailingDotIsASelectionOfAMissingName(text: String) throws {
        let (e, issues) = try partial(text)
        #expect(!issues.isEmpty)
        #expect(e.isMissing)
        guard case .select(let operand, _, false) = e.kind else { Issue.record("not a selection"); return }
        #expect(sexpr(operand) == String(text.dropLast()))
        // The cursor after the dot is on the missing selection.
        #expect(e.node(at: text.utf8.count)?.id == e.id)
    }

    @Test func anOpenCallKeepsItsArgumentsAndAMissingOne() throws {
        let (e, issues) = try partial("f(a, ")
        #expect(!issues.isEmpty)
        guard case .call(nil, "f", let args) = e.kind else { Issue.record("not a call: \(sexpr(e))"); return }
        #expect(args.count == 2)
        #expect(sexpr(args[0]) == "a")
        #expect(args[1].isMissing)
        // The call reaches the end of the input, so a cursor there is inside it.
        #expect(e.span == SourceSpan(start: 0, end: 5))
    }

    @Test(arguments: [
        ("(a + b", "(_+_ a b)"),
        ("[1, 2", "[1 2]"),
        ("{\"k\": x", "{\"k\":x}"),
        ("m[k", "(_[_] m k)"),
        ("a.b(c", "(a.b c)"),
        ("x ? y", "(_?_:_ x y )"),
        ("a.b.c)", "a.b.c"),
    ])
    func unbalancedBracketsCloseWhereTheInputStops(text: String, expected: String) throws {
        let (e, issues) = try partial(text)
        #expect(!issues.isEmpty)
        #expect(sexpr(e) == expected)
    }

    @Test func validTextParsesAsStrictParsingDoes() throws {
        for text in ["a.b.c", "f(x, [1, 2], {'k': v})", "items.all(i, i > 0)", "a ? b : c"] {
            let strict = try #require(CELParser().parse(text).parsed)
            let (e, issues) = try partial(text)
            #expect(issues.isEmpty)
            #expect(e == strict.expr)
        }
    }

    /// Every prefix of real expressions, as typed character by character, gives a tree,
    /// with issues exactly when strict parsing fails.
    @Test func everyPrefixGivesATree() throws {
        let texts = [
            "schema.spec.items.filter(i, i.enabled).map(i, {\"name\": i.name + '-x'})",
            "has(deployment.status.conditions) && deployment.status.conditions.exists(c, c.type == 'Available')",
            "size(m[?'k'].orValue([1, 2, (3 * 4)])) > 0 ? \"é\" : b'x'",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            for end in 0...bytes.count {
                guard let prefix = String(validating: bytes[0..<end], as: UTF8.self) else { continue }
                let strict = CELParser().parse(prefix)
                let result = CELParser().parsePartial(prefix)
                #expect(result.parsed != nil, "no tree for \(prefix)")
                #expect(result.issues.isEmpty == (strict.parsed != nil), "\(prefix)")
            }
        }
    }

    @Test func theCheckerTypesThePrefix() throws {
        let env = CELEnvironment.standard().adding(variables: [
            VariableDecl(name: "spec", type: .map(.string, .list(.int))),
        ])
        let parsed = try #require(CELParser().parsePartial("spec.ports.").parsed)
        guard case .select(let operand, _, _) = parsed.expr.kind else { Issue.record("not a selection"); return }
        let result = Checker.check(parsed, in: env)
        #expect(result.types[operand.id] == .list(.int))
    }

    @Test func tokensClassifyEveryPieceOfText() {
        let text = "a.b && \"x\" in [1] // why"
        let tokens = CELParser.tokens(text)
        let bytes = Array(text.utf8)
        let shown = tokens.map { "\($0.kind):\(String(decoding: bytes[$0.span.range], as: UTF8.self))" }
        #expect(shown == ["identifier:a", "punctuation:.", "identifier:b", "operator:&&", "string:\"x\"", "keyword:in",
                          "punctuation:[", "number:1", "punctuation:]", "comment:// why"])
    }
}
