import CEL
import YAMLSyntax

/// One RGD document of a snapshot: the analysis, its expressions with their checks, and
/// the symbol index.
public struct RGDSnapshot: Sendable {
    public let analysis: RGDAnalysis
    /// The YAML document the RGD was read from (its `---` included).
    public let documentRange: TextRange
    public let expressions: [SnapshotExpression]
    public let symbols: SymbolIndex
    /// Expression indices sorted by the start of their scalar, for lookups by offset.
    private let byPosition: [Int]

    public init(analysis: RGDAnalysis, documentRange: TextRange, source: SourceText) {
        self.analysis = analysis
        self.documentRange = documentRange
        let expressions = analysis.expressions.enumerated().map { i, e in
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

    /// The expression whose scalar holds `offset` (a cursor right after the scalar counts).
    public func expression(containingScalarOffset offset: Int) -> SnapshotExpression? {
        // The last scalar starting at or before the offset; scalars do not overlap.
        var lo = 0, hi = byPosition.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if expressions[byPosition[mid]].expression.scalar.range.start <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let candidate = expressions[byPosition[lo - 1]]
        return candidate.expression.scalar.range.touches(offset) ? candidate : nil
    }

    /// The resource whose list item holds `offset`.
    public func resource(at offset: Int) -> RGDResource? {
        rgd.resources.first { $0.node.range.contains(offset) }
    }
}
