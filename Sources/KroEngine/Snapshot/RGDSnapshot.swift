import CEL
import YAMLSyntax

/// One RGD document of a snapshot: the analysis, its expressions with their checks, and
/// the symbol index.
public struct RGDSnapshot: Sendable {
    public let analysis: RGDAnalysis
    /// The YAML document the RGD was read from (its `---` included).
    public let documentRange: TextRange
    /// `analysis.expressions`, then `analysis.unterminatedExpressions`.
    public let expressions: [SnapshotExpression]
    public let symbols: SymbolIndex
    /// Expression indices sorted by the start of their scalar, for lookups by offset.
    private let byPosition: [Int]

    public init(analysis: RGDAnalysis, documentRange: TextRange, source: SourceText) {
        self.analysis = analysis
        self.documentRange = documentRange
        let expressions = (analysis.expressions + analysis.unterminatedExpressions).enumerated().map { i, e in
            SnapshotExpression(index: i, expression: e, check: analysis.checks[i])
        }
        self.expressions = expressions
        self.symbols = SymbolIndexBuilder(analysis: analysis, expressions: expressions, source: source).build()
        self.byPosition = expressions.indices.sorted {
            expressions[$0].expression.scalar.range.start < expressions[$1].expression.scalar.range.start
        }
    }

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
        var lo = 0, hi = byPosition.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if expressions[byPosition[mid]].expression.scalar.range.start <= offset { lo = mid + 1 } else { hi = mid }
        }
        var out: [SnapshotExpression] = []
        var i = lo - 1
        while i >= 0, expressions[byPosition[i]].expression.scalar.range.touches(offset) {
            out.append(expressions[byPosition[i]])
            i -= 1
        }
        return out.reversed()
    }

    /// The resource whose list item holds `offset`.
    public func resource(at offset: Int) -> RGDResource? {
        rgd.resources.first { $0.node.range.contains(offset) }
    }
}
