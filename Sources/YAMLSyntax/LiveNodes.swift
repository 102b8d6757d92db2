import Synchronization

/// The nodes every job of one parallel parse has built so far, together. Each job knows
/// only the nodes of the documents counted before it (`YAMLLimits.nodesBuiltBefore`), so
/// without this the jobs running at once could each build up to the file's limit: a file
/// of eight 7 MB flow lists built 30 million nodes, 960 MB, to keep 8 million. A builder
/// adds its nodes here in batches and stops, *interrupted*, once the jobs together are
/// over the file's limit; the assembly then parses that part again, in order and exactly
/// (`NodeRoom`), and the jobs not started yet are not run.
final class LiveNodes: Sendable {
    /// Nodes a builder counts before it adds them here: the jobs together go over the limit
    /// by at most this much per job running.
    let batch: Int
    private let built = Atomic<Int>(0)

    init(batch: Int) { self.batch = max(1, batch) }

    /// Adds `count` nodes; true when the jobs together are then over `limit`.
    func add(_ count: Int, over limit: Int) -> Bool {
        built.add(count, ordering: .relaxed).newValue > limit
    }

    func isOver(_ limit: Int) -> Bool { total > limit }

    /// The nodes added so far.
    var total: Int { built.load(ordering: .relaxed) }
}

extension LiveNodes: Hashable {
    static func == (a: LiveNodes, b: LiveNodes) -> Bool { a === b }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
