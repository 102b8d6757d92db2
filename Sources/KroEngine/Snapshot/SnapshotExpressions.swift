/// A snapshot's expressions — `analysis.expressions`, then `analysis.unterminatedExpressions`
/// — each paired with its check when read. A view over the analysis's per-resource chunks,
/// not a copy: a materialized array repeated every expression inline (about 300 bytes
/// each, 20 MB for an RGD of 65,000 expressions) for as long as the snapshot lived.
public struct SnapshotExpressions: RandomAccessCollection, Sendable {
    let terminated: ExpressionList
    let unterminated: ExpressionList
    let checks: ExpressionChecks

    init(_ analysis: RGDAnalysis) {
        terminated = analysis.expressions
        unterminated = analysis.unterminatedExpressions
        checks = analysis.checks
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { terminated.count + unterminated.count }

    public subscript(position: Int) -> SnapshotExpression {
        let expression = position < terminated.count ? terminated[position] : unterminated[position - terminated.count]
        return SnapshotExpression(index: position, expression: expression, check: checks[position])
    }

    /// Walks the chunks in order (reading by index looks up the chunk of each position).
    public struct Iterator: IteratorProtocol {
        let expressions: SnapshotExpressions
        var unterminatedPhase = false
        var chunk = 0, local = 0, index = 0

        public mutating func next() -> SnapshotExpression? {
            while true {
                let list = unterminatedPhase ? expressions.unterminated : expressions.terminated
                guard chunk < list.chunks.count else {
                    if unterminatedPhase { return nil }
                    (unterminatedPhase, chunk, local) = (true, 0, 0)
                    continue
                }
                let members = list.chunks[chunk]
                guard local < members.count else { (chunk, local) = (chunk + 1, 0); continue }
                let slot = unterminatedPhase ? expressions.terminated.chunks[chunk].count + local : local
                let checks = expressions.checks.chunks[chunk]
                defer { local += 1; index += 1 }
                return SnapshotExpression(index: index, expression: members[local],
                                          check: slot < checks.count ? checks[slot] : nil)
            }
        }
    }

    public func makeIterator() -> Iterator { Iterator(expressions: self) }

    /// Where each expression's scalar starts, by index (sorting by position reads no more).
    var scalarStarts: [Int] {
        var starts: [Int] = []
        starts.reserveCapacity(count)
        for list in [terminated, unterminated] {
            for chunk in list.chunks { starts += chunk.lazy.map(\.scalar.range.start) }
        }
        return starts
    }
}
