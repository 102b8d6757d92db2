import KroEngine
import YAMLSyntax

/// A foldable run of whole lines (0-based, inclusive).
public struct FoldingRange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case region, comment }
    public var startLine: Int
    public var endLine: Int
    public var kind: Kind
}

/// Folding by the YAML structure every document of the file has (so resources, schema
/// sections and templates fold, and so does a broken RGD's YAML): each mapping entry and
/// sequence item spanning lines, multi-line scalars (block-scalar templates and long
/// expressions), and runs of comment lines.
public enum FoldingRanges {
    public static func ranges(_ snapshot: DocumentSnapshot) -> [FoldingRange] {
        let source = snapshot.source
        var out: [FoldingRange] = []
        func add(_ range: TextRange, _ kind: FoldingRange.Kind = .region) {
            let end = trimmedEnd(range, in: source)
            guard end > range.start else { return }
            let first = source.line(containing: range.start), last = source.line(containing: end - 1)
            if last > first { out.append(FoldingRange(startLine: first, endLine: last, kind: kind)) }
        }
        for document in snapshot.yaml.documents {
            guard let root = document.root else { continue }
            var stack = [root]
            while let node = stack.popLast() {
                switch node {
                case .mapping(let m):
                    for entry in m.entries {
                        add(TextRange(start: entry.key.range.start, end: entry.value.range.end))
                        stack.append(entry.value)
                    }
                case .sequence(let s):
                    for item in s.items {
                        add(item.range)
                        stack.append(item)
                    }
                case .scalar, .alias:
                    break
                }
            }
        }
        out += commentRuns(source)
        return outermostPerStartLine(&out)
    }

    /// One fold per start line, in order: the outermost (an item and its first entry start
    /// together), a region before a comment of the same lines. Sorted and thinned in place:
    /// a large file has hundreds of thousands of folds, and a dictionary of them and a sorted
    /// copy were most of a request's peak.
    static func outermostPerStartLine(_ folds: inout [FoldingRange]) -> [FoldingRange] {
        folds.sort { a, b in
            if a.startLine != b.startLine { return a.startLine < b.startLine }
            if a.endLine != b.endLine { return a.endLine > b.endLine }
            return a.kind == .region && b.kind == .comment
        }
        var kept = 0
        for k in folds.indices where k == 0 || folds[k].startLine != folds[kept - 1].startLine {
            folds[kept] = folds[k]
            kept += 1
        }
        folds.removeSubrange(kept...)
        return folds
    }

    /// Two or more consecutive lines that hold only a comment.
    private static func commentRuns(_ source: SourceText) -> [FoldingRange] {
        var out: [FoldingRange] = []
        var runStart: Int?
        for line in 0...source.lineCount {
            let isComment = line < source.lineCount && {
                let r = source.lineRange(line)
                var i = r.start
                while i < r.end, source.bytes[i] == UInt8(ascii: " ") || source.bytes[i] == UInt8(ascii: "\t") { i += 1 }
                return i < r.end && source.bytes[i] == UInt8(ascii: "#")
            }()
            if isComment, runStart == nil { runStart = line }
            if !isComment, let start = runStart {
                if line - 1 > start { out.append(FoldingRange(startLine: start, endLine: line - 1, kind: .comment)) }
                runStart = nil
            }
        }
        return out
    }

    /// The end of a range without the line breaks and blanks a block scalar keeps.
    static func trimmedEnd(_ range: TextRange, in source: SourceText) -> Int {
        var end = min(range.end, source.count)
        while end > range.start, [0x20, 0x09, 0x0A, 0x0D].contains(source.bytes[end - 1]) { end -= 1 }
        return end
    }
}
