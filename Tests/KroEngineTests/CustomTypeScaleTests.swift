import KroTestSupport
import Testing
import YAMLSyntax
@testable import KroEngine

/// Custom types at scale: uses are inlined, so a chain of types or a type used twice by
/// the next (a type bomb) is stopped at `maxInlinedFields` with one KRO921 and no other
/// finding; order and cycles are found in time linear in the types (a ring of thousands
/// is reported with its text and related places capped).
@Suite struct CustomTypeScaleTests {
    static func chain(_ count: Int, usesPerType: Int = 1) -> String {
        var lines = ["types:"]
        for i in 0..<count {
            let fields = (0..<usesPerType).map { "f\($0): T\(i + 1)" }.joined(separator: ", ")
            lines.append("  T\(i): {\(fields)}")
        }
        lines.append("  T\(count): {leaf: string}")
        lines.append("spec:\n  top: T0\n  name: string")
        return lines.joined(separator: "\n")
    }

    @Test func aLongChainStopsAtTheInlineLimitOnce() throws {
        // The n-th type inlines n fields: 250 types inline ~31,000 together.
        let f = SchemaFixture(Self.chain(250))
        #expect(f.codes == ["KRO921"], "\(f.diagnostics)")
        let limit = SchemaBuildState.maxInlinedFields
        #expect(f.diagnostics.first?.message == "spec.schema.types has more than \(limit) fields (each use of a custom "
            + "type counted as the fields it inlines), over kro-lsp's limit; this one and the types built after it "
            + "(each after the types it uses, then by name) are not checked")
        // It points at a use of the next type in the chain; the spec, with a budget of its
        // own, keeps its plain field.
        #expect(f.diagnostics.first.map(f.text(of:))?.hasPrefix("T") == true)
        #expect(f.schema["properties"]?["name"] != nil)
        // Within the limit nothing is reported.
        #expect(SchemaFixture(Self.chain(150)).codes == [])
    }

    @Test func aTypeBombStopsAtTheInlineLimit() throws {
        // Each type uses the next twice: 2^40 fields once inlined.
        let f = SchemaFixture(Self.chain(40, usesPerType: 2))
        #expect(f.codes == ["KRO921"])
        // Ten levels (about 2,000 fields) are fine.
        #expect(SchemaFixture(Self.chain(10, usesPerType: 2)).codes == [])
    }

    @Test func aLongCycleIsReportedOnEachTypeWithItsTextCapped() throws {
        let count = 40
        let text = "types:\n" + (0..<count).map { "  T\($0): {next: T\(($0 + 1) % count)}" }.joined(separator: "\n")
        let f = SchemaFixture(text)
        let cycles = f.diagnostics.filter { $0.code == "KRO110" }
        #expect(cycles.count == count)
        let shown = (0..<16).map { "T\($0)" } + ["… 8 more"] + (24...39).map { "T\($0)" } + ["T0"]
        #expect(cycles.first?.message == "cyclic dependency in type T0: graph contains a cycle: " + shown.joined(separator: " -> "))
        #expect(cycles.allSatisfy { $0.related.count == AnalysisLimits.cycleMembersShown })
        #expect(cycles.first.map(f.text(of:)) == "T1")
        // All point at the cycle's first edges, from T0 on (one list, not one per type).
        #expect(cycles.allSatisfy { $0.related == cycles[0].related })
        #expect(cycles[0].related.prefix(2).map(\.message) == ["T0 uses T1", "T1 uses T2"])
        #expect(cycles[0].related.last?.message == "T31 uses T32")
        #expect(cycles[0].related.map { f.text(of: $0.range) } == (1...32).map { "T\($0)" })
    }

    /// The order types are built in and the cycles found are those of the plain
    /// definitions they replace (quadratic and worse), on random graphs with cycles.
    @Test func orderAndCyclesMatchThePlainDefinitions() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let count = Int(generator.next() % 9) + 1
            let names = (0..<count).map { i in ["b", "a", "c", "aa", "B", "é", "z", "ab", "T"][i] }
            var edges: [String: Set<String>] = [:]
            for name in names {
                edges[name] = Set(names.filter { _ in generator.next() % 4 == 0 })
            }
            #expect(SchemaBuildState.dependencyOrder(edges: edges, names: names) == Self.plainOrder(edges: edges, names: names))
            #expect(SchemaBuildState.cycles(edges: edges, names: names.sorted()) == Self.plainCycles(edges: edges, names: names.sorted()))
        }
    }

    /// Repeatedly the smallest ready type (its other dependencies placed), else the smallest left.
    static func plainOrder(edges: [String: Set<String>], names: [String]) -> [String] {
        let precedes = { (a: String, b: String) in Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }
        var remaining = Set(names)
        var order: [String] = []
        while !remaining.isEmpty {
            let ready = remaining.filter { n in (edges[n] ?? []).allSatisfy { $0 == n || !remaining.contains($0) } }
            guard let next = (ready.isEmpty ? remaining : ready).min(by: precedes) else { break }
            order.append(next)
            remaining.remove(next)
        }
        return order
    }

    /// For each name in order not yet in a cycle: a depth-first path back to it.
    static func plainCycles(edges: [String: Set<String>], names: [String]) -> [[String]] {
        var result: [[String]] = []
        var assigned: Set<String> = []
        for start in names where !assigned.contains(start) {
            var stack: [(node: String, path: [String])] = [(start, [start])]
            var seen: Set<String> = []
            var found: [String]?
            while let (node, path) = stack.popLast(), found == nil {
                for next in (edges[node] ?? []).sorted().reversed() where next != node {
                    if next == start { found = path; break }
                    if !seen.contains(next) && !assigned.contains(next) {
                        seen.insert(next)
                        stack.append((next, path + [next]))
                    }
                }
            }
            if let cycle = found, cycle.count > 1 {
                result.append(cycle)
                assigned.formUnion(cycle)
            }
        }
        return result
    }
}
