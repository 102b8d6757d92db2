import Testing
@testable import CEL

/// `NodeTypes` (a check's type per node, an array indexed by id) must behave as the
/// `[ExprID: CELType]` it replaced: the same answers after any sequence of writes and
/// removals, dense or not, the same entries, count, mapping and equality.
@Suite struct NodeTypesTests {
    static let samples: [CELType] = [.int, .string, .dyn, .error, .list(.int), .map(.string, .dyn),
                                     .object("io.k8s.api.core.v1.Pod"), .optional(.bool), .typeParam("T")]

    /// Seeded xorshift: the same sequences every run.
    struct Xorshift {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next(below n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
    }

    @Test func behavesAsTheDictionaryItReplaced() {
        var random = Xorshift()
        for round in 0..<300 {
            var types = NodeTypes()
            var expected: [ExprID: CELType] = [:]
            let span = ExprID(1 + random.next(below: 40))
            for _ in 0..<random.next(below: 60) {
                // Mostly dense parser ids, some negative or far beyond the array's limit.
                let id: ExprID = switch random.next(below: 10) {
                case 0: -ExprID(random.next(below: 5)) - 1
                case 1: NodeTypes.denseLimit + ExprID(random.next(below: 3))
                default: ExprID(random.next(below: Int(span)))
                }
                let type: CELType? = random.next(below: 5) == 0 ? nil : Self.samples[random.next(below: Self.samples.count)]
                types[id] = type
                expected[id] = type
                #expect(types[id] == expected[id], "round \(round): id \(id)")
            }
            #expect(types.count == expected.count, "round \(round)")
            for id in -6...(span + 2) { #expect(types[id] == expected[id], "round \(round): id \(id)") }
            let entries = Dictionary(uniqueKeysWithValues: types.map { ($0.id, $0.type) })
            #expect(entries == expected, "round \(round)")
            #expect(types == NodeTypes(expected))
            let mapped = types.mapTypes { .list($0) }
            #expect(Dictionary(uniqueKeysWithValues: mapped.map { ($0.id, $0.type) }) == expected.mapValues { .list($0) })
            #expect(mapped.count == expected.count)
            if let (id, _) = expected.first {
                var other = types
                other[id] = .bytes
                #expect(other != types, "round \(round)")
            }
        }
    }

    @Test func aCheckTypesEveryNodeOfTheParsedTree() throws {
        let text = "schema.spec.ports.map(p, string(p) + '-' + schema.spec.name).exists(n, n.size() > 3)"
        let parsed = try #require(CELParser().parse(text).parsed)
        let result = Checker.check(parsed, in: CheckerFixtures.kroEnv)
        #expect(result.issues.isEmpty)
        var ids: [ExprID] = []
        func collect(_ e: Expr) { ids.append(e.id); e.children.forEach(collect) }
        collect(parsed.expr)
        for id in ids { #expect(result.types[id] != nil, "node \(id)") }
        #expect(result.types.count >= ids.count)
        #expect(result.types[parsed.expr.id] == .bool)
    }
}
