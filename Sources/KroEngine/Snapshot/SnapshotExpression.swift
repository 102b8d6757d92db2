import CEL
import YAMLSyntax

/// One expression of a snapshot with what the checker computed for it: the CEL tree, the
/// type of every node, what each identifier and call resolved to, and the maps between
/// file offsets and CEL offsets.
public struct SnapshotExpression: Sendable {
    /// Index into `RGDSnapshot.expressions` (and `RGDAnalysis.expressions`).
    public let index: Int
    public let expression: RGDExpression
    /// nil when the expression did not parse.
    public let check: ExpressionCheck?

    /// The parsed (macro-expanded) tree; for text that does not parse (yet), the partial
    /// tree of tolerant parsing, with `Expr.isMissing` stand-ins.
    public var parsed: ParsedExpr? { expression.parsed ?? expression.partial }
    /// True when `parsed` is a partial tree (the text has syntax errors or is unterminated).
    public var isPartial: Bool { expression.parsed == nil }
    public var celText: String { expression.celText }
    public var kind: ExpressionKind { expression.kind }

    /// The CEL offset of a file offset inside one of this expression's `${…}` (see
    /// `CELTextMap.celOffset(forFileOffset:)`).
    public func celOffset(forFileOffset offset: Int) -> Int? {
        expression.textMap.celOffset(forFileOffset: offset)
    }

    /// The file range of a CEL span.
    public func fileRange(_ span: SourceSpan) -> TextRange { expression.fileRange(span) }

    /// The file range of a node (its whole span).
    public func fileRange(of node: Expr) -> TextRange { expression.fileRange(node.span) }

    /// The nodes from the root to the innermost one at a CEL offset.
    public func path(toCELOffset offset: Int) -> [Expr] { parsed?.expr.path(to: offset) ?? [] }

    /// The inferred type of a node (nil when unchecked; `.error` where checking failed).
    public func type(of node: Expr) -> CELType? { check?.result.types[node.id] }

    /// What an identifier, a qualified-name selection or a call resolved to.
    public func reference(of node: Expr) -> Reference? { check?.result.references[node.id] }

    /// The type of the whole expression, when it checked without issues.
    public var type: CELType? { check?.result.type }

    /// The environment the expression is checked in (its variables and object types).
    public var environment: CELEnvironment? { check?.environment }
}
