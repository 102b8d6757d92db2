import Testing
import CEL

/// Every library kro enables: a typical call type-checks to the documented type, and a
/// wrong argument type is rejected with cel-go's message.
@Suite struct CheckerLibraryTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let type: String
        var testDescription: String { expression }
    }

    static func env() -> CELEnvironment {
        CheckerFixtures.kroEnv.adding(variables: [VariableDecl(name: "m", type: .map(.string, .string))])
    }

    static let wellTyped: [Case] = [
        // Standard library.
        Case(expression: #"size("abc") + "abc".size() + size([1]) + size({1: 2})"#, type: "int"),
        Case(expression: #""abc".matches("a.*") && matches("a", "b") && "ab".startsWith("a") && "ab".endsWith("b") && "ab".contains("a")"#, type: "bool"),
        Case(expression: #"timestamp("2024-01-01T00:00:00Z").getHours("UTC") + duration("1h").getMinutes() + timestamp(0).getDayOfWeek()"#, type: "int"),
        Case(expression: #"timestamp("2024-01-01T00:00:00Z") - duration("1h")"#, type: "google.protobuf.Timestamp"),
        Case(expression: #"timestamp(1) - timestamp(0)"#, type: "google.protobuf.Duration"),
        Case(expression: "type(1) == int && type(dyn([])) == list", type: "bool"),
        Case(expression: #"int("1") + int(1.5) + int(2u)"#, type: "int"),
        Case(expression: #"double(1) + double("2.5")"#, type: "double"),
        Case(expression: #"string(1) + string(b"x") + string(true)"#, type: "string"),
        Case(expression: "1 < 1.5 && 2u >= 1 && 1.0 > 0u", type: "bool"),
        Case(expression: "1 in [1, 2] && 'a' in {'a': 1}", type: "bool"),
        Case(expression: "true ? 1 : 2", type: "int"),
        Case(expression: "true ? 1 : dyn('a')", type: "dyn"),
        Case(expression: "[1, 2] + [3]", type: "list(int)"),
        Case(expression: "type(1)", type: "type(int)"),
        Case(expression: "[1].map(x, double(x) * 2.0)", type: "list(double)"),
        Case(expression: "[1, 2].filter(x, x > 1)", type: "list(int)"),
        Case(expression: "[1, 2].exists_one(x, x > 1) || [1].all(x, x > 0) || [1].exists(x, x == 1)", type: "bool"),
        Case(expression: "{'a': 1}.map(k, k + 'x')", type: "list(string)"),
        Case(expression: "has(schema.spec.name) && has(m.x)", type: "bool"),
        Case(expression: "schema.spec.ports.map(p, p + 1)", type: "list(int)"),
        Case(expression: "schema.metadata.labels['app']", type: "string"),
        // Strings extension.
        Case(expression: #""abc".charAt(1) + "abc".substring(1, 2) + "abc".lowerAscii() + "ABC".upperAscii() + " a ".trim() + "abc".reverse()"#, type: "string"),
        Case(expression: #""abc".indexOf("b") + "abc".lastIndexOf("b", 2) + "abc".indexOf("b", 1)"#, type: "int"),
        Case(expression: #""a,b".split(",")"#, type: "list(string)"),
        Case(expression: #"["a", "b"].join("-") + ["a"].join() + "a".replace("a", "b") + "a".replace("a", "b", 1)"#, type: "string"),
        Case(expression: #""%d items: %s".format([1, "x"]) + strings.quote("x")"#, type: "string"),
        // Lists extension.
        Case(expression: "[3, 1].sort()", type: "list(int)"),
        Case(expression: "[1, 2, 3].slice(0, 1).reverse().distinct()", type: "list(int)"),
        Case(expression: "[[1], [2]].flatten()", type: "list(int)"),
        Case(expression: "lists.range(3)", type: "list(int)"),
        Case(expression: #"[{"a": 2}, {"a": 1}].sortBy(e, e.a)"#, type: "list(map(string, int))"),
        // Bindings.
        Case(expression: "cel.bind(x, 1, x + 1)", type: "int"),
        // Optional types.
        Case(expression: "optional.of(1).orValue(2)", type: "int"),
        Case(expression: #"schema.spec.?name.orValue("x")"#, type: "string"),
        Case(expression: #"m[?"a"]"#, type: "optional_type(string)"),
        Case(expression: "[?optional.none(), 1]", type: "list(int)"),
        Case(expression: #"{?"a": optional.of(1)}"#, type: "map(string, int)"),
        Case(expression: "optional.none().hasValue() || optional.ofNonZeroValue(0).hasValue()", type: "bool"),
        Case(expression: "[1].first()", type: "optional_type(int)"),
        Case(expression: "optional.of(1).or(optional.none()).value()", type: "int"),
        Case(expression: "optional.of(2).optMap(x, x * 2)", type: "optional_type(int)"),
        Case(expression: "[optional.of(1)].unwrapOpt()", type: "list(int)"),
        // Encoders.
        Case(expression: #"base64.encode(b"x")"#, type: "string"),
        Case(expression: #"base64.decode("eA==")"#, type: "bytes"),
        // Two-variable comprehensions.
        Case(expression: #"{"a": 1}.transformMap(k, v, v + 1)"#, type: "map(string, int)"),
        Case(expression: "[1, 2].transformList(i, v, i + v)", type: "list(int)"),
        Case(expression: #"{"a": 1}.transformMapEntry(k, v, {v: k})"#, type: "map(int, string)"),
        Case(expression: #"{"a": 1}.all(k, v, v > 0) && [1].exists(i, v, i == v) && [1].existsOne(i, v, v > 0)"#, type: "bool"),
        // Kubernetes lists.
        Case(expression: "[1, 2].isSorted() && [1.0].max() > 0.0", type: "bool"),
        Case(expression: "[1, 2].sum() + [1].min() + [1, 2].indexOf(1) + [1].lastIndexOf(1)", type: "int"),
        Case(expression: #"[duration("1s")].sum()"#, type: "google.protobuf.Duration"),
        // URLs.
        Case(expression: #"url("https://x").getHost() + url("https://x").getScheme() + url("https://x:1").getPort() + url("https://x").getHostname() + url("https://x").getEscapedPath()"#, type: "string"),
        Case(expression: #"url("https://x?a=b").getQuery()"#, type: "map(string, list(string))"),
        Case(expression: #"isURL("x")"#, type: "bool"),
        // Regex.
        Case(expression: #""abc".find("b")"#, type: "string"),
        Case(expression: #""abc".findAll("b", 1) + "abc".findAll("c")"#, type: "list(string)"),
        // Quantity.
        Case(expression: #"quantity("1Gi").add(1).sub(quantity("1")).isGreaterThan(quantity("1")) && isQuantity("1") && quantity("1").isInteger() && quantity("1").isLessThan(quantity("2"))"#, type: "bool"),
        Case(expression: #"sign(quantity("1")) + quantity("1").compareTo(quantity("2")) + quantity("1").asInteger()"#, type: "int"),
        Case(expression: #"quantity("1").asApproximateFloat()"#, type: "double"),
        // IP.
        Case(expression: #"ip("1.2.3.4").family()"#, type: "int"),
        Case(expression: #"string(ip("::1"))"#, type: "string"),
        Case(expression: #"ip.isCanonical("1.2.3.4") && isIP("x") && ip("::1").isLoopback() && ip("::").isUnspecified() && ip("::1").isGlobalUnicast() && ip("::1").isLinkLocalUnicast() && ip("::1").isLinkLocalMulticast()"#, type: "bool"),
        // CIDR.
        Case(expression: #"cidr("10.0.0.0/8").containsIP("10.0.0.1") && cidr("10.0.0.0/8").containsIP(ip("10.0.0.1")) && cidr("10.0.0.0/8").containsCIDR("10.0.0.0/9") && isCIDR("x")"#, type: "bool"),
        Case(expression: #"cidr("10.0.0.0/8").ip()"#, type: "net.IP"),
        Case(expression: #"cidr("10.0.0.0/8").masked()"#, type: "net.CIDR"),
        Case(expression: #"cidr("10.0.0.0/8").prefixLength()"#, type: "int"),
        Case(expression: #"string(cidr("10.0.0.0/8"))"#, type: "string"),
        // Semver.
        Case(expression: #"semver("1.0.0").major() + semver("1.0.0").minor() + semver("1.0.0").patch() + semver("1.0.0").compareTo(semver("2.0.0"))"#, type: "int"),
        Case(expression: #"semver("v1", true).isLessThan(semver("2.0.0")) && isSemver("1.0.0", true) && isSemver("x") && semver("1.0.0").isGreaterThan(semver("0.1.0"))"#, type: "bool"),
        // kro: hash, JSON, random, maps, lists, omit, runtime.
        Case(expression: #"hash.fnv64a("x") + hash.sha256("x") + hash.md5("x")"#, type: "bytes"),
        Case(expression: #"base64.encode(hash.sha256(schema.spec.name))"#, type: "string"),
        Case(expression: #"json.unmarshal("{}")"#, type: "dyn"),
        Case(expression: #"json.marshal({"a": 1})"#, type: "string"),
        Case(expression: #"random.seededString(5, "s")"#, type: "string"),
        Case(expression: #"random.seededInt(0, 10, "s")"#, type: "int"),
        Case(expression: #"{"a": 1}.merge({"b": 2})"#, type: "map(string, int)"),
        Case(expression: #"schema.spec.env.merge({"x": "y"})"#, type: "map(string, string)"),
        Case(expression: #"json.unmarshal("{}").deepMerge({"a": 1})"#, type: "dyn"),
        Case(expression: "lists.setAtIndex([1], 0, 2) + lists.insertAtIndex([1], 0, 2) + lists.removeAtIndex([1], 0)", type: "list(int)"),
        Case(expression: "omit()", type: "dyn"),
        Case(expression: #"runtime.newCondition({type: "Ready", status: "True", reason: schema.spec.name})"#, type: "kro.run.Condition"),
        // Mixed value types join to dyn, which cel-go accepts; the value check is at runtime.
        Case(expression: #"runtime.newCondition({type: "Ready", status: 1})"#, type: "kro.run.Condition"),
        Case(expression: #"runtime.condition(schema, "Ready").status + runtime.condition(schema, "Ready").reason"#, type: "string"),
        Case(expression: #"[runtime.condition(schema, "Ready")]"#, type: "list(kro.run.Condition)"),
    ]

    @Test(arguments: wellTyped)
    func typicalCallsTypeCheck(_ c: Case) {
        let result = checkText(c.expression, in: Self.env())
        #expect(result.issues.map(\.message) == [])
        #expect(result.type?.description == c.type)
    }

    struct Rejection: CustomTestStringConvertible, Sendable {
        let expression: String
        let message: String
        /// The source text the error points at.
        let at: String
        var testDescription: String { expression }
    }

    static let rejected: [Rejection] = [
        Rejection(expression: #""a".startsWith(1)"#, message: "found no matching overload for 'startsWith' applied to 'string.(int)'", at: "startsWith"),
        Rejection(expression: #""abc".charAt("x")"#, message: "found no matching overload for 'charAt' applied to 'string.(string)'", at: "charAt"),
        Rejection(expression: #"[1].slice("a", 1)"#, message: "found no matching overload for 'slice' applied to 'list(int).(string, int)'", at: "slice"),
        Rejection(expression: #"optional.of(1).orValue("x")"#, message: "found no matching overload for 'orValue' applied to 'optional_type(int).(string)'", at: "orValue"),
        Rejection(expression: #"base64.encode("x")"#, message: "found no matching overload for 'base64.encode' applied to '(string)'", at: "base64.encode"),
        Rejection(expression: #"["a"].sum()"#, message: "found no matching overload for 'sum' applied to 'list(string).()'", at: "sum"),
        Rejection(expression: "url(1)", message: "found no matching overload for 'url' applied to '(int)'", at: "url"),
        Rejection(expression: #""abc".find(1)"#, message: "found no matching overload for 'find' applied to 'string.(int)'", at: "find"),
        Rejection(expression: #"quantity("1").add("x")"#, message: "found no matching overload for 'add' applied to 'kubernetes.Quantity.(string)'", at: "add"),
        Rejection(expression: #"ip("x").family(1)"#, message: "found no matching overload for 'family' applied to 'net.IP.(int)'", at: "family"),
        Rejection(expression: #"cidr("x").containsIP(1)"#, message: "found no matching overload for 'containsIP' applied to 'net.CIDR.(int)'", at: "containsIP"),
        Rejection(expression: "semver(1)", message: "found no matching overload for 'semver' applied to '(int)'", at: "semver"),
        Rejection(expression: "hash.sha256(1)", message: "found no matching overload for 'hash.sha256' applied to '(int)'", at: "hash.sha256"),
        Rejection(expression: "json.unmarshal(1)", message: "found no matching overload for 'json.unmarshal' applied to '(int)'", at: "json.unmarshal"),
        Rejection(expression: #"random.seededString("5", "s")"#, message: "found no matching overload for 'random.seededString' applied to '(string, string)'", at: "random.seededString"),
        Rejection(expression: #"{"a": 1}.merge({"b": "c"})"#, message: "found no matching overload for 'merge' applied to 'map(string, int).(map(string, string))'", at: "merge"),
        Rejection(expression: #"lists.setAtIndex([1], 0, "x")"#, message: "found no matching overload for 'lists.setAtIndex' applied to '(list(int), int, string)'", at: "lists.setAtIndex"),
        Rejection(expression: #"random.seededInt(0, "s")"#, message: "found no matching overload for 'random.seededInt' applied to '(int, string)'", at: "random.seededInt"),
        Rejection(expression: #"lists.removeAtIndex([1], "0")"#, message: "found no matching overload for 'lists.removeAtIndex' applied to '(list(int), string)'", at: "lists.removeAtIndex"),
        Rejection(expression: #"semver("1.0.0").isLessThan(quantity("1"))"#, message: "found no matching overload for 'isLessThan' applied to 'kubernetes.Semver.(kubernetes.Quantity)'", at: "isLessThan"),
        Rejection(expression: #"cel.bind(x, 1, x + "a")"#, message: "found no matching overload for '_+_' applied to '(int, string)'", at: "+"),
        Rejection(expression: "runtime.newCondition({type: 1, status: 2})", message: "found no matching overload for 'newCondition' applied to 'kro.run.Runtime.(map(string, int))'", at: "newCondition"),
        Rejection(expression: "runtime.newCondition(1)", message: "runtime.newCondition: argument must be a map literal", at: "1"),
        Rejection(expression: #"runtime.condition("Ready")"#, message: "found no matching overload for 'condition' applied to 'kro.run.Runtime.(string)'", at: "condition"),
        Rejection(expression: "omit(1)", message: "found no matching overload for 'omit' applied to '(int)'", at: "omit"),
        Rejection(expression: #"runtime.condition(schema, "Ready").bogus"#, message: "undefined field 'bogus'", at: "bogus"),
        Rejection(expression: #"schema.spec.replicas + "x""#, message: "found no matching overload for '_+_' applied to '(int, string)'", at: "+"),
        Rejection(expression: "schema.spec.nmae", message: "undefined field 'nmae'; did you mean 'name'?", at: "nmae"),
        Rejection(expression: "[1].all(i, v, v)", message: "found no matching overload for '_&&_' applied to '(bool, int)'", at: "all"),
        Rejection(expression: "true ? 1 : 'a'", message: "found no matching overload for '_?_:_' applied to '(bool, int, string)'", at: "?"),
        Rejection(expression: "[1].map(x, x * 2.0)", message: "found no matching overload for '_*_' applied to '(int, double)'", at: "*"),
        Rejection(expression: "[1, 2].filter(x, x)", message: "found no matching overload for '_?_:_' applied to '(int, list(int), list(int))'", at: "filter"),
        Rejection(expression: "1.all(x, true)", message: "expression of type 'int' cannot be range of a comprehension (must be list, map, or dynamic)", at: "1"),
        Rejection(expression: "[?1]", message: "expected type 'optional_type(int)' but found 'int'", at: "1"),
        Rejection(expression: #"{?"a": 1}"#, message: "expected type 'optional_type(int)' but found 'int'", at: "1"),
        Rejection(expression: "schema.spec.?nmae", message: "undefined field 'nmae'; did you mean 'name'?", at: "nmae"),
        Rejection(expression: "has(schema.spec.nmae)", message: "undefined field 'nmae'; did you mean 'name'?", at: "nmae"),
        Rejection(expression: "schema.spec.name.?x", message: "type 'string' does not support field selection", at: "x"),
        Rejection(expression: "schema.spec.replicas.size()", message: "found no matching overload for 'size' applied to 'int.()'", at: "size"),
        // Disabled libraries stay undeclared.
        Rejection(expression: "math.ceil(1.5)", message: "undeclared reference to 'math' (in container '')", at: "math"),
        Rejection(expression: "sets.contains([1], [1])", message: "undeclared reference to 'sets' (in container '')", at: "sets"),
        Rejection(expression: #"regex.replace("a", "a", "b")"#, message: "undeclared reference to 'regex' (in container '')", at: "regex"),
        Rejection(expression: #""%d".format(["x"])"#, message: "error during formatting: decimal clause can only be used on ints, uints, and doubles, was given string", at: #""x""#),
        Rejection(expression: #""%s %s".format(["x"])"#, message: "index 1 out of range", at: "format"),
        Rejection(expression: #""%s".format(["x", "y"])"#, message: "too many arguments supplied to string.format (expected 1, got 2)", at: "format"),
        Rejection(expression: #""%z".format(["x"])"#, message: #"could not parse formatting clause: unrecognized formatting clause "z""#, at: "format"),
    ]

    @Test(arguments: rejected)
    func wrongArgumentsAreRejected(_ r: Rejection) {
        let result = checkText(r.expression, in: Self.env())
        #expect(result.type == nil)
        #expect(result.issues.first?.message == r.message)
        #expect(result.issues.first.map { text(of: $0.span, in: r.expression) } == r.at)
    }
}

/// Parses (with kro's parse-time macros) and checks; syntax errors are returned as the
/// result's issues.
func checkText(_ text: String, in env: CELEnvironment) -> CheckResult {
    var options = ParserOptions()
    options.enableKroMacros = true
    let parsed = CELParser(options: options).parse(text)
    guard let expr = parsed.parsed else {
        return CheckResult(type: nil, types: [:], references: [:], issues: parsed.issues)
    }
    return Checker.check(expr, in: env)
}

func text(of span: SourceSpan, in source: String) -> String {
    let bytes = Array(source.utf8)
    guard span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return "<invalid>" }
    return String(decoding: bytes[span.start..<span.end], as: UTF8.self)
}
