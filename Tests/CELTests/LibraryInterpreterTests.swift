import Testing
@testable import CEL

/// Evaluates a hand-built expression (shaped as the parser shapes it) with kro's table.
private func evaluate(_ build: (ASTBuilder) -> Expr, _ vars: [String: Value] = [:]) -> EvalResult {
    Program(parsed: ParsedExpr(expr: build(ASTBuilder()), source: ""), functions: .kro).evaluate(Activation(vars))
}

@Suite struct LibraryInterpreterTests {
    @Test func quantityThroughTheInterpreter() {
        // quantity("1Gi").isGreaterThan(quantity("512Mi"))
        let r = evaluate { b in b.member(b.call("quantity", b.str("1Gi")), "isGreaterThan", b.call("quantity", b.str("512Mi"))) }
        #expect(r.isValue(.bool(true)))
        // quantity("1Gi") == quantity("1024Mi")
        let eq = evaluate { b in b.call(Operator.equals, b.call("quantity", b.str("1Gi")), b.call("quantity", b.str("1024Mi"))) }
        #expect(eq.isValue(.bool(true)))
        let bad = evaluate { b in b.call("quantity", b.str("1Gb")) }
        #expect(bad.error?.message == Quantity.formatError.message)
    }

    @Test func qualifiedNamesResolve() {
        // "%x".format([hash.sha256("abc")])
        let r = evaluate { b in b.member(b.str("%x"), "format", b.list(b.member(b.ident("hash"), "sha256", b.str("abc")))) }
        #expect(r.isValue(.string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")))
        // random.seededString(10, "seed")
        let s = evaluate { b in b.member(b.ident("random"), "seededString", b.int(10), b.str("seed")) }
        #expect(s.isValue(.string("qakd42wvqa")))
        // ip.isCanonical("::1") while `ip` is also a function name
        let c = evaluate { b in b.member(b.ident("ip"), "isCanonical", b.str("::1")) }
        #expect(c.isValue(.bool(true)))
        // lists.setAtIndex([1, 2], 5, 3) fails with kro's text
        let e = evaluate { b in b.member(b.ident("lists"), "setAtIndex", b.list(b.int(1), b.int(2)), b.int(5), b.int(3)) }
        #expect(e.error?.message == "lists.setAtIndex: index 5 out of bounds [0, 2)")
        // json.marshal({"b": 1, "a": "<x>"})
        let j = evaluate { b in b.member(b.ident("json"), "marshal", b.map((b.str("b"), b.int(1)), (b.str("a"), b.str("<x>")))) }
        #expect(j.isValue(.string(#"{"a":"\u003cx\u003e","b":1}"#)))
    }

    @Test func conditionsThroughTheInterpreter() {
        let vars: [String: Value] = [
            KroRuntimeLibrary.variableName: KroRuntimeLibrary.runtimeValue,
            "schema": .stringMap([("status", .stringMap([("conditions", .list([
                .stringMap([("type", .string("Ready")), ("status", .string("True"))]),
            ]))]))]),
        ]
        // runtime.condition(schema, "Ready").status
        let status = evaluate({ b in
            b.select(b.member(b.ident("runtime"), "condition", b.ident("schema"), b.str("Ready")), "status")
        }, vars)
        #expect(status.isValue(.string("True")))
        // runtime.newCondition({"type": "Ready", "status": "Maybe"}) (keys as the macro leaves them)
        let bad = evaluate({ b in
            b.member(b.ident("runtime"), "newCondition", b.map((b.str("type"), b.str("Ready")), (b.str("status"), b.str("Maybe"))))
        }, vars)
        #expect(bad.error?.message == "runtime.newCondition: status must be one of True, False, Unknown (got \"Maybe\")")
        // Unknown fields of a Condition are errors.
        let field = evaluate({ b in
            b.select(b.member(b.ident("runtime"), "condition", b.ident("schema"), b.str("Ready")), "nope")
        }, vars)
        #expect(field.isError(containing: "no such field"))
    }

    @Test func omitComparisonIsAnError() {
        let r = evaluate { b in b.call(Operator.equals, b.call("omit"), b.int(1)) }
        #expect(r.error?.message == "omit() is a field-removal sentinel and cannot be compared")
        let t = evaluate { b in b.call("type", b.call("omit")) }
        #expect(t.isValue(.type(TypeValue("kro.omit"))))
    }

    @Test func networkURLAndListsThroughTheInterpreter() {
        // cidr("10.0.0.0/8").containsIP(ip("10.1.2.3"))
        let r = evaluate { b in b.member(b.call("cidr", b.str("10.0.0.0/8")), "containsIP", b.call("ip", b.str("10.1.2.3"))) }
        #expect(r.isValue(.bool(true)))
        // string(cidr("10.1.2.3/8").masked())
        let m = evaluate { b in b.call("string", b.member(b.call("cidr", b.str("10.1.2.3/8")), "masked")) }
        #expect(m.isValue(.string("10.0.0.0/8")))
        // url("https://a.example/x").getHostname()
        let u = evaluate { b in b.member(b.call("url", b.str("https://a.example/x")), "getHostname") }
        #expect(u.isValue(.string("a.example")))
        // [3, 1, 2].max()
        let mx = evaluate { b in b.member(b.list(b.int(3), b.int(1), b.int(2)), "max") }
        #expect(mx.isValue(.int(3)))
        // semver("1.2.3").isLessThan(semver("v1.10", true))
        let sv = evaluate { b in
            b.member(b.call("semver", b.str("1.2.3")), "isLessThan", b.call("semver", b.str("v1.10"), b.bool(true)))
        }
        #expect(sv.isValue(.bool(true)))
    }
}
