import Testing
@testable import CEL

/// Calls that read their arguments at every level, or build a result much larger than
/// them, are charged for that before they run (`EvaluationCost`); what they answer is
/// unchanged.
@Suite struct DeepReadCostTests {
    let limited = EvalOptions(costLimit: 1_000_000)
    let long = String(repeating: "a", count: 1_000_000)
    var items: Value { .list((0..<100_000).map { .string("x\($0)") }) }

    func evaluate(_ text: String, _ vars: [String: Value] = [:], options: EvalOptions? = nil) throws -> EvalResult {
        let parsed = try #require(CELParser().parse(text).parsed, "\(text)")
        return Program(parsed: parsed, functions: .kro, options: options ?? limited).evaluate(Activation(vars))
    }

    /// Ten references to one 100,000-item list, compared with themselves 100,000 times:
    /// each comparison reads a million items (this ran for minutes).
    @Test func equalityIsChargedForTheItemsItReads() throws {
        let shared = "cel.bind(x, lists.range(10).map(i, items), lists.range(100000).all(i, x == x))"
        #expect(try evaluate(shared, ["items": items]).isError(containing: "cost limit"))
        #expect(try evaluate("cel.bind(x, lists.range(10).map(i, items), lists.range(100000).all(i, items in x))", ["items": items]).isError(containing: "cost limit"))
        #expect(try evaluate("[[1, 2], ['a']] == [[1, 2], ['a']] && !([[1.0]] != [[1]])").isValue(.bool(true)))
        #expect(try evaluate("[2] in [[1], [2]]").isValue(.bool(true)))
    }

    /// Joining, formatting or marshalling a thousand references to a 1 MB string would
    /// build 1 GB: charged before it is built.
    @Test func textBuiltFromSharedValuesIsChargedBeforeItIsBuilt() throws {
        let vars: [String: Value] = ["s": .string(long), "items": items]
        for text in [
            "lists.range(1000).map(i, s).join('')",
            "'%s'.format([lists.range(1000).map(i, s)])",
            "json.marshal(lists.range(1000).map(i, s))",
            "size(lists.range(1000).map(i, items).flatten())",
            "lists.range(1000).map(i, s).sort()",
            "lists.range(1000).map(i, s).distinct()",
        ] {
            #expect(try evaluate(text, vars).isError(containing: "cost limit"), "\(text)")
        }
        #expect(try evaluate("['a', 'b'].join('-') + '%s'.format([[1, 2]]) + json.marshal({'k': [true]})").isValue(.string("a-b[1, 2]{\"k\":[true]}")))
        #expect(try evaluate("size(items.join(','))", vars).isValue(.int(688_889)))
    }

    /// A replacement longer than what it replaces is charged for the text it adds before
    /// the text is built: each `a` of 1 MB replaced by the 1 MB would make 1 TB.
    @Test func replaceIsChargedForWhatItAddsBeforeBuildingIt() throws {
        let vars: [String: Value] = ["s": .string(long)]
        #expect(try evaluate("s.replace('a', s)", vars).isError(containing: "cost limit"))
        #expect(try evaluate("s.replace('', 'twelve bytes')", vars).isError(containing: "cost limit"))
        #expect(try evaluate("size(s.replace('a', 'b'))", vars).isValue(.int(1_000_000)))
        #expect(try evaluate("size(s.replace('a', 'bb', 1000))", vars).isValue(.int(1_001_000)))
        #expect(Interpreter.resultCostBeforehand("replace", [.string("aaaa"), .string("a"), .string("12345678901")]) == 4)
        #expect(Interpreter.resultCostBeforehand("replace", [.string("aaaa"), .string("a"), .string("12345678901"), .int(2)]) == 2)
        #expect(Interpreter.resultCostBeforehand("replace", [.string(long), .string("a"), .string("")]) == nil)
        #expect(StringsExtension.replacements(in: "ééé", of: "", limit: -1) == 4)
        #expect(StringsExtension.replacements(in: "aaaa", of: "aa", limit: -1) == 2)
    }

    /// Calls that build many elements are charged a unit for each before building them:
    /// `split`'s parts, `lists.range`'s numbers, and twice the values of `json.unmarshal`.
    @Test func manyElementsAreChargedBeforeTheyAreBuilt() throws {
        let vars: [String: Value] = ["s": .string(long), "json": .string("[" + Array(repeating: "1", count: 500_000).joined(separator: ",") + "]")]
        #expect(try evaluate("size(s.split(''))", vars).isError(containing: "cost limit"))
        #expect(try evaluate("size(lists.range(1000000))").isError(containing: "cost limit"))
        #expect(try evaluate("size(json.unmarshal(json))", vars).isError(containing: "cost limit"))
        #expect(try evaluate("'a,b,c'.split(',') == ['a', 'b', 'c'] && size(lists.range(1000)) == 1000 "
            + "&& json.unmarshal('{\"a\": [1, 2]}') == {'a': [1.0, 2.0]} && size(s.split('', 10)) == 10", vars).isValue(.bool(true)))
        #expect(Interpreter.resultCostBeforehand("split", [.string("a,b,,c"), .string(",")]) == 4)
        #expect(Interpreter.resultCostBeforehand("split", [.string("a,b,,c"), .string(","), .int(2)]) == 2)
        #expect(Interpreter.resultCostBeforehand("split", [.string("héllo"), .string("")]) == 5)
        #expect(Interpreter.resultCostBeforehand("lists.range", [.int(-3)]) == 0)
        #expect(Interpreter.jsonValues(in: #"{"a": [1, 2], "b": "x,y"}"#) == 6)
    }

    /// A walk that reads what it charges stops once over the limit: the nesting check of a
    /// value built from a million shared items charges (and reads) no more than the limit.
    @Test func walksStopOnceOverTheLimit() {
        let wide = Value.list(Array(repeating: items, count: 1_000))
        var visited: Int64 = 0
        _ = Interpreter.nesting(wide, limit: 100, visited: &visited, stopAbove: 50_000)
        #expect(visited > 50_000 && visited < 50_100)
        var units: Int64 = 0
        Interpreter.readUnits(wide, into: &units, stopAbove: 50_000)
        #expect(units > 50_000 && units < 50_100)
    }

    /// `distinct` finds equals through buckets: it keeps what comparing every pair keeps,
    /// across numeric kinds, NaN, signed zeros, strings equal only canonically, and lists.
    @Test func distinctKeepsWhatPairwiseComparisonKeeps() throws {
        var seed: UInt64 = 0xD157
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        let pool: [Value] = [
            .int(1), .uint(1), .double(1), .double(-0.0), .int(0), .double(.nan), .double(9007199254740992),
            .int(9007199254740993), .int(9007199254740992), .uint(UInt64.max), .double(18446744073709551616.0),
            .string("é"), .string("e\u{301}"), .string(""), .bytes([0xC3, 0xA9]), .bool(true), .bool(false), .null,
            .list([.int(1)]), .list([.double(1)]), .list([.double(.nan)]), .list([]),
        ]
        for round in 0..<500 {
            let list = (0..<next(12)).map { _ in pool[next(pool.count)] }
            var expected: [Value] = []
            for v in list where !expected.contains(where: { $0.celEquals(v) }) { expected.append(v) }
            let found = ListsExtension.distinct(list)
            #expect(found.count == expected.count && zip(found, expected).allSatisfy { $0.kind == $1.kind && $0.debugText == $1.debugText },
                    "round \(round): \(list.map(\.debugText))")
        }
        let many = (0..<20_000).map { Value.string("s\($0 % 15_000)") }
        #expect(ListsExtension.distinct(many).count == 15_000)
    }
}
