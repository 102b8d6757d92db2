import YAMLSyntax

/// One dependency: `from` reads `to`, first at `range`.
public struct DependencyEdge: Sendable, Hashable {
    public var from: String
    public var to: String
    public var range: TextRange
}

/// The resource dependency graph (rgd.md §9): nodes in declaration order, edges from
/// template/externalRef, forEach and includeWhen references, kro's topological order and
/// apply-order waves.
public struct DependencyGraph: Sendable {
    /// Node ids in declaration order.
    public let nodes: [String]
    /// Per node, its dependencies in discovery order (deduplicated).
    public private(set) var edges: [String: [DependencyEdge]]
    /// Strongly connected groups of two or more nodes, each in declaration order.
    public let cycles: [[String]]
    /// kro's `status.topologicalOrder`; nil when the graph has a cycle.
    public let topologicalOrder: [String]?
    /// Apply-order wave per node (`internal.kro.run/apply-order`); empty with a cycle.
    public let waves: [String: Int]

    public init(nodes: [String], edges: [String: [DependencyEdge]]) {
        self.nodes = nodes
        self.edges = edges
        let index = Dictionary(nodes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let deps: [String: [String]] = nodes.reduce(into: [:]) { acc, n in
            acc[n] = (edges[n] ?? []).map(\.to).filter { index[$0] != nil && $0 != n }
        }
        let sccs = Self.stronglyConnected(nodes: nodes, deps: deps)
        self.cycles = sccs.filter { $0.count > 1 }
            .map { $0.sorted { index[$0]! < index[$1]! } }
            .sorted { index[$0[0]]! < index[$1[0]]! }
        if cycles.isEmpty {
            let order = Self.kahn(nodes: nodes, deps: deps, index: index)
            topologicalOrder = order
            waves = Self.waves(nodes: nodes, deps: deps, order: order)
        } else {
            topologicalOrder = nil
            waves = [:]
        }
    }

    /// The graph with `edges` that have the same targets in the same order (their ranges
    /// moved): cycles, order and waves depend on the targets alone.
    func replacingEdges(_ edges: [String: [DependencyEdge]]) -> DependencyGraph {
        var graph = self
        graph.edges = edges
        return graph
    }

    public func dependencies(of id: String) -> [String] { (edges[id] ?? []).map(\.to) }

    /// A cycle through `start` following depends-on edges (`a -> b`: a depends on b),
    /// shortest first, as the list of nodes without repeating `start`.
    public func cyclePath(from start: String, within members: Set<String>) -> [String] {
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let n = queue[head]; head += 1
            for d in dependencies(of: n) where members.contains(d) {
                if d == start {
                    var path = [n]
                    var cur = n
                    while cur != start, let p = previous[cur] { path.append(p); cur = p }
                    return path.reversed()
                }
                if previous[d] == nil && d != start { previous[d] = n; queue.append(d) }
            }
        }
        return [start]
    }

    // MARK: algorithms

    /// Kahn's algorithm, ready nodes taken by declaration index (rgd.md §9.4; node ids are
    /// unique, so the index alone orders them). A min-heap keeps it O(n log n).
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
        order.reserveCapacity(nodes.count)
        while let i = ready.pop() {
            order.append(nodes[i])
            for m in dependents[i] {
                remaining[m] -= 1
                if remaining[m] == 0 { ready.push(m) }
            }
        }
        return order
    }

    /// Peel nodes nobody (remaining) depends on; the i-th peel of k gets wave k − i + 1.
    /// A node's peel is one more than the latest peel of its dependents, so one pass over
    /// the topological order, dependents first, finds every peel (the graph is acyclic).
    static func waves(nodes: [String], deps: [String: [String]], order: [String]) -> [String: Int] {
        var peel: [String: Int] = [:]
        for n in order.reversed() {
            let own = peel[n, default: 1]
            peel[n] = own
            for d in deps[n] ?? [] where d != n { peel[d] = max(peel[d] ?? 1, own + 1) }
        }
        let rounds = peel.values.max() ?? 0
        return peel.mapValues { rounds - $0 + 1 }
    }

    /// Tarjan's algorithm, iterative (no recursion limit on hostile input).
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
