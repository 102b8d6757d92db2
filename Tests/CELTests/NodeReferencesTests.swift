import Testing
@testable import CEL

/// `NodeReferences` (a check's references, an array sorted by id) must behave as the
/// `[ExprID: Reference]` it replaced: the same answers after any sequence of writes and
/// removals, the checker's writes in any order (the last of an id kept), the same entries.
@Suite struct NodeReferencesTests {
    static let samples: [Reference] = [Reference(name: "schema"), Reference(name: "_+_", overloadIDs: ["add_int64"]),
                                       Reference(name: "size", overloadIDs: ["size_string", "size_list"]),
                                       Reference(name: "a.b.c")]

    @Test func behavesAsTheDictionaryItReplaced() {
        var random = NodeTypesTests.Xorshift()
        for round in 0..<300 {
            var references = NodeReferences()
            var builder = NodeReferences.Builder()
            var expected: [ExprID: Reference] = [:]
            var built: [ExprID: Reference] = [:]
            let span = 1 + random.next(below: 40)
            for _ in 0..<random.next(below: 60) {
                let id = ExprID(random.next(below: span)) - (random.next(below: 10) == 0 ? 1_000 : 0)
                let reference = Self.samples[random.next(below: Self.samples.count)]
                if random.next(below: 5) == 0 {
                    references[id] = nil
                    expected[id] = nil
                } else {
                    references[id] = reference
                    expected[id] = reference
                }
                builder.add(id, reference)
                built[id] = reference
                #expect(references[id] == expected[id], "round \(round): id \(id)")
            }
            #expect(references.count == expected.count && references == NodeReferences(expected), "round \(round)")
            for id in ExprID(-1_001)...ExprID(span + 1) { #expect(references[id] == expected[id], "round \(round): id \(id)") }
            #expect(references.map(\.id) == expected.keys.sorted(), "round \(round)")
            #expect(references.values == expected.keys.sorted().map { expected[$0]! }, "round \(round)")
            let fromBuilder = builder.build()
            #expect(fromBuilder == NodeReferences(built) && fromBuilder.count == built.count, "round \(round)")
            for (id, reference) in fromBuilder { #expect(built[id] == reference, "round \(round): id \(id)") }
        }
    }

    /// The checker's table: every identifier and call of a parsed expression, by id.
    @Test func aCheckResolvesIdentifiersAndCalls() throws {
        let parsed = try #require(CELParser().parse("size(x) + y").parsed)
        let env = CELEnvironment.standard().adding(variables: [VariableDecl(name: "x", type: .string), VariableDecl(name: "y", type: .int)])
        let result = Checker.check(parsed, in: env)
        #expect(result.issues.isEmpty)
        #expect(result.references.values.map(\.name) == ["x", "size", "y", "_+_"])
        #expect(result.references[parsed.expr.id]?.overloadIDs == ["add_int64"])
    }
}
