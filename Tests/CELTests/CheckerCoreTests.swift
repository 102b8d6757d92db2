import Testing
import CEL

@Suite struct CheckerCoreTests {
    @Test func overloadErrorPointsAtTheOperator() {
        let b = SpannedASTBuilder(#"schema.spec.replicas + "x""#)
        let root = b.op("_+_", "+", b.select(b.select(b.ident("schema"), "spec"), "replicas"), b.string("x"))
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.type == nil)
        #expect(result.issues.map(\.message) == ["found no matching overload for '_+_' applied to '(int, string)'"])
        #expect(result.issues.first.map { b.text($0.span) } == "+")
        #expect(result.issues.first?.span == SourceSpan(start: 21, end: 22))
    }

    @Test func undefinedFieldPointsAtTheNameWithSuggestion() {
        let b = SpannedASTBuilder("schema.spec.nmae")
        let root = b.select(b.select(b.ident("schema"), "spec"), "nmae")
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.issues.map(\.message) == ["undefined field 'nmae'; did you mean 'name'?"])
        #expect(result.issues.first?.span == SourceSpan(start: 12, end: 16))
    }

    @Test func undefinedFieldWithoutCloseNameHasNoSuggestion() {
        let b = SpannedASTBuilder("schema.status")
        let result = Checker.check(b.parsed(b.select(b.ident("schema"), "status")), in: CheckerFixtures.kroEnv)
        #expect(result.issues.map(\.message) == ["undefined field 'status'"])
    }

    @Test func fieldTypesAndEveryNodeTyped() {
        let b = SpannedASTBuilder("schema.spec.replicas + 1")
        let replicas = b.select(b.select(b.ident("schema"), "spec"), "replicas")
        let root = b.op("_+_", "+", replicas, b.int(1))
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.issues.isEmpty)
        #expect(result.type == .int)
        #expect(result.types[replicas.id] == .int)
        #expect(result.types.count == 5)
        #expect(result.references[root.id]?.overloadIDs == ["add_int64"])
        #expect(result.references.values.contains(Reference(name: "schema")))
    }

    @Test func reservedWordFieldsResolveToEscapedNames() {
        let b = SpannedASTBuilder("schema.metadata.namespace")
        let root = b.select(b.select(b.ident("schema"), "metadata"), "namespace")
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.issues.isEmpty)
        #expect(result.type == .string)
    }

    @Test func preserveUnknownFieldsResolveToDyn() {
        let b = SpannedASTBuilder("schema.spec.extra.whatever")
        let root = b.select(b.select(b.select(b.ident("schema"), "spec"), "extra"), "whatever")
        #expect(Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv).type == .dyn)
    }

    @Test func mapSelectionGivesValueType() {
        let b = SpannedASTBuilder("schema.spec.env.HOME")
        let root = b.select(b.select(b.select(b.ident("schema"), "spec"), "env"), "HOME")
        #expect(Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv).type == .string)
    }

    @Test func primitivesDoNotSupportSelection() {
        let b = SpannedASTBuilder("schema.spec.replicas.x")
        let root = b.select(b.select(b.select(b.ident("schema"), "spec"), "replicas"), "x")
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.issues.map(\.message) == ["type 'int' does not support field selection"])
        #expect(result.issues.first.map { b.text($0.span) } == "x")
    }

    @Test func objectTypesCannotBeIndexed() {
        let b = SpannedASTBuilder(#"schema["spec"]"#)
        let root = b.op("_[_]", "[", b.ident("schema"), b.string("spec"))
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.issues.map(\.message) == ["found no matching overload for '_[_]' applied to '(__type_schema, string)'"])
        #expect(result.issues.first.map { b.text($0.span) } == "[")
    }

    @Test func undeclaredIdentifier() {
        let b = SpannedASTBuilder("foo + 1")
        let result = Checker.check(b.parsed(b.op("_+_", "+", b.ident("foo"), b.int(1))), in: .kro())
        #expect(result.issues.map(\.message) == ["undeclared reference to 'foo' (in container '')"])
        #expect(result.issues.first.map { b.text($0.span) } == "foo")
    }

    @Test func dynUnifiesBothWays() {
        let b = SpannedASTBuilder("dyn(1) + 2")
        let root = b.op("_+_", "+", b.call("dyn", b.int(1)), b.int(2))
        let result = Checker.check(b.parsed(root), in: .standard())
        #expect(result.issues.isEmpty)
        // Only add_int64 accepts (dyn, int).
        #expect(result.type == .int)
    }

    @Test func typeParametersUnify() {
        let b = SpannedASTBuilder(#"[1, 2][0] == "a""#)
        let index = b.op("_[_]", "[", b.list(b.int(1), b.int(2)), b.int(0), occurrence: 1)
        let root = b.op("_==_", "==", index, b.string("a"))
        let result = Checker.check(b.parsed(root), in: .standard())
        #expect(result.issues.map(\.message) == ["found no matching overload for '_==_' applied to '(int, string)'"])
        #expect(result.issues.first.map { b.text($0.span) } == "==")
    }

    @Test func heterogeneousLiteralsJoinToDyn() {
        let b = SpannedASTBuilder(#"[1, "a"]"#)
        #expect(Checker.check(b.parsed(b.list(b.int(1), b.string("a"))), in: .standard()).type == .list(.dyn))
        let m = SpannedASTBuilder(#"{"a": 1, "b": 2}"#)
        let root = m.map((m.string("a"), m.int(1)), (m.string("b"), m.int(2)))
        #expect(Checker.check(m.parsed(root), in: .standard()).type == .map(.string, .int))
        let e = SpannedASTBuilder("[]")
        #expect(Checker.check(e.parsed(e.list()), in: .standard()).type == .list(.dyn))
    }

    @Test func nullIsAssignableToObjectsNotPrimitives() {
        let b = SpannedASTBuilder("schema.spec.extra == null")
        let ok = b.op("_==_", "==", b.select(b.select(b.ident("schema"), "spec"), "extra"), b.literal(.null, "null"))
        #expect(Checker.check(b.parsed(ok), in: CheckerFixtures.kroEnv).issues.isEmpty)
        let c = SpannedASTBuilder("1 == null")
        let bad = c.op("_==_", "==", c.int(1), c.literal(.null, "null"))
        #expect(Checker.check(c.parsed(bad), in: .standard()).issues.map(\.message)
                == ["found no matching overload for '_==_' applied to '(int, null_type)'"])
    }

    @Test func memberOverloadErrorsShowReceiver() {
        let b = SpannedASTBuilder(#""abc".contains(1)"#)
        let root = b.member(b.string("abc"), "contains", b.int(1))
        let result = Checker.check(b.parsed(root), in: .standard())
        #expect(result.issues.map(\.message) == ["found no matching overload for 'contains' applied to 'string.(int)'"])
        #expect(result.issues.first.map { b.text($0.span) } == "contains")
    }

    @Test func comprehensionOverListTypesIterationVariable() {
        // [1, 2].map(x, x * 2) as the parser expands it.
        let b = SpannedASTBuilder("[1, 2].map(x, x * 2)")
        let range = b.list(b.int(1), b.int(2))
        let accu = "@result"
        let step = b.op("_+_", "map(", b.ident(accu), b.list(b.op("_*_", "*", b.ident("x", 1), b.int(2, 1))))
        let comp = Comprehension(iterVar: "x", iterRange: range, accuVar: accu, accuInit: b.list(),
                                 loopCondition: b.literal(.bool(true), "map"), loopStep: step, result: b.ident(accu))
        let root = b.comprehension(comp, span: b.span("[1, 2].map(x, x * 2)"))
        let result = Checker.check(b.parsed(root), in: .standard())
        #expect(result.issues.isEmpty)
        #expect(result.type == .list(.int))
    }

    @Test func twoVariableComprehensionOverMap() {
        let b = SpannedASTBuilder("schema.spec.env.all(k, v, v)")
        let range = b.select(b.select(b.ident("schema"), "spec"), "env")
        let comp = Comprehension(iterVar: "k", iterVar2: "v", iterRange: range, accuVar: "@result",
                                 accuInit: b.literal(.bool(true), "all"), loopCondition: b.literal(.bool(true), "all"),
                                 loopStep: b.op("_&&_", "all", b.ident("@result"), b.ident("v", 1)), result: b.ident("@result"))
        let result = Checker.check(b.parsed(b.comprehension(comp, span: b.span("schema.spec.env.all(k, v, v)"))), in: CheckerFixtures.kroEnv)
        #expect(result.issues.map(\.message) == ["found no matching overload for '_&&_' applied to '(bool, string)'"])
    }

    @Test func optionalSelectionOnMapsAndObjects() {
        let b = SpannedASTBuilder("schema.spec.?name")
        let root = Expr(id: 100, kind: .call(target: nil, function: "_?._", args: [
            b.select(b.ident("schema"), "spec"), b.literal(.string("name"), "name"),
        ]), span: b.span("schema.spec.?name"), position: 11, nameSpan: b.span("name"))
        let result = Checker.check(b.parsed(root), in: CheckerFixtures.kroEnv)
        #expect(result.type == .optional(.string))
        let c = SpannedASTBuilder("schema.spec.?nmae")
        let bad = Expr(id: 100, kind: .call(target: nil, function: "_?._", args: [
            c.select(c.ident("schema"), "spec"), c.literal(.string("nmae"), "nmae"),
        ]), span: c.span("schema.spec.?nmae"), position: 11, nameSpan: c.span("nmae"))
        let badResult = Checker.check(c.parsed(bad), in: CheckerFixtures.kroEnv)
        #expect(badResult.issues.map(\.message) == ["undefined field 'nmae'; did you mean 'name'?"])
        #expect(badResult.issues.first.map { c.text($0.span) } == "nmae")
    }

    @Test func qualifiedFunctionNames() {
        let b = SpannedASTBuilder(#"base64.encode(hash.sha256("x"))"#)
        let inner = b.member(b.ident("hash"), "sha256", b.string("x"))
        let root = b.member(b.ident("base64"), "encode", inner)
        let result = Checker.check(b.parsed(root), in: .kro())
        #expect(result.issues.isEmpty)
        #expect(result.type == .string)
        #expect(result.references[inner.id] == Reference(name: "hash.sha256", overloadIDs: ["hash.sha256_string"]))
    }

    @Test func undeclaredExtensionsStayUndeclared() {
        let b = SpannedASTBuilder("math.greatest(1, 2)")
        let root = b.member(b.ident("math"), "greatest", b.int(1), b.int(2))
        let result = Checker.check(b.parsed(root), in: .kro())
        // As cel-go: the receiver and the member function are both unknown.
        #expect(result.issues.map(\.message) == [
            "undeclared reference to 'math' (in container '')",
            "undeclared reference to 'greatest' (in container '')",
        ])
    }
}

@Suite struct CheckerRobustnessTests {
    /// `-(-(-(…1…)))` nested `depth` times, built without the parser.
    static func nestedNegation(_ depth: Int) -> ParsedExpr {
        var e = Expr(id: 1, kind: .literal(.int(1)), span: SourceSpan(start: depth, end: depth + 1))
        for i in 0..<depth {
            e = Expr(id: ExprID(i + 2), kind: .call(target: nil, function: Operator.negate, args: [e]),
                     span: SourceSpan(start: depth - i - 1, end: depth + 1))
        }
        return ParsedExpr(expr: e, source: String(repeating: "-", count: depth) + "1")
    }

    @Test func deepNestingWithinTheLimitChecks() {
        let result = Checker.check(Self.nestedNegation(Checker.maxDepth - 1), in: .standard())
        #expect(result.issues.isEmpty)
        #expect(result.type == .int)
    }

    @Test func nestingBeyondTheLimitIsReportedNotCrashed() {
        let result = Checker.check(Self.nestedNegation(5_000), in: .standard())
        #expect(result.type == nil)
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.message.contains("nests too deeply") == true)
    }
}

@Suite struct CheckerNameResolutionTests {
    static let env = CELEnvironment.standard()
        .adding(variables: [VariableDecl(name: "com.example.y", type: .bool), VariableDecl(name: "y", type: .string),
                            VariableDecl(name: "a.b", type: .map(.string, .int)), VariableDecl(name: "a.b.c", type: .string)])
        .with(container: "com.example")

    @Test func containerCandidatesMostQualifiedFirst() {
        #expect(Self.env.candidateNames(for: "y") == ["com.example.y", "com.y", "y"])
        #expect(Self.env.candidateNames(for: ".y") == ["y"])
        let b = SpannedASTBuilder("y")
        let result = Checker.check(b.parsed(b.ident("y")), in: Self.env)
        #expect(result.type == .bool)
        #expect(result.references.values.first == Reference(name: "com.example.y"))
        let root = SpannedASTBuilder(".y")
        #expect(Checker.check(root.parsed(Expr(id: 1, kind: .ident(".y"), span: SourceSpan(start: 0, end: 2))), in: Self.env).type == .string)
    }

    @Test func longestQualifiedNameWins() {
        let b = SpannedASTBuilder("a.b.c")
        let abc = b.select(b.select(b.ident("a"), "b"), "c")
        let result = Checker.check(b.parsed(abc), in: Self.env)
        #expect(result.type == .string)
        #expect(result.references[abc.id] == Reference(name: "a.b.c"))
        let m = SpannedASTBuilder("a.b.d")
        #expect(Checker.check(m.parsed(m.select(m.select(m.ident("a"), "b"), "d")), in: Self.env).type == .int)
    }

    @Test func comprehensionVariablesShadowGlobals() {
        // [{'z': 0}].exists(y, y.z == 0) with a global `y.z`: `y` is the local map.
        let env = CELEnvironment.standard().adding(variables: [VariableDecl(name: "y.z", type: .string)])
        let b = SpannedASTBuilder("[{'z': 0}].exists(y, y.z == 0)")
        let range = b.list(b.map((b.literal(.string("z"), "'z'"), b.int(0))))
        let predicate = b.op("_==_", "==", b.select(b.ident("y", 1), "z", 1), b.int(0, 1))
        let comp = Comprehension(iterVar: "y", iterRange: range, accuVar: "@result", accuInit: b.literal(.bool(false), "exists"),
                                 loopCondition: b.literal(.bool(true), "exists"),
                                 loopStep: b.op("_||_", "exists", b.ident("@result"), predicate), result: b.ident("@result"))
        let result = Checker.check(b.parsed(b.comprehension(comp, span: b.span("[{'z': 0}].exists(y, y.z == 0)"))), in: env)
        #expect(result.issues.map(\.message) == [])
        #expect(result.type == .bool)
    }
}
