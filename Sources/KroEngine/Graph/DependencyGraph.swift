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
        // The algorithms run on declaration indices (a node's first position): hashing
        // each id once here instead of at every step was most of the graph's cost.
        var index: [String: Int] = [:]
        index.reserveCapacity(nodes.count)
        for (i, n) in nodes.enumerated() where index[n] == nil { index[n] = i }
        let first = nodes.map { index[$0]! }
        var deps = [[Int]](repeating: [], count: nodes.count)
        for (i, n) in nodes.enumerated() where first[i] == i {
            guard let out = edges[n], !out.isEmpty else { continue }
            deps[i] = out.compactMap { e in index[e.to].flatMap { $0 == i ? nil : $0 } }
        }
        let sccs = Self.stronglyConnected(first: first, deps: deps)
        self.cycles = sccs.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
            .map { $0.map { nodes[$0] } }
        if cycles.isEmpty {
            let order = Self.kahn(first: first, deps: deps)
            topologicalOrder = order.map { nodes[$0] }
            waves = Self.waves(nodes: nodes, first: first, deps: deps, order: order)
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

    /// Per node, the nodes that read it, in declaration order: one pass over the edges,
    /// for a caller that asks about every node (a search per node was quadratic).
    public func dependentsByNode() -> [String: [String]] {
        var result: [String: [String]] = [:]
        for node in nodes {
            var targets: Set<String> = []
            for edge in edges[node] ?? [] where targets.insert(edge.to).inserted {
                result[edge.to, default: []].append(node)
            }
        }
        return result
    }

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
    // Nodes are positions in `nodes`; `first[i]` is the position where node i's id first
    // appears (ids are unique in an RGD's graph, so `first[i] == i` there); `deps[i]`
    // holds the first positions of i's dependencies (set at first positions only).

    /// Kahn's algorithm, ready nodes taken by declaration index (rgd.md §9.4; node ids are
    /// unique, so the index alone orders them). A min-heap keeps it O(n log n).
    static func kahn(first: [Int], deps: [[Int]]) -> [Int] {
        let count = first.count
        var remaining = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        var seen = [Int](repeating: -1, count: count)  // the last i counting each dependency
        for i in 0..<count {
            for d in deps[first[i]] where seen[d] != i {
                seen[d] = i
                remaining[i] += 1
                dependents[d].append(i)
            }
        }
        var ready = MinHeap((0..<count).filter { remaining[$0] == 0 })
        var order: [Int] = []
        order.reserveCapacity(count)
        while let i = ready.pop() {
            order.append(i)
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
    static func waves(nodes: [String], first: [Int], deps: [[Int]], order: [Int]) -> [String: Int] {
        var peel = [Int](repeating: 0, count: first.count)  // 0: not reached
        for position in order.reversed() {
            let n = first[position]
            let own = max(peel[n], 1)
            peel[n] = own
            for d in deps[n] { peel[d] = max(peel[d], 1, own + 1) }
        }
        let rounds = peel.max() ?? 0
        var result: [String: Int] = [:]
        result.reserveCapacity(first.count)
        for (n, p) in peel.enumerated() where p > 0 { result[nodes[n]] = rounds - p + 1 }
        return result
    }

    /// Tarjan's algorithm, iterative (no recursion limit on hostile input).
    static func stronglyConnected(first: [Int], deps: [[Int]]) -> [[Int]] {
        let count = first.count
        var indexOf = [Int](repeating: -1, count: count), low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = [], result: [[Int]] = []
        var counter = 0
        for root in 0..<count where first[root] == root && indexOf[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            indexOf[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (n, i) = work.last {
                let ds = deps[n]
                if i < ds.count {
                    work[work.count - 1].next += 1
                    let d = ds[i]
                    if indexOf[d] < 0 {
                        indexOf[d] = counter; low[d] = counter; counter += 1
                        stack.append(d); onStack[d] = true
                        work.append((d, 0))
                    } else if onStack[d] {
                        low[n] = min(low[n], indexOf[d])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last { low[parent.node] = min(low[parent.node], low[n]) }
                if low[n] == indexOf[n] {
                    var scc: [Int] = []
                    while let top = stack.popLast() {
                        onStack[top] = false; scc.append(top)
                        if top == n { break }
                    }
                    result.append(scc)
                }
            }
        }
        return result
    }
}
