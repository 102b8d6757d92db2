import YAMLSyntax

// Moving per-resource results by a byte delta: a cached resource whose list item moved
// (an edit before it changed the text's length) is reused with every file range shifted.
// CEL offsets (spans, checker results) are relative to the expression and never move.

extension Diagnostic {
    public func shifted(by delta: Int) -> Diagnostic {
        guard delta != 0 else { return self }
        var d = self
        d.range = range.shifted(by: delta)
        d.related = related.map { RelatedLocation(range: $0.range.shifted(by: delta), message: $0.message) }
        d.fixes = fixes.map { fix in
            DiagnosticFix(title: fix.title, edits: fix.edits.map { SourceEdit(range: $0.range.shifted(by: delta), newText: $0.newText) })
        }
        return d
    }
}

extension RGDExpression {
    func shifted(by delta: Int) -> RGDExpression {
        guard delta != 0 else { return self }
        var e = self
        e.scalar = scalar.shifted(by: delta)
        e.textMap.scalarMap = textMap.scalarMap.shifted(by: delta)
        return e
    }
}

extension DependencyEdge {
    func shifted(by delta: Int) -> DependencyEdge {
        DependencyEdge(from: from, to: to, range: range.shifted(by: delta))
    }
}
