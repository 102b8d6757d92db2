import Testing
import CEL

/// One typical call per library kro enables type-checks to the documented result, and a
/// wrong argument type is rejected with cel-go's message at the function name. Built on
/// typed variables so each case is a single call.
@Suite struct CheckerLibrarySignatureTests {
    static let variables: [VariableDecl] = [
        VariableDecl(name: "s", type: .string), VariableDecl(name: "i", type: .int),
        VariableDecl(name: "u", type: .uint), VariableDecl(name: "f", type: .double),
        VariableDecl(name: "by", type: .bytes), VariableDecl(name: "t", type: .bool),
        VariableDecl(name: "li", type: .list(.int)), VariableDecl(name: "ls", type: .list(.string)),
        VariableDecl(name: "ms", type: .map(.string, .string)), VariableDecl(name: "mi", type: .map(.string, .int)),
        VariableDecl(name: "dy", type: .dyn), VariableDecl(name: "oi", type: .optional(.int)),
        VariableDecl(name: "q", type: .kubernetesQuantity), VariableDecl(name: "addr", type: .netIP),
        VariableDecl(name: "net", type: .netCIDR), VariableDecl(name: "v", type: .kubernetesSemver),
        VariableDecl(name: "link", type: .kubernetesURL), VariableDecl(name: "ts", type: .timestamp),
        VariableDecl(name: "du", type: .duration),
    ]

    static var env: CELEnvironment { CheckerFixtures.kroEnv.adding(variables: variables) }

    /// A call written `recv.fn(args)` or `fn(args)` (arguments are variable names); the
    /// receiver may be a dotted namespace such as `hash`.
    struct Call: Sendable, CustomTestStringConvertible {
        let receiver: String?
        let function: String
        let args: [String]
        let expected: String
        var source: String {
            (receiver.map { "\($0)." } ?? "") + function + "(" + args.joined(separator: ", ") + ")"
        }
        var testDescription: String { source }

        init(_ receiver: String?, _ function: String, _ args: [String], _ expected: String) {
            self.receiver = receiver; self.function = function; self.args = args; self.expected = expected
        }

        func parsed() -> (ParsedExpr, SpannedASTBuilder) {
            let b = SpannedASTBuilder(source)
            var offset = 0
            func next(_ name: String) -> Expr {
                let e = Expr(id: b.nextID(), kind: .ident(name), span: SourceSpan(start: offset, end: offset + name.utf8.count))
                offset += name.utf8.count
                return e
            }
            var target: Expr?
            if let receiver { target = next(receiver); offset += 1 }
            let nameStart = offset
            offset += function.utf8.count + 1
            var argExprs: [Expr] = []
            for a in args { argExprs.append(next(a)); offset += 2 }
            let call = Expr(id: b.nextID(), kind: .call(target: target, function: function, args: argExprs),
                            span: SourceSpan(start: 0, end: source.utf8.count), position: nameStart + function.utf8.count,
                            nameSpan: target == nil ? nil : SourceSpan(start: nameStart, end: nameStart + function.utf8.count))
            return (b.parsed(call), b)
        }
    }

    static let typical: [Call] = [
        // cel-go strings extension.
        Call("s", "charAt", ["i"], "string"), Call("s", "indexOf", ["s", "i"], "int"),
        Call("s", "lastIndexOf", ["s"], "int"), Call("s", "lowerAscii", [], "string"),
        Call("s", "upperAscii", [], "string"), Call("s", "replace", ["s", "s", "i"], "string"),
        Call("s", "split", ["s"], "list(string)"), Call("s", "substring", ["i", "i"], "string"),
        Call("s", "trim", [], "string"), Call("s", "reverse", [], "string"),
        Call("ls", "join", ["s"], "string"), Call("s", "format", ["ls"], "string"),
        Call("strings", "quote", ["s"], "string"),
        // cel-go lists extension.
        Call("li", "slice", ["i", "i"], "list(int)"), Call("li", "distinct", [], "list(int)"),
        Call("li", "reverse", [], "list(int)"), Call("ls", "sort", [], "list(string)"),
        Call("lists", "range", ["i"], "list(int)"),
        // Optional types.
        Call("optional", "of", ["i"], "optional_type(int)"), Call("oi", "orValue", ["i"], "int"),
        Call("oi", "hasValue", [], "bool"), Call("oi", "value", [], "int"), Call("li", "first", [], "optional_type(int)"),
        // Encoders.
        Call("base64", "encode", ["by"], "string"), Call("base64", "decode", ["s"], "bytes"),
        // Kubernetes lists.
        Call("li", "isSorted", [], "bool"), Call("li", "sum", [], "int"), Call("ls", "min", [], "string"),
        Call("li", "max", [], "int"), Call("li", "indexOf", ["i"], "int"), Call("ls", "lastIndexOf", ["s"], "int"),
        // Kubernetes URLs.
        Call(nil, "url", ["s"], "kubernetes.URL"), Call(nil, "isURL", ["s"], "bool"),
        Call("link", "getHost", [], "string"), Call("link", "getQuery", [], "map(string, list(string))"),
        // Kubernetes regex.
        Call("s", "find", ["s"], "string"), Call("s", "findAll", ["s", "i"], "list(string)"),
        // Kubernetes quantity.
        Call(nil, "quantity", ["s"], "kubernetes.Quantity"), Call(nil, "isQuantity", ["s"], "bool"),
        Call(nil, "sign", ["q"], "int"), Call("q", "add", ["i"], "kubernetes.Quantity"),
        Call("q", "sub", ["q"], "kubernetes.Quantity"), Call("q", "isGreaterThan", ["q"], "bool"),
        Call("q", "compareTo", ["q"], "int"), Call("q", "asApproximateFloat", [], "double"),
        // Kubernetes IP and CIDR.
        Call(nil, "ip", ["s"], "net.IP"), Call("ip", "isCanonical", ["s"], "bool"), Call("addr", "family", [], "int"),
        Call("addr", "isLoopback", [], "bool"), Call(nil, "string", ["addr"], "string"),
        Call(nil, "cidr", ["s"], "net.CIDR"), Call("net", "containsIP", ["addr"], "bool"),
        Call("net", "containsCIDR", ["s"], "bool"), Call("net", "ip", [], "net.IP"),
        Call("net", "prefixLength", [], "int"), Call("net", "masked", [], "net.CIDR"),
        // Kubernetes semver.
        Call(nil, "semver", ["s", "t"], "kubernetes.Semver"), Call(nil, "isSemver", ["s"], "bool"),
        Call("v", "major", [], "int"), Call("v", "isLessThan", ["v"], "bool"), Call("v", "compareTo", ["v"], "int"),
        // kro.
        Call("hash", "fnv64a", ["s"], "bytes"), Call("hash", "sha256", ["s"], "bytes"), Call("hash", "md5", ["s"], "bytes"),
        Call("json", "unmarshal", ["s"], "dyn"), Call("json", "marshal", ["mi"], "string"),
        Call("random", "seededString", ["i", "s"], "string"), Call("random", "seededInt", ["i", "i", "s"], "int"),
        Call("mi", "merge", ["mi"], "map(string, int)"), Call("dy", "deepMerge", ["mi"], "dyn"),
        Call("lists", "setAtIndex", ["ls", "i", "s"], "list(string)"), Call("lists", "insertAtIndex", ["li", "i", "i"], "list(int)"),
        Call("lists", "removeAtIndex", ["li", "i"], "list(int)"), Call(nil, "omit", [], "dyn"),
        Call("runtime", "newCondition", ["ms"], "kro.run.Condition"), Call("runtime", "condition", ["dy", "s"], "kro.run.Condition"),
        // Standard time accessors with and without a time zone.
        Call("ts", "getFullYear", ["s"], "int"), Call("du", "getSeconds", [], "int"),
    ]

    @Test(arguments: typical)
    func typicalCallTypeChecks(_ call: Call) {
        let (parsed, _) = call.parsed()
        let result = Checker.check(parsed, in: Self.env)
        #expect(result.issues.map(\.message) == [])
        #expect(result.type?.description == call.expected)
    }

    struct Wrong: Sendable, CustomTestStringConvertible {
        let call: Call
        let message: String
        var testDescription: String { call.source }
    }

    static let wrong: [Wrong] = [
        Wrong(call: Call("s", "charAt", ["s"], ""), message: "found no matching overload for 'charAt' applied to 'string.(string)'"),
        Wrong(call: Call("li", "slice", ["s", "i"], ""), message: "found no matching overload for 'slice' applied to 'list(int).(string, int)'"),
        Wrong(call: Call("oi", "orValue", ["s"], ""), message: "found no matching overload for 'orValue' applied to 'optional_type(int).(string)'"),
        Wrong(call: Call("base64", "encode", ["s"], ""), message: "found no matching overload for 'base64.encode' applied to '(string)'"),
        Wrong(call: Call("ls", "sum", [], ""), message: "found no matching overload for 'sum' applied to 'list(string).()'"),
        Wrong(call: Call(nil, "url", ["i"], ""), message: "found no matching overload for 'url' applied to '(int)'"),
        Wrong(call: Call("s", "find", ["i"], ""), message: "found no matching overload for 'find' applied to 'string.(int)'"),
        Wrong(call: Call("q", "add", ["s"], ""), message: "found no matching overload for 'add' applied to 'kubernetes.Quantity.(string)'"),
        Wrong(call: Call("addr", "family", ["i"], ""), message: "found no matching overload for 'family' applied to 'net.IP.(int)'"),
        Wrong(call: Call("net", "containsIP", ["i"], ""), message: "found no matching overload for 'containsIP' applied to 'net.CIDR.(int)'"),
        Wrong(call: Call(nil, "semver", ["i"], ""), message: "found no matching overload for 'semver' applied to '(int)'"),
        Wrong(call: Call("v", "isLessThan", ["q"], ""), message: "found no matching overload for 'isLessThan' applied to 'kubernetes.Semver.(kubernetes.Quantity)'"),
        Wrong(call: Call("hash", "sha256", ["i"], ""), message: "found no matching overload for 'hash.sha256' applied to '(int)'"),
        Wrong(call: Call("json", "unmarshal", ["by"], ""), message: "found no matching overload for 'json.unmarshal' applied to '(bytes)'"),
        Wrong(call: Call("random", "seededString", ["s", "s"], ""), message: "found no matching overload for 'random.seededString' applied to '(string, string)'"),
        Wrong(call: Call("random", "seededInt", ["i", "s"], ""), message: "found no matching overload for 'random.seededInt' applied to '(int, string)'"),
        Wrong(call: Call("mi", "merge", ["ms"], ""), message: "found no matching overload for 'merge' applied to 'map(string, int).(map(string, string))'"),
        Wrong(call: Call("lists", "setAtIndex", ["li", "i", "s"], ""), message: "found no matching overload for 'lists.setAtIndex' applied to '(list(int), int, string)'"),
        Wrong(call: Call("lists", "removeAtIndex", ["li", "s"], ""), message: "found no matching overload for 'lists.removeAtIndex' applied to '(list(int), string)'"),
        Wrong(call: Call(nil, "omit", ["i"], ""), message: "found no matching overload for 'omit' applied to '(int)'"),
        Wrong(call: Call("runtime", "newCondition", ["mi"], ""), message: "found no matching overload for 'newCondition' applied to 'kro.run.Runtime.(map(string, int))'"),
        Wrong(call: Call("runtime", "condition", ["s"], ""), message: "found no matching overload for 'condition' applied to 'kro.run.Runtime.(string)'"),
        // Libraries kro leaves off stay undeclared.
        Wrong(call: Call("math", "greatest", ["i", "i"], ""), message: "undeclared reference to 'math' (in container '')"),
        Wrong(call: Call("sets", "contains", ["li", "li"], ""), message: "undeclared reference to 'sets' (in container '')"),
        Wrong(call: Call("regex", "replace", ["s", "s", "s"], ""), message: "undeclared reference to 'regex' (in container '')"),
    ]

    @Test(arguments: wrong)
    func wrongArgumentTypeIsRejected(_ w: Wrong) {
        let (parsed, b) = w.call.parsed()
        let result = Checker.check(parsed, in: Self.env)
        #expect(result.type == nil)
        #expect(result.issues.first?.message == w.message)
        // Overload errors point at the function name (qualified names included).
        if w.message.hasPrefix("found no matching overload") {
            let expectedName = w.call.receiver.map { Self.env.lookupFunction("\($0).\(w.call.function)") != nil ? "\($0).\(w.call.function)" : w.call.function } ?? w.call.function
            #expect(result.issues.first.map { b.text($0.span) } == expectedName)
        }
    }
}
