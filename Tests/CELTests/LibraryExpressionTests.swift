import Testing
@testable import CEL

/// Real CEL text through the parser (with kro's macros), kro's checker environment and
/// the interpreter with kro's table.
@Suite struct LibraryExpressionTests {
    struct Outcome {
        var type: CELType?
        var checkIssues: [String]
        var result: EvalResult?
        var parseError: String?
    }

    static func run(_ text: String, _ vars: [String: Value] = [:], declare: [VariableDecl] = [],
                    kroMacros: Bool = true) -> Outcome {
        var options = ParserOptions()
        options.enableKroMacros = kroMacros
        let parse = CELParser(options: options).parse(text)
        switch parse.parsed {
        case nil:
            return Outcome(type: nil, checkIssues: [], result: nil, parseError: CELIssue.format(parse.issues, source: text))
        case let parsed?:
            let check = Checker.check(parsed, in: CELEnvironment.kro().adding(variables: declare))
            let result = Program(parsed: parsed, functions: .kro).evaluate(Activation(vars))
            return Outcome(type: check.type, checkIssues: check.issues.map(\.message), result: result, parseError: nil)
        }
    }

    /// Expressions that type-check with the given result type and evaluate to `value`.
    static let valueCases: [(String, CELType, Value)] = [
        (#"quantity("1Gi").isGreaterThan(quantity("512Mi"))"#, .bool, .bool(true)),
        (#"quantity("500Mi").isLessThan(quantity("1Gi")) ? "small" : "large""#, .string, .string("small")),
        (#"quantity("50k").add(20).sub(quantity("100k")).asInteger()"#, .int, .int(-49980)),
        (#"quantity("1.5").isInteger()"#, .bool, .bool(false)),
        (#"sign(quantity("-3m"))"#, .int, .int(-1)),
        (#""%x".format([hash.sha256("abc")])"#, .string, .string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
        (#"base64.encode(hash.fnv64a("hello"))"#, .string, .string("pDDYRoCqvQs=")),
        (#"random.seededString(10, "seed")"#, .string, .string("qakd42wvqa")),
        (#"random.seededInt(0, 100, "seed")"#, .int, .int(42)),
        (#"string([100, 200, 300].sum())"#, .string, .string("600")),
        (#"[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3 && ![3, 1, 2].isSorted()"#, .bool, .bool(true)),
        (#"["a", "b", "a"].lastIndexOf("a")"#, .int, .int(2)),
        (#"json.unmarshal('{"exampleJSONKey": "exampleJSONValue"}').exampleJSONKey"#, .dyn, .string("exampleJSONValue")),
        (#"json.marshal({"name": "x", "n": 1.5})"#, .string, .string(#"{"n":1.5,"name":"x"}"#)),
        (#"lists.insertAtIndex([1, 2], 0, 0)"#, .list(.int), .list([.int(0), .int(1), .int(2)])),
        (#"{"a": 1}.merge({"b": 2}) == {"a": 1, "b": 2}"#, .bool, .bool(true)),
        (#"url("https://example.com:8080/p?q=1").getPort()"#, .string, .string("8080")),
        (#"url("https://example.com/p?q=1&q=2").getQuery()["q"]"#, .list(.string), .list([.string("1"), .string("2")])),
        (#""abc 123 def 456".findAll("[0-9]+")"#, .list(.string), .list([.string("123"), .string("456")])),
        (#""abc 123".find("[0-9]+")"#, .string, .string("123")),
        (#"cidr("10.0.0.0/8").containsIP("10.1.2.3")"#, .bool, .bool(true)),
        (#"string(cidr("192.168.1.7/24").masked())"#, .string, .string("192.168.1.0/24")),
        (#"ip("::1").family() == 6 && ip("127.0.0.1").isLoopback()"#, .bool, .bool(true)),
        (#"ip.isCanonical("2001:db8::1")"#, .bool, .bool(true)),
        (#"semver("1.2.3").isLessThan(semver("v1.10", true))"#, .bool, .bool(true)),
        (#"semver("2.0.0-rc.1").compareTo(semver("2.0.0"))"#, .int, .int(-1)),
    ]

    @Test(arguments: valueCases)
    func evaluates(text: String, type: CELType, value: Value) {
        let o = Self.run(text)
        #expect(o.parseError == nil, "parse: \(o.parseError ?? "")")
        #expect(o.checkIssues.isEmpty, "check: \(o.checkIssues)")
        #expect(o.type == type)
        #expect(o.result?.isValue(value) == true, "got \(String(describing: o.result))")
    }

    /// Expressions that type-check but fail at runtime with upstream's text.
    static let errorCases: [(String, String)] = [
        (#"quantity("10Mo")"#, "quantities must match the regular expression"),
        (#"quantity("1e400").asInteger()"#, "cannot convert value to integer"),
        (#"random.seededString(0, "s")"#, "random.seededString length must be positive"),
        (#"random.seededInt(5, 5, "s")"#, "random.seededInt min must be less than max"),
        (#"lists.removeAtIndex([1], 1)"#, "lists.removeAtIndex: index 1 out of bounds [0, 1)"),
        (#"json.unmarshal("{")"#, "json.unmarshal failed to parse JSON: unexpected end of JSON input"),
        (#"omit() == 1"#, "omit() is a field-removal sentinel and cannot be compared"),
        (#"url("example.com")"#, "URL parse error during conversion from string"),
        (#"ip("1.2.3.4%eth0")"#, "parse error during conversion from string"),
        (#"cidr("10.0.0.0/33")"#, "prefix length out of range"),
        (#"semver("1.2")"#, "No Major.Minor.Patch elements found"),
        (#"[].max()"#, "max called on empty list"),
    ]

    @Test(arguments: errorCases)
    func failsAtRuntime(text: String, message: String) {
        let o = Self.run(text)
        #expect(o.parseError == nil)
        #expect(o.checkIssues.isEmpty, "check: \(o.checkIssues)")
        #expect(o.result?.isError(containing: message) == true, "got \(String(describing: o.result))")
    }

    @Test func newConditionParseAndRuntimeChecks() {
        let vars = [KroRuntimeLibrary.variableName: KroRuntimeLibrary.runtimeValue]
        // The parse-time macro validates the literal.
        let missing = Self.run(#"runtime.newCondition({type: "Ready"})"#, vars)
        #expect(missing.parseError?.contains("runtime.newCondition: 'status' is required") == true,
                "got \(missing.parseError ?? "no parse error")")
        // The map with string keys, as upstream's macro rewrites it, evaluated by the runtime.
        let ok = Self.run(#"runtime.newCondition({"type": "Ready", "status": "True", "reason": "Up"}).reason"#, vars, kroMacros: false)
        #expect(ok.checkIssues.isEmpty, "check: \(ok.checkIssues)")
        #expect(ok.type == .string)
        #expect(ok.result?.isValue(.string("Up")) == true, "got \(String(describing: ok.result))")
        let bad = Self.run(#"runtime.newCondition({"type": "Ready", "status": "Maybe"})"#, vars, kroMacros: false)
        #expect(bad.result?.isError(containing: "runtime.newCondition: status must be one of True, False, Unknown (got \"Maybe\")") == true,
                "got \(String(describing: bad.result))")
    }

    @Test func conditionsWithTheRuntimeVariable() {
        let schema = Value.stringMap([("status", .stringMap([("conditions", .list([
            .stringMap([("type", .string("Ready")), ("status", .string("True")), ("reason", .string("Up"))]),
        ]))]))])
        let o = Self.run(#"runtime.condition(schema, "Ready").reason"#,
                         ["schema": schema, KroRuntimeLibrary.variableName: KroRuntimeLibrary.runtimeValue],
                         declare: [VariableDecl(name: "schema", type: .dyn)])
        #expect(o.checkIssues.isEmpty, "check: \(o.checkIssues)")
        #expect(o.type == .string)
        #expect(o.result?.isValue(.string("Up")) == true)
    }
}
