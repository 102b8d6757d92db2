import CEL
import YAMLSyntax

/// What sits at one byte offset of a snapshot, from the outside in: the YAML nodes, the
/// RGD, the expression and the CEL offset inside it, the CEL nodes down to the innermost,
/// its type, and the symbol occurrence (definition or use) there.
public struct SnapshotLookup: Sendable {
    public let offset: Int
    /// From the document root to the innermost node at the offset.
    public let yamlPath: [YAMLPathStep]
    /// The RGD of the document at the offset.
    public let rgd: RGDSnapshot?
    /// The expression whose scalar holds the offset.
    public let expression: SnapshotExpression?
    /// The offset in `expression.celText`, when the offset is inside a `${…}`.
    public let celOffset: Int?
    /// From the root of the expression's tree to the innermost node at `celOffset`.
    public let astPath: [Expr]
    /// The symbol definition or use at the offset.
    public let occurrence: SymbolOccurrence?

    init(snapshot: DocumentSnapshot, offset: Int) {
        self.offset = offset
        self.yamlPath = snapshot.document(at: offset)?.root?.path(to: offset) ?? []
        let rgd = snapshot.rgd(at: offset)
        self.rgd = rgd
        let expression = rgd?.expression(at: offset)
        let celOffset = expression?.celOffset(forFileOffset: offset)
        self.expression = expression
        self.celOffset = celOffset
        self.astPath = celOffset.map { expression?.path(toCELOffset: $0) ?? [] } ?? []
        self.occurrence = rgd?.symbols.occurrence(at: offset)
    }

    /// The innermost CEL node at the offset.
    public var node: Expr? { astPath.last }
    /// The innermost YAML node at the offset (the value, or the key when `isOnKey`).
    public var yamlNode: YAMLNode? { yamlPath.last.map { $0.isOnKey ? ($0.keyNode ?? $0.node) : $0.node } }
    /// The inferred type of the innermost CEL node.
    public var type: CELType? { node.flatMap { expression?.type(of: $0) } }
    /// The symbol at the offset.
    public var symbol: Symbol? { occurrence.flatMap { rgd?.symbols[$0.symbol] } }
    /// The YAML keys and indices from the root (`spec`, `resources`, `0`, `template`, …).
    public var yamlKeys: [YAMLPathStep.Key] { yamlPath.compactMap(\.key) }
}
