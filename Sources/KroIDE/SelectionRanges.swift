import CEL
import KroEngine
import YAMLSyntax

/// Expand-selection steps at an offset, innermost first, each strictly holding the one
/// before: the CEL name and nodes (innermost to whole expression), the `${…}` inner text and
/// the `${…}` itself, the YAML scalar (text, then with quotes), its mapping entry (key and value), the enclosing
/// mapping or item, … up to the document's root node.
public enum SelectionRanges {
    public static func ranges(_ snapshot: DocumentSnapshot, at offset: Int) -> [TextRange] {
        let at = snapshot.lookup(at: offset)
        var candidates: [TextRange] = []
        if let e = at.expression, let cel = at.celOffset {
            if let node = at.node, let name = node.nameSpan, name.start <= cel, cel <= name.end {
                candidates.append(e.fileRange(name))
            }
            candidates += at.astPath.filter { e.isWritten($0.span) }.map { e.fileRange(of: $0) }
            let scalar = e.expression.scalar
            for match in e.expression.matches {
                let whole = scalar.sourceMap.sourceRange(forValueRange: match.start..<match.end)
                guard whole.touches(offset) else { continue }
                let closed = !e.expression.isUnterminated
                candidates.append(scalar.sourceMap.sourceRange(forValueRange: match.innerStart..<(closed ? match.innerEnd : match.end)))
                candidates.append(whole)
            }
        }
        for step in at.yamlPath.reversed() {
            if step.isOnKey, let key = step.keyNode { candidates.append(key.range) }
            candidates.append(step.node.range)
            if case .scalar(let scalar) = step.node {
                // A quoted scalar's text without its quotes.
                candidates.append(scalar.sourceMap.sourceRange(forValueRange: 0..<scalar.value.utf8.count))
            }
            if let key = step.keyNode { candidates.append(TextRange(start: key.range.start, end: step.node.range.end)) }
        }
        // All hold the offset: by size, each step keeps only what holds the step before.
        var out: [TextRange] = []
        for candidate in candidates.enumerated().sorted(by: { ($0.element.length, $0.offset) < ($1.element.length, $1.offset) }).map(\.element) {
            let r = TextRange(start: candidate.start, end: max(candidate.start, FoldingRanges.trimmedEnd(candidate, in: snapshot.source)))
            guard r.touches(offset) else { continue }
            if let last = out.last {
                guard r.start <= last.start, r.end >= last.end, r != last else { continue }
            }
            out.append(r)
        }
        return out
    }
}
