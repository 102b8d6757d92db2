import CEL
import YAMLSyntax

/// One RGD document of a snapshot: the analysis, its expressions with their checks, and
/// the symbol index. The expressions and the symbol index are built on first use (requests
/// read them; the diagnostics of an edit do not).
public struct RGDSnapshot: Sendable {
    public let analysis: RGDAnalysis
    /// The YAML document the RGD was read from (its `---` included).
    public let documentRange: TextRange
    private let index: LazyValue<Index>

    /// What requests look things up in.
    private struct Index: Sendable {
        let symbols: SymbolIndex
        /// Expression indices sorted by the start of their scalar, for lookups by offset.
        let byPosition: [Int]
        /// `byPosition`'s scalar starts, in its order.
        let sortedStarts: [Int]
    }

    public init(analysis: RGDAnalysis, documentRange: TextRange, source: SourceText) {
        self.analysis = analysis
        self.documentRange = documentRange
        index = LazyValue {
            let expressions = SnapshotExpressions(analysis)
            let symbols = SymbolIndexBuilder(analysis: analysis, expressions: expressions, source: source).build()
            let starts = expressions.scalarStarts
            let byPosition = starts.indices.sorted { starts[$0] < starts[$1] }
            return Index(symbols: symbols, byPosition: byPosition, sortedStarts: byPosition.map { starts[$0] })
        }
    }

    /// `analysis.expressions`, then `analysis.unterminatedExpressions`.
    public var expressions: SnapshotExpressions { SnapshotExpressions(analysis) }
    public var symbols: SymbolIndex { index.wrapped.symbols }

    public var rgd: ResourceGraphDefinition { analysis.rgd }
    public var graph: DependencyGraph { analysis.graph }
    public var instanceSchema: SimpleSchemaResult { analysis.instanceSchema }
    public var typeContext: KroTypeContext { analysis.typeContext }
    public var diagnostics: [Diagnostic] { analysis.diagnostics }

    /// The expression whose `${…}` holds `offset` (a cursor right before `}` counts; an
    /// unterminated `${…` being typed reaches the end of its value).
    public func expression(at offset: Int) -> SnapshotExpression? {
        var best: SnapshotExpression?
        for e in expressions(inScalarAt: offset) where e.celOffset(forFileOffset: offset) != nil {
            // A closed `${…}` wins over an unterminated one; of those, the last begun.
            guard let current = best else { best = e; continue }
            if current.expression.isUnterminated && !e.expression.isUnterminated { best = e }
            else if current.expression.isUnterminated && e.expression.matchRanges[0].start > current.expression.matchRanges[0].start { best = e }
        }
        return best
    }

    /// The expressions of the scalar holding `offset` (a cursor right after it counts).
    public func expressions(inScalarAt offset: Int) -> [SnapshotExpression] {
        // Expressions of one scalar share its start: find the last start ≤ offset.
        let (byPosition, starts) = (index.wrapped.byPosition, index.wrapped.sortedStarts)
        let expressions = self.expressions
        var lo = 0, hi = byPosition.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        var out: [SnapshotExpression] = []
        var i = lo - 1
        while i >= 0, case let e = expressions[byPosition[i]], e.expression.scalar.range.touches(offset) {
            out.append(e)
            i -= 1
        }
        return out.reversed()
    }

    /// The resource whose list item holds `offset`.
    public func resource(at offset: Int) -> RGDResource? {
        rgd.resources.first { $0.node.range.contains(offset) }
    }
}
