import CEL
import KroEngine
import YAMLSyntax

/// A label shown in the text at `offset` (after the thing it describes).
public struct InlayHint: Sendable, Hashable {
    public var offset: Int
    /// `: list(string)`.
    public var label: String
    public var kind: Kind = .type
    public var tooltip: String?

    /// LSP's `InlayHintKind`: a type, or a parameter-like `name: value`.
    public enum Kind: Sendable, Hashable { case type, parameter }
}

/// The inferred CEL type after each standalone `${…}` whose value replaces a field (templates,
/// externalRef, status, forEach), so an author sees what lands there. Kept quiet: nothing
/// for conditions (always bool), string templates (always string), literals, or where the
/// checker knows no type (`dyn`, errors, expressions still being typed). In an instance of
/// one of `openRGDs` or the file's own RGDs: the defaults of omitted `spec` fields.
public enum InlayHints {
    public static func hints(_ snapshot: DocumentSnapshot, in range: TextRange, openRGDs: [RGDAnalysis] = []) -> [InlayHint] {
        var out = InstanceDefaults.hints(snapshot, in: range, rgds: openRGDs + snapshot.rgds.map(\.analysis))
        for rgd in snapshot.rgds {
            for e in rgd.expressions where e.expression.form == .standalone && !e.isPartial {
                guard showsType(e.kind), let root = e.parsed?.expr, let type = e.type else { continue }
                if case .literal = root.kind { continue }
                switch type {
                case .dyn, .error: continue
                default: break
                }
                let offset = place(e, in: snapshot.source)
                guard range.touches(offset) else { continue }
                out.append(InlayHint(offset: offset, label: ": " + TypeDisplay.text(type)))
            }
        }
        return out.sorted { $0.offset < $1.offset }
    }

    private static func showsType(_ kind: ExpressionKind) -> Bool {
        switch kind {
        case .template, .externalRef, .status, .forEach: true
        case .includeWhen, .readyWhen, .condition: false
        }
    }

    /// After the closing `}`, or after the scalar's closing quote when that follows it.
    private static func place(_ e: SnapshotExpression, in source: SourceText) -> Int {
        let end = e.expression.matchRanges.last?.end ?? e.expression.scalar.range.end
        let scalarEnd = FoldingRanges.trimmedEnd(e.expression.scalar.range, in: source)
        return scalarEnd - end == 1 ? scalarEnd : end
    }
}
