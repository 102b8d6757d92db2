import Testing
import YAMLSyntax
@testable import KroEngine

/// The graph runs its algorithms on declaration indices; these tests hold it to the
/// String-keyed version it replaced (kept here as the reference) on seeded random graphs
/// with cycles, self-edges, repeated edges, edges to unknown ids and repeated node ids.
@Suite struct DependencyGraphIndexTests {
    /// The String-keyed graph of before (same algorithms, ids hashed at every step).
    struct Reference {
        var cycles: [[String]]
        var topologicalOrder: [String]?
        var waves: [String: Int]

        init(nodes: [String], edges: [String: [DependencyEdge]]) {
            let index = Dictionary(nodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let deps: [String: [String]] = nodes.reduce(into: [:]) { acc, n in
                acc[n] = (edges[n] ?? []).map(\.to).filter { index[$0] != nil && $0 != n }
            }
            cycles = Self.stronglyConnected(nodes: nodes, deps: deps).filter { $0.count > 1 }
                .map { $0.sorted { index[$0]! < index[$1]! } }
                .sorted { index[$0[0]]! < index[$1[0]]! }
            if cycles.isEmpty {
                let order = Self.kahn(nodes: nodes, deps: deps, index: index)
                topologicalOrder = order
                waves = Self.waves(deps: deps, order: order)
            } else {
                topologicalOrder = nil
                waves = [:]
            }
        }

        static func kahn(nodes: [String], deps: [String: [String]], index: [String: Int]) -> [String] {
            var remaining = [Int](repeating: 0, count: nodes.count)
            var dependents = [[Int]](repeating: [], count: nodes.count)
            for (i, n) in nodes.enumerated() {
                let ds = Set((deps[n] ?? []).compactMap { index[$0] })
                remaining[i] = ds.count
                for d in ds { dependents[d].append(i) }
            }
            var ready = MinHeap(nodes.indices.filter { remaining[$0] == 0 })
            var order: [String] = []
            while let i = ready.pop() {
                order.append(nodes[i])
                for m in dependents[i] {
                    remaining[m] -= 1
                    if remaining[m] == 0 { ready.push(m) }
                }
            }
            return order
        }

        static func waves(deps: [String: [String]], order: [String]) -> [String: Int] {
            var peel: [String: Int] = [:]
            for n in order.reversed() {
                let own = peel[n, default: 1]
                peel[n] = own
                for d in deps[n] ?? [] where d != n { peel[d] = max(peel[d] ?? 1, own + 1) }
            }
            let rounds = peel.values.max() ?? 0
            return peel.mapValues { rounds - $0 + 1 }
        }

        static func stronglyConnected(nodes: [String], deps: [String: [String]]) -> [[String]] {
            var indexOf: [String: Int] = [:], low: [String: Int] = [:]
            var onStack: Set<String> = [], stack: [String] = [], result: [[String]] = []
            var counter = 0
            for root in nodes where indexOf[root] == nil {
                var work: [(node: String, next: Int)] = [(root, 0)]
                indexOf[root] = counter; low[root] = counter; counter += 1
                stack.append(root); onStack.insert(root)
                while let (n, i) = work.last {
                    let ds = deps[n] ?? []
                    if i < ds.count {
                        work[work.count - 1].next += 1
                        let d = ds[i]
                        if indexOf[d] == nil {
                            indexOf[d] = counter; low[d] = counter; counter += 1
                            stack.append(d); onStack.insert(d)
                            work.append((d, 0))
                        } else if onStack.contains(d) {
                            low[n] = min(low[n]!, indexOf[d]!)
                        }
                        continue
                    }
                    work.removeLast()
                    if let parent = work.last { low[parent.node] = min(low[parent.node]!, low[n]!) }
                    if low[n] == indexOf[n] {
                        var scc: [String] = []
                        while let top = stack.popLast() {
                            onStack.remove(top); scc.append(top)
                            if top == n { break }
                        }
                        result.append(scc)
                    }
                }
            }
            return result
        }
    }

    /// Random graphs: `acyclic` draws edges only towards higher ranks of a permutation
    /// (plus self-edges, which the graph ignores), otherwise anywhere.
    static func randomGraph(seed: Int, acyclic: Bool) -> (nodes: [String], edges: [String: [DependencyEdge]]) {
        var random = DependencyGraphScaleTests.Seeded(state: UInt64(seed) &* 7919 &+ (acyclic ? 1 : 2))
        let count = 1 + random.next(30)
        var rank = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { rank.swapAt(i, random.next(i + 1)) }
        let names = (0..<count).map { "n\($0)" }
        // Some ids repeat (a later resource with an id already taken).
        let nodes = names + (0..<random.next(3)).map { _ in names[random.next(count)] }
        var edges: [String: [DependencyEdge]] = [:]
        let density = 2 + random.next(6)
        for a in 0..<count {
            for b in 0..<count where random.next(density) == 0 {
                guard !acyclic || rank[b] > rank[a] || a == b else { continue }
                let edge = DependencyEdge(from: names[a], to: names[b], range: TextRange(start: a, end: b))
                edges[names[a], default: []].append(edge)
                if random.next(8) == 0 { edges[names[a], default: []].append(edge) }  // repeated
            }
            if random.next(5) == 0 {  // an id no node has
                edges[names[a], default: []].append(DependencyEdge(from: names[a], to: "gone\(a)", range: TextRange(start: 0, end: 0)))
            }
        }
        return (nodes, edges)
    }

    @Test(arguments: 0..<300) func indicesGiveTheStringKeyedResults(seed: Int) {
        for acyclic in [true, false] {
            let (nodes, edges) = Self.randomGraph(seed: seed, acyclic: acyclic)
            let graph = DependencyGraph(nodes: nodes, edges: edges)
            let reference = Reference(nodes: nodes, edges: edges)
            #expect(graph.cycles == reference.cycles, "seed \(seed) acyclic \(acyclic)")
            #expect(graph.topologicalOrder == reference.topologicalOrder, "seed \(seed) acyclic \(acyclic)")
            #expect(graph.waves == reference.waves, "seed \(seed) acyclic \(acyclic)")
            if acyclic { #expect(graph.cycles.isEmpty) }
        }
    }
}
