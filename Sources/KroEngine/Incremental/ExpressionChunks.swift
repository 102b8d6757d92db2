/// Every expression of an RGD, kept as the per-resource lists the analysis made (then the
/// status's): an edit that re-analyses one resource builds a new list of chunks that
/// shares the others, instead of copying every expression. Indexed like one array.
public struct ExpressionList: RandomAccessCollection, Sendable {
    let chunks: [[RGDExpression]]
    /// `starts[c]`: the index of chunk `c`'s first expression; `starts.last` is the count.
    let starts: [Int]

    init(_ chunks: [[RGDExpression]]) {
        var starts = [0]
        starts.reserveCapacity(chunks.count + 1)
        for chunk in chunks { starts.append(starts[starts.count - 1] + chunk.count) }
        self.chunks = chunks
        self.starts = starts
    }

    public init(_ expressions: [RGDExpression] = []) { self.init([expressions]) }

    /// No expression (one empty chunk), its arrays allocated once and shared.
    static let empty = ExpressionList()

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts[starts.count - 1] }

    public subscript(position: Int) -> RGDExpression {
        let c = ExpressionList.chunk(holding: position, starts: starts)
        return chunks[c][position - starts[c]]
    }

    /// The chunk whose range of indices holds `position` (empty chunks are skipped).
    static func chunk(holding position: Int, starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= position { lo = mid } else { hi = mid }
        }
        return lo
    }

    public struct Iterator: IteratorProtocol {
        let chunks: [[RGDExpression]]
        var chunk = 0, index = 0
        public mutating func next() -> RGDExpression? {
            while chunk < chunks.count {
                if index < chunks[chunk].count { index += 1; return chunks[chunk][index - 1] }
                chunk += 1
                index = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(chunks: chunks) }
}

/// What the checker computed for each expression, by index into `expressions` followed by
/// `unterminatedExpressions` (as `RGDAnalysis` numbers them), kept per chunk like them.
public struct ExpressionChecks: Sendable {
    /// Per chunk: its checks by local index (expressions, then unterminated ones).
    let chunks: [[ExpressionCheck?]]
    let expressions: ExpressionList
    let unterminated: ExpressionList

    init(chunks: [[ExpressionCheck?]], expressions: ExpressionList, unterminated: ExpressionList) {
        precondition(chunks.count == expressions.chunks.count && chunks.count == unterminated.chunks.count)
        self.chunks = chunks
        self.expressions = expressions
        self.unterminated = unterminated
    }

    /// The checks of `ExpressionList.empty` (twice), shared.
    static let empty = ExpressionChecks(chunks: [[]], expressions: .empty, unterminated: .empty)

    public subscript(index: Int) -> ExpressionCheck? {
        guard index >= 0 else { return nil }
        if index < expressions.count {
            let c = ExpressionList.chunk(holding: index, starts: expressions.starts)
            return Self.check(chunks[c], index - expressions.starts[c])
        }
        let u = index - expressions.count
        guard u < unterminated.count else { return nil }
        let c = ExpressionList.chunk(holding: u, starts: unterminated.starts)
        return Self.check(chunks[c], expressions.chunks[c].count + u - unterminated.starts[c])
    }

    /// A chunk's slot `local`: nil past its end (its last expressions had no tree).
    private static func check(_ chunk: [ExpressionCheck?], _ local: Int) -> ExpressionCheck? {
        local < chunk.count ? chunk[local] : nil
    }

    /// How many expressions have a check.
    public var count: Int { chunks.reduce(0) { total, chunk in chunk.reduce(total) { $1 == nil ? $0 : $0 + 1 } } }
}
