import Testing
@testable import CEL

/// A compact S-expression of an AST, to assert shapes.
func sexpr(_ e: Expr) -> String {
    switch e.kind {
    case .literal(let l):
        switch l {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .uint(let u): return "\(u)u"
        case .double(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .bytes(let b): return "b\(b)"
        }
    case .ident(let n): return n
    case .select(let o, let f, let test): return test ? "has(\(sexpr(o)).\(f))" : "\(sexpr(o)).\(f)"
    case .call(let t, let f, let args):
        let a = args.map(sexpr).joined(separator: " ")
        return t.map { "(\(sexpr($0)).\(f) \(a))" } ?? "(\(f) \(a))"
    case .list(let els, let opt): return "[\(els.enumerated().map { (opt.contains($0.offset) ? "?" : "") + sexpr($0.element) }.joined(separator: " "))]"
    case .map(let entries): return "{\(entries.map { "\(sexpr($0.key)):\(sexpr($0.value))" }.joined(separator: " "))}"
    case .structure(let n, let fields): return "\(n){\(fields.map { "\($0.name):\(sexpr($0.value))" }.joined(separator: " "))}"
    case .comprehension(let c): return "fold(\(c.iterVar)\(c.iterVar2.map { "," + $0 } ?? "") in \(sexpr(c.iterRange)))"
    }
}

func parse(_ text: String, _ configure: (inout ParserOptions) -> Void = { _ in }) -> ParseResult {
    var options = ParserOptions()
    configure(&options)
    return CELParser(options: options).parse(text)
}

func shape(_ text: String) -> String { parse(text).parsed.map { sexpr($0.expr) } ?? "error: \(parse(text).issues.map(\.message))" }

@Suite struct ParserTests {
    @Test func precedenceAndAssociativity() {
        #expect(shape("a || b && c") == "(_||_ a (_&&_ b c))")
        #expect(shape("1 + 2 * 3 - 4") == "(_-_ (_+_ 1 (_*_ 2 3)) 4)")
        #expect(shape("a < b == c") == "(_==_ (_<_ a b) c)")
        #expect(shape("a ? b : c ? d : e") == "(_?_:_ a b (_?_:_ c d e))")
        #expect(shape("x in [1, 2]") == "(@in x [1 2])")
        #expect(shape("!!a") == "a")
        #expect(shape("!a") == "(!_ a)")
        #expect(shape("--a") == "a")
        #expect(shape("-a.b") == "(-_ a.b)")
        #expect(shape("-9223372036854775808") == "-9223372036854775808")
        #expect(shape("- 1") == "-1")
    }

    @Test func membersCallsAndLiterals() {
        #expect(shape("a.b.c(1)[2]") == "(_[_] (a.b.c 1) 2)")
        #expect(shape(".f(x)") == "(.f x)")
        #expect(shape("{'a': 1, 2u: [true, null],}") == "{\"a\":1 2u:[true null]}")
        #expect(shape("pkg.Msg{f: 1}") == "pkg.Msg{f:1}")
        #expect(shape("a.?b") == "(_?._ a \"b\")")
        #expect(shape("m[?k]") == "(_[?_] m k)")
        #expect(shape("[?x, y]") == "[?x y]")
        #expect(shape("metadata.namespace") == "metadata.namespace")
        #expect(shape("a.const()") == "(a.const )")
        #expect(shape("r'\\n' + b'\\x41\\101' + '\\u00e9'") == "(_+_ (_+_ \"\\n\" b[65, 65]) \"é\")")
        #expect(shape("'''a\nb'''") == "\"a\nb\"")
        #expect(shape("0x10 + 1e3 + .5") == "(_+_ (_+_ 16 1000.0) 0.5)")
    }

    @Test func macrosExpandToComprehensions() throws {
        #expect(shape("l.all(x, x > 0)") == "fold(x in l)")
        #expect(shape("m.exists(k, v, v)") == "fold(k,v in m)")
        #expect(shape("has(a.b)") == "has(a.b)")
        #expect(shape("cel.bind(x, 1, x + 1)") == "fold(#unused in [])")
        #expect(shape("l.sortBy(e, e.name)") == "fold(#unused in [])")
        let parsed = try #require(parse("l.map(x, x * 2)").parsed)
        guard case .comprehension(let c) = parsed.expr.kind else { Issue.record("not a comprehension"); return }
        #expect(c.accuVar == "@result")
        #expect(sexpr(c.loopStep) == "(_+_ @result [(_*_ x 2)])")
        #expect(parsed.macroCalls[parsed.expr.id].map(sexpr) == "(l.map x (_*_ x 2))")
        #expect(shape("has(a)") == "error: [\"invalid argument to has() macro\"]")
        var noMacros = ParserOptions()
        noMacros.enableMacros = false
        #expect(CELParser(options: noMacros).parse("l.all(x, x)").parsed.map { sexpr($0.expr) } == "(l.all x x)")
    }

    @Test func positionsAreCelGosOnNonASCIIText() throws {
        let text = "'é' + schema.spec.nmae"
        let e = try #require(parse(text).parsed?.expr)
        #expect(e.position == 5, "the + operator, after the two-byte é")
        guard case .call(_, _, let args) = e.kind else { Issue.record("not a call"); return }
        let select = args[1]
        #expect(select.position == 18, "the dot")
        #expect(select.nameSpan == SourceSpan(start: 19, end: 23), "the field name")
        #expect(select.span == SourceSpan(start: 7, end: 23))
        let call = try #require(parse("f(1, 2)").parsed?.expr)
        #expect(call.position == 1 && call.nameSpan == SourceSpan(start: 0, end: 1))
    }

    @Test func reportsSeveralErrorsWithExactSpans() {
        let result = parse("[1 +, 2, * 3]")
        #expect(result.parsed == nil)
        #expect(result.issues.count >= 2)
        #expect(result.issues.first?.span.start == 4)
        let reserved = parse("a + if")
        #expect(reserved.issues.map(\.message) == ["reserved identifier: if"])
        #expect(reserved.issues.first?.span == SourceSpan(start: 4, end: 6))
        #expect(parse("9223372036854775808").issues.map(\.message) == ["invalid int literal"])
        #expect(parse("'abc").issues.first?.message.hasPrefix("Syntax error: token recognition error") == true)
        #expect(parse("a.`b`").issues.isEmpty == false, "backtick names are off by default, as in kro")
        #expect(parse("a.`b-c`", { $0.enableIdentifierEscapeSyntax = true }).parsed.map { sexpr($0.expr) } == "a.b-c")
        let formatted = CELIssue.format(parse("1 + ").issues, source: "1 + ")
        #expect(formatted.hasPrefix("ERROR: <input>:1:5: Syntax error: mismatched input '<EOF>'"))
    }

    @Test func limitsRejectPathologicalInput() {
        #expect(parse(String(repeating: "(", count: 50_000) + "1").issues.map(\.message)
                == ["expression recursion limit exceeded: 250"])
        #expect(parse(String(repeating: "-", count: 50_001) + "a").parsed != nil)
        #expect(parse(String(repeating: "[", count: 300)).issues.map(\.message) == ["expression recursion limit exceeded: 250"])
        let long = String(repeating: "a+", count: 60_000) + "a"
        #expect(parse(long).issues.first?.message.hasPrefix("expression code point size exceeds limit") == true)
        // cel-go rejects arithmetic chains deeper than the limit (its AST visitor counts
        // each nested operator); `||`/`&&` chains are balanced and may be long.
        let wide = (0..<5000).map { "x\($0)" }.joined(separator: " + ")
        #expect(parse(wide).issues.map(\.message) == ["max recursion depth exceeded"])
        #expect(parse((0..<240).map { "x\($0)" }.joined(separator: " + ")).parsed != nil)
        #expect(parse((0..<5000).map { "x\($0)" }.joined(separator: " || ")).parsed != nil)
    }

    @Test func kroNewConditionMacroIsValidated() {
        func issues(_ text: String) -> [String] { parse(text, { $0.enableKroMacros = true }).issues.map(\.message) }
        #expect(issues("runtime.newCondition({type: 'A', status: 'True'})").isEmpty)
        #expect(issues("runtime.newCondition(x)") == ["runtime.newCondition: argument must be a map literal"])
        #expect(issues("runtime.newCondition({'type': 'A', status: 'True'})")
                == ["runtime.newCondition: keys must be bare identifiers (type, status, reason, message); quoted or computed keys are not allowed",
                    "runtime.newCondition: 'type' is required"])
        #expect(issues("runtime.newCondition({type: 'A', status: 'True', kind: 'x'})")
                == ["runtime.newCondition: unknown key \"kind\" (allowed: type, status, reason, message)"])
        #expect(issues("runtime.newCondition({type: 'A', type: 'B', status: 'x'})") == ["runtime.newCondition: duplicate key \"type\""])
        #expect(issues("runtime.newCondition({type: 'A'})") == ["runtime.newCondition: 'status' is required"])
        #expect(parse("runtime.newCondition(x)").issues.isEmpty, "only with kro's macros enabled")
    }
}

@Suite struct KroNewConditionExpansionTests {
    @Test func bareKeysBecomeStringKeys() throws {
        var options = ParserOptions()
        options.enableKroMacros = true
        let parsed = try #require(CELParser(options: options).parse("runtime.newCondition({type: 'A', status: x})").parsed)
        #expect(sexpr(parsed.expr) == "(runtime.newCondition {\"type\":\"A\" \"status\":x})")
        #expect(parsed.macroCalls[parsed.expr.id].map(sexpr) == "(runtime.newCondition {type:\"A\" status:x})")
    }
}
