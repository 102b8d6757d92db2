import Foundation
import Testing
@testable import CEL

@Suite("Runtime extensions")
struct RuntimeExtensionTests {
    let t = FunctionTable.standard

    func call(_ f: String, member: Bool = true, _ args: Value...) throws -> Value { try t.call(f, member: member, args) }
    func s(_ v: String) -> Value { .string(v) }

    @Test func stringsExtension() throws {
        #expect(try call("charAt", s("©αT"), .int(1)).celEquals(s("α")))
        #expect(try call("charAt", s("abc"), .int(3)).celEquals(s("")))
        #expect(throws: EvalError.self) { try call("charAt", s("abc"), .int(4)) }
        #expect(try call("indexOf", s("ta©o©αT"), s("©"), .int(3)).celEquals(.int(4)))
        #expect(try call("lastIndexOf", s("bananananana"), s("nana"), .int(7)).celEquals(.int(6)))
        #expect(try call("replace", s("{0} days {0}"), s("{0}"), s("2"), .int(1)).celEquals(s("2 days {0}")))
        #expect(try call("split", s("a,b,c"), s(","), .int(2)).celEquals(.list([s("a"), s("b,c")])))
        #expect(try call("split", s("abc"), s("")).celEquals(.list([s("a"), s("b"), s("c")])))
        #expect(try call("substring", s("ta©o©αT"), .int(2), .int(6)).celEquals(s("©o©α")))
        #expect(throws: EvalError.self) { try call("substring", s("abc"), .int(2), .int(1)) }
        #expect(try call("trim", s("\u{85}\u{a0} x \u{3000}")).celEquals(s("x")))
        #expect(try call("trim", s("\u{200b}x")).celEquals(s("\u{200b}x")))
        #expect(try call("reverse", s("Ta©oCαt")).celEquals(s("tαCo©aT")))
        #expect(try call("lowerAscii", s("ÆB")).celEquals(s("Æb")))
        #expect(try call("join", .list([s("x"), s("y")]), s("-")).celEquals(s("x-y")))
        #expect(throws: EvalError.self) { try call("join", .list([s("x"), .int(1)])) }
        #expect(try call("strings.quote", member: false, s("a\n\"b\\")).celEquals(s("\"a\\n\\\"b\\\\\"")))
    }

    @Test func format() throws {
        func f(_ fmt: String, _ args: Value...) throws -> String { try call("format", s(fmt), .list(args)).asString }
        #expect(try f("%s and %d%%", s("x"), .int(-3)) == "x and -3%")
        #expect(try f("%.3f", .double(1.2345)) == "1.234")
        #expect(try f("%.0f", .double(2.5)) == "2")
        #expect(try f("%e", .int(2)) == "2.000000e+00")
        // C's printf, as Foundation's String(format:) was, up to the longest output.
        for (verb, value) in [("f", Double.greatestFiniteMagnitude), ("f", -1e-300), ("e", -Double.leastNonzeroMagnitude), ("f", 0.125)] {
            for precision in [0, 1, 17, 1000] {
                let format = "%.\(precision)\(verb)"
                #expect(try f(format, .double(value)) == String(format: format, value))
            }
        }
        #expect(try f("%.1000f", .double(.greatestFiniteMagnitude)).utf8.count == 1310)
        #expect(try f("%b %o %x %X", .int(5), .int(11), .int(30), .uint(6000)) == "101 13 1e 1770")
        #expect(try f("%x", s("Hi")) == "4869")
        #expect(try f("%s", .list([s("abc"), .double(3.14), .null])) == "[abc, 3.14, null]")
        #expect(try f("%s", .map(CELMap([(s("b"), .int(1)), (s("a"), .bool(true))]))) == "{a: true, b: 1}")
        #expect(try f("%d", .double(.nan)) == "NaN")
        #expect(throws: EvalError.self) { try f("%d %d", .int(1)) }
        #expect(throws: EvalError.self) { try f("%a", .int(1)) }
        #expect(throws: EvalError.self) { try f("%d", .double(1.5)) }
    }

    @Test func listsExtension() throws {
        let l = Value.list([.int(3), .int(1), .int(2), .int(1)])
        #expect(try call("slice", l, .int(1), .int(3)).celEquals(.list([.int(1), .int(2)])))
        #expect(throws: EvalError.self) { try call("slice", l, .int(3), .int(1)) }
        #expect(throws: EvalError.self) { try call("slice", l, .int(0), .int(5)) }
        #expect(try call("distinct", l).celEquals(.list([.int(3), .int(1), .int(2)])))
        #expect(try call("sort", l).celEquals(.list([.int(1), .int(1), .int(2), .int(3)])))
        #expect(throws: EvalError.self) { try call("sort", .list([.int(1), s("a")])) }
        #expect(try call("reverse", l).celEquals(.list([.int(1), .int(2), .int(1), .int(3)])))
        let nested = Value.list([.int(1), .list([.int(2), .list([.int(3)])])])
        #expect(try call("flatten", nested).celEquals(.list([.int(1), .int(2), .list([.int(3)])])))
        #expect(try call("flatten", nested, .int(2)).celEquals(.list([.int(1), .int(2), .int(3)])))
        #expect(try call("lists.range", member: false, .int(3)).celEquals(.list([.int(0), .int(1), .int(2)])))
        #expect(try call("@sortByAssociatedKeys", .list([s("a"), s("b")]), .list([.int(2), .int(1)])).celEquals(.list([s("b"), s("a")])))
    }

    @Test func encodersAndOptionals() throws {
        #expect(try call("base64.encode", member: false, .bytes(Array("hello".utf8))).celEquals(s("aGVsbG8=")))
        #expect(try call("base64.decode", member: false, s("aGVsbG8=")).celEquals(.bytes(Array("hello".utf8))))
        #expect(try call("base64.decode", member: false, s("aGVsbG8")).celEquals(.bytes(Array("hello".utf8))))
        #expect(throws: EvalError.self) { try call("base64.decode", member: false, s("!!")) }
        #expect(try call("optional.ofNonZeroValue", member: false, .int(0)).celEquals(.optional(nil)))
        #expect(try call("orValue", .optional(nil), .int(5)).celEquals(.int(5)))
        #expect(try call("or", .optional(nil), .optional(.int(1))).celEquals(.optional(.int(1))))
        #expect(throws: EvalError.self) { try call("value", .optional(nil)) }
        #expect(try call("first", .list([])).celEquals(.optional(nil)))
        #expect(try call("last", .list([.int(1), .int(2)])).celEquals(.optional(.int(2))))
        #expect(try call("unwrapOpt", .list([.optional(.int(1)), .optional(nil)])).celEquals(.list([.int(1)])))
    }
}

@Suite struct TwoVariableTransformTests {
    func eval(_ text: String) -> String {
        guard let parsed = CELParser().parse(text).parsed else { return "parse error" }
        switch Program(parsed: parsed, functions: .kro).evaluate(Activation()) {
        case .value(let v): return "\(v)"
        case let other: return "\(other)"
        }
    }

    @Test func transformMapAndEntryInsertThroughMapInsert() {
        #expect(eval("{'a': 1, 'b': 2}.transformMap(k, v, v + 1) == {'a': 2, 'b': 3}") == "\(Value.bool(true))")
        #expect(eval("{'a': 1, 'b': 2}.transformMap(k, v, v > 1, v * 10) == {'b': 20}") == "\(Value.bool(true))")
        #expect(eval("[1, 2].transformMapEntry(i, v, {string(v): i}) == {'1': 0, '2': 1}") == "\(Value.bool(true))")
        #expect(eval("[1, 1].transformMapEntry(i, v, {string(v): i})").contains("already exists"))
        #expect(eval("[10, 20].transformList(i, v, i + v) == [10, 21]") == "\(Value.bool(true))")
    }
}
