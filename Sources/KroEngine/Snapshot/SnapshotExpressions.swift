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
