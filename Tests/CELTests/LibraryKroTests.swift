import Testing
@testable import CEL

@Suite struct LibraryKroTests {
    @Test func hashes() throws {
        #expect(try libCall("hash.sha256", .string("abc")).asBytes.hexString
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try libCall("hash.md5", .string("hello")).asBytes.hexString == "5d41402abc4b2a76b9719d911017c592")
        #expect(try libCall("hash.fnv64a", .string("hello")).asBytes.hexString == "a430d84680aabd0b")
        #expect(try libCall("hash.fnv64a", .string("")).asBytes.count == 8)
        #expect(libError("hash.sha256", .int(1)) != nil)
        // `"%x".format([hash.sha256("abc")])` formats the bytes as hex.
        let formatted = try libCall("format", member: true, .string("%x"), .list([libCall("hash.sha256", .string("abc"))]))
        #expect(formatted.asString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func seededRandom() throws {
        #expect(try libCall("random.seededString", .int(10), .string("seed")).asString == "qakd42wvqa")
        #expect(try libCall("random.seededString", .int(20), .string("my-app")).asString == "8qejs8ek8qejs8ek8qej")
        #expect(libError("random.seededString", .int(0), .string("s")) == "random.seededString length must be positive")
        #expect(libError("random.seededString", .int(-3), .string("s")) == "random.seededString length must be positive")
        #expect(libError("random.seededString", .int(Int64.max), .string("s")) != nil)
        #expect(try libCall("random.seededInt", .int(0), .int(100), .string("seed")).asInt == 42)
        #expect(try libCall("random.seededInt", .int(-50), .int(50), .string("x")).asInt == 26)
        #expect(try libCall("random.seededInt", .int(Int64.min), .int(Int64.max), .string("seed")).asInt == -7371732509874106166)
        #expect(libError("random.seededInt", .int(5), .int(5), .string("s")) == "random.seededInt min must be less than max")
        #expect(libError("random.seededInt", .int(6), .int(5), .string("s")) == "random.seededInt min must be less than max")
    }

    @Test func indexMutation() throws {
        let l = Value.list([.int(1), .int(2), .int(3)])
        #expect(try libCall("lists.setAtIndex", l, .int(1), .int(9)).celEquals(.list([.int(1), .int(9), .int(3)])))
        #expect(try libCall("lists.insertAtIndex", l, .int(3), .int(4)).celEquals(.list([.int(1), .int(2), .int(3), .int(4)])))
        #expect(try libCall("lists.insertAtIndex", l, .int(0), .int(0)).celEquals(.list([.int(0), .int(1), .int(2), .int(3)])))
        #expect(try libCall("lists.removeAtIndex", l, .int(0)).celEquals(.list([.int(2), .int(3)])))
        #expect(libError("lists.setAtIndex", l, .int(3), .int(0)) == "lists.setAtIndex: index 3 out of bounds [0, 3)")
        #expect(libError("lists.setAtIndex", l, .int(-1), .int(0)) == "lists.setAtIndex: index -1 out of bounds [0, 3)")
        #expect(libError("lists.insertAtIndex", l, .int(4), .int(0)) == "lists.insertAtIndex: index 4 out of bounds [0, 3]")
        #expect(libError("lists.removeAtIndex", .list([]), .int(0)) == "lists.removeAtIndex: index 0 out of bounds [0, 0)")
    }

    @Test func maps() throws {
        let a = Value.stringMap([("x", .int(1)), ("y", .stringMap([("p", .int(1)), ("q", .int(2))]))])
        let b = Value.stringMap([("y", .stringMap([("q", .int(3)), ("r", .int(4))])), ("z", .int(5))])
        let merged = try libCall("merge", member: true, a, b)
        #expect(merged.celEquals(.stringMap([("x", .int(1)), ("y", .stringMap([("q", .int(3)), ("r", .int(4))])), ("z", .int(5))])))
        let deep = try libCall("deepMerge", member: true, a, b)
        #expect(deep.celEquals(.stringMap([
            ("x", .int(1)), ("y", .stringMap([("p", .int(1)), ("q", .int(3)), ("r", .int(4))])), ("z", .int(5)),
        ])))
        #expect(try libCall("deepMerge", member: true, a, .stringMap([])).celEquals(a))
        #expect(try libCall("deepMerge", member: true, .stringMap([]), b).celEquals(b))
        // A list under the same key is replaced, not merged.
        let lists = try libCall("deepMerge", member: true, .stringMap([("l", .list([.int(1)]))]), .stringMap([("l", .list([.int(2)]))]))
        #expect(lists.celEquals(.stringMap([("l", .list([.int(2)]))])))
        #expect(libError("deepMerge", member: true, .int(1), a) == "no such overload")
        #expect(libError("merge", member: true, a, .int(1)) != nil)
    }

    @Test func omitSentinel() throws {
        let omit = try libCall("omit")
        #expect(omit.kind == .object("kro.omit"))
        #expect(libError(Operator.equals, omit, .int(1)) == "omit() is a field-removal sentinel and cannot be compared")
        #expect(libError(Operator.notEquals, omit, .string("a")) == "omit() is a field-removal sentinel and cannot be compared")
        #expect(try libCall(Operator.equals, omit, .null).asBool == false)
        #expect(try libCall(Operator.equals, .int(1), .int(1)).asBool)
        #expect(try libCall("json.marshal", omit).asString == "{}")
    }

    @Test func newCondition() throws {
        let rt = KroRuntimeLibrary.runtimeValue
        let fields = Value.stringMap([("type", .string("Ready")), ("status", .string("True")), ("reason", .string("AllGood"))])
        let c = try libCall("newCondition", member: true, rt, fields)
        let cond = try #require(c.opaqueValue(KroCondition.self))
        #expect(cond == KroCondition(type: "Ready", status: "True", reason: "AllGood", message: ""))
        #expect(cond.field("status")?.asString == "True")
        #expect(cond.field("other") == nil)
        #expect(c.kind == .object("kro.run.Condition"))
        #expect(libError("newCondition", member: true, rt, .stringMap([("type", .string("")), ("status", .string("True"))]))
            == "runtime.newCondition: type must not be empty")
        #expect(libError("newCondition", member: true, rt, .stringMap([("type", .string("A")), ("status", .string("Yes"))]))
            == "runtime.newCondition: status must be one of True, False, Unknown (got \"Yes\")")
        #expect(libError("newCondition", member: true, rt, .stringMap([("type", .string("A")), ("status", .int(1))]))
            == "runtime.newCondition: status must be a string, got int")
        #expect(libError("newCondition", member: true, rt, .stringMap([("type", .null)]))
            == "runtime.newCondition: type must be a string, got null_type")
    }

    @Test func conditionLookup() throws {
        let rt = KroRuntimeLibrary.runtimeValue
        let obj = Value.stringMap([("status", .stringMap([("conditions", .list([
            .stringMap([("type", .string("Ready")), ("status", .string("False")), ("reason", .int(3))]),
            .stringMap([("type", .string("Synced")), ("status", .string("True")), ("message", .string("ok"))]),
            .stringMap([("type", .string("Ready")), ("status", .string("True"))]),
        ]))]))])
        let ready = try #require(libCall("condition", member: true, rt, obj, .string("Ready")).opaqueValue(KroCondition.self))
        #expect(ready == KroCondition(type: "Ready", status: "False", reason: "", message: ""))
        let synced = try #require(libCall("condition", member: true, rt, obj, .string("Synced")).opaqueValue(KroCondition.self))
        #expect(synced.message == "ok")
        let missing = try #require(libCall("condition", member: true, rt, obj, .string("Nope")).opaqueValue(KroCondition.self))
        #expect(missing == KroCondition())
        let noStatus = try libCall("condition", member: true, rt, .stringMap([]), .string("Ready"))
        #expect(noStatus.opaqueValue(KroCondition.self) == KroCondition())
        #expect(libError("condition", member: true, rt, .int(1), .string("Ready")) == "runtime.condition: obj must be an object, got int")
        #expect(libError("condition", member: true, rt, .stringMap([("status", .int(1))]), .string("R"))
            == "runtime.condition: obj.status must be an object")
        #expect(libError("condition", member: true, rt, .stringMap([("status", .stringMap([("conditions", .int(1))]))]), .string("R"))
            == "runtime.condition: obj.status.conditions must be a list")
        #expect(libError("condition", member: true, rt, .stringMap([("status", .stringMap([("conditions", .list([.int(1)]))]))]), .string("R"))
            == "runtime.condition: unexpected condition element type int")
    }

    @Test func jsonUnmarshal() throws {
        let v = try libCall("json.unmarshal", .string(#"{"a":1,"b":[true,null,"x"],"c":{"d":2.5}}"#))
        #expect(v.celEquals(.stringMap([
            ("a", .double(1)), ("b", .list([.bool(true), .null, .string("x")])), ("c", .stringMap([("d", .double(2.5))])),
        ])))
        if case .map(let m) = v, case .double? = m.lookup(.string("a")) {} else { Issue.record("numbers must be doubles") }
        #expect(libError("json.unmarshal", .string("{")) == "json.unmarshal failed to parse JSON: unexpected end of JSON input")
        #expect(libError("json.unmarshal", .string("nope"))
            == "json.unmarshal failed to parse JSON: invalid character 'o' in literal null (expecting 'u')")
    }

    @Test func jsonMarshal() throws {
        func marshal(_ v: Value) throws -> String { try libCall("json.marshal", v).asString }
        #expect(try marshal(.stringMap([("b", .int(1)), ("a", .list([.double(1.5), .double(1), .bool(false), .null]))]))
            == #"{"a":[1.5,1,false,null],"b":1}"#)
        #expect(try marshal(.string("<a&b>")) == #""\u003ca\u0026b\u003e""#)
        #expect(try marshal(.bytes(Array("hi".utf8))) == #""aGk=""#)
        #expect(try marshal(.double(1e21)) == "1e+21")
        #expect(try marshal(.uint(18446744073709551615)) == "18446744073709551615")
        #expect(try marshal(.duration(CELDuration(nanoseconds: 3_600_000_000_000))) == #""1h0m0s""#)
        #expect(try marshal(.duration(CELDuration(nanoseconds: 1_500_000_000))) == #""1.5s""#)
        let ts = try #require(CELTimestamp(seconds: 1_700_000_000, nanos: 123))
        #expect(try marshal(.timestamp(ts)) == #""2023-11-14T22:13:20Z""#)
        let zero = try #require(CELTimestamp(seconds: CELTimestamp.minSeconds))
        #expect(try marshal(.timestamp(zero)) == "null")
        #expect(try marshal(.optional(nil)) == "null")
        #expect(try marshal(.optional(.int(3))) == "3")
        #expect(libError("json.marshal", .map(CELMap([(.int(1), .string("x"))])))
            == "json.marshal failed to convert value: map key must be string, got int64")
        #expect(libError("json.marshal", .double(.nan)) == "json.marshal failed to encode value: json: unsupported value: NaN")
        #expect(libError("json.marshal", .object(Quantity(integer: 1)))
            == "json.marshal failed to convert value: unsupported type: kubernetes.Quantity")
        // Keys sort by bytes, as Go does.
        #expect(try marshal(.stringMap([("b", .int(1)), ("B", .int(2)), ("é", .int(3)), ("a", .int(4))]))
            == #"{"B":2,"a":4,"b":1,"é":3}"#)
    }

    @Test func runtimeValue() {
        #expect(KroRuntimeLibrary.runtimeValue.kind == .object("kro.run.Runtime"))
        #expect(KroRuntimeLibrary.runtimeValue.celEquals(KroRuntimeLibrary.runtimeValue))
    }
}

@Suite struct LibraryKroLimitTests {
    @Test func deepJSONStaysWithinTheValueDepthLimit() throws {
        let depth = GoJSONText.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let v = try libCall("json.unmarshal", .string(text))
        #expect(try libCall("json.marshal", v).asString == text)
        #expect(libError("json.unmarshal", .string("[" + text + "]"))
            == "json.unmarshal failed to parse JSON: invalid character '[' exceeded max depth")
    }
}
