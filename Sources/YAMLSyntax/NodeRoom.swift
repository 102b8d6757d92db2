/// The nodes a file builds, all its documents together (`YAMLLimits.maxNodes`): each
/// document is parsed with what the ones before it left, and once one stops at the limit
/// the documents after it are not read (each an empty document, without a tree).
struct NodeRoom {
    let limits: YAMLLimits
    private(set) var built = 0
    /// Whether a document stopped at the limit.
    private(set) var isSpent = false

    init(_ limits: YAMLLimits) { self.limits = limits }

    /// The limits to parse the next document with.
    var limitsForNext: YAMLLimits {
        var next = limits
        next.nodesBuiltBefore = built
        return next
    }

    /// Whether `documents`, parsed without the earlier ones' count, would go over it.
    func goesOver(_ documents: [YAMLDocument]) -> Bool {
        built + documents.reduce(0) { $0 + $1.nodeCount } > limits.maxNodes
    }

    mutating func record(_ documents: [YAMLDocument]) {
        built += documents.reduce(0) { $0 + $1.nodeCount }
        // The builder stops one node short of going over, with a limit error.
        isSpent = built >= limits.maxNodes && documents.contains { $0.errors.contains { $0.kind == .limit } }
    }

    /// A document not read.
    static func notRead(_ range: TextRange) -> YAMLDocument { YAMLDocument(root: nil, range: range) }
}
