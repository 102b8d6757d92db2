import CEL
import KroEngine
import YAMLSyntax

/// Go to definition, find references and document highlight, from the snapshot's symbol
/// index (resource ids, schema fields, custom types, iterators), plus `${<id>.a.b}` → the
/// `a.b` key in `<id>`'s template when it is written there.
public enum Navigation {
    public static func definition(_ snapshot: DocumentSnapshot, at offset: Int) -> [TextRange] {
        let at = snapshot.lookup(at: offset)
        if let symbol = at.symbol, let definition = symbol.definition {
            return [definition]
        }
        if let rgd = at.rgd, let e = at.expression, let node = at.node, let range = templateField(node, in: e, rgd: rgd) {
            return [range]
        }
        return []
    }

    public static func references(_ snapshot: DocumentSnapshot, at offset: Int, includeDeclaration: Bool) -> [TextRange] {
        guard let symbol = snapshot.lookup(at: offset).symbol else { return [] }
        let uses = symbol.uses.map(\.range)
        return (includeDeclaration ? symbol.definition.map { [$0] } ?? [] : []) + uses
    }

    public struct Highlight: Sendable, Hashable {
        public var range: TextRange
        /// The definition (written), else a use (read).
        public var isDefinition: Bool
    }

    public static func highlights(_ snapshot: DocumentSnapshot, at offset: Int) -> [Highlight] {
        guard let symbol = snapshot.lookup(at: offset).symbol else { return [] }
        return (symbol.definition.map { [Highlight(range: $0, isDefinition: true)] } ?? [])
            + symbol.uses.map { Highlight(range: $0.range, isDefinition: false) }
    }

    /// The key in a resource's template that a selection `id.a.b` reads, when written.
    static func templateField(_ node: Expr, in e: SnapshotExpression, rgd: RGDSnapshot) -> TextRange? {
        var fields: [String] = []
        var current = node
        while case .select(let operand, let field, _) = current.kind {
            fields.insert(field, at: 0)
            current = operand
        }
        guard case .ident(let name) = current.kind, !fields.isEmpty,
              let resource = rgd.rgd.resource(withID: name), var yaml = resource.template else { return nil }
        var keyRange: TextRange?
        for field in fields {
            guard let entry = yaml.mapping?.entries.first(where: { $0.key.keyString == field }) else { return nil }
            keyRange = entry.key.range
            yaml = entry.value
        }
        return keyRange
    }
}
