import Testing
@testable import KroEngine

/// The graph algorithms against plain reference versions on seeded random DAGs: the
/// fast ones must give kro's order and waves exactly.
@Suite struct DependencyGraphScaleTests {
    /// Deterministic pseudo-random numbers (SplitMix64).
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// Kahn by scanning the ready list for the lowest declaration index (the definition).
    static func referenceOrder(_ nodes: [String], _ deps: [String: [String]]) -> [String] {
        var remaining = Dictionary(uniqueKeysWithValues: nodes.map { ($0, Set(deps[$0] ?? [])) })
        var order: [String] = []
        while let next = nodes.first(where: { remaining[$0]?.isEmpty == true }) {
            order.append(next)
            remaining[next] = nil
            for n in remaining.keys { remaining[n]?.remove(next) }
        }
        return order
    }

    /// Peel rounds by definition: nodes no remaining node depends on.
    static func referenceWaves(_ nodes: [String], _ deps: [String: [String]]) -> [String: Int] {
        var alive = Set(nodes)
        var rounds: [[String]] = []
        while !alive.isEmpty {
            let depended = Set(alive.flatMap { deps[$0] ?? [] })
            let peel = nodes.filter { alive.contains($0) && !depended.contains($0) }
            rounds.append(peel)
            alive.subtract(peel)
        }
        var result: [String: Int] = [:]
        for (i, round) in rounds.enumerated() { for n in round { result[n] = rounds.count - i } }
        return result
    }

    @Test(arguments: 0..<40) func fastOrderAndWavesMatchTheDefinitions(seed: Int) {
        var random = Seeded(state: UInt64(seed))
        let count = 1 + random.next(40)
        // Edges only to higher ranks of a random permutation: acyclic by construction.
        var rank = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { rank.swapAt(i, random.next(i + 1)) }
        let nodes = (0..<count).map { "n\($0)" }
        var edges: [String: [DependencyEdge]] = [:]
        var deps: [String: [String]] = [:]
        for a in 0..<count {
            for b in 0..<count where rank[b] > rank[a] && random.next(4) == 0 {
                edges[nodes[a], default: []].append(DependencyEdge(from: nodes[a], to: nodes[b], range: .init(start: 0, end: 0)))
                deps[nodes[a], default: []].append(nodes[b])
            }
        }
        let graph = DependencyGraph(nodes: nodes, edges: edges)
        #expect(graph.cycles.isEmpty)
        #expect(graph.topologicalOrder == Self.referenceOrder(nodes, deps))
        #expect(graph.waves == Self.referenceWaves(nodes, deps))
    }
}
