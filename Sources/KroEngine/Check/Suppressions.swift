#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import YAMLSyntax

/// Inline suppressions written as YAML comments:
/// `# kro-lsp: ignore KRO334[, KRO…]` at the end of a finding's line or alone on the line
/// above it; `# kro-lsp: ignore-file KRO905` before a document's content (the whole
/// document). A code that suppressed nothing is reported (KRO919, a warning).
public enum Suppressions {
    public static let unusedCode = "KRO919"
    /// The comment that suppresses findings on its line or the next (`# kro-lsp: ignore KRO334`).
    public static let marker = "# kro-lsp: ignore"

    struct Directive {
        enum Scope { case line(Int), document(TextRange) }
        var scope: Scope
        /// Each code with the range it is written at.
        var codes: [(code: String, range: TextRange)]
    }

    /// `diagnostics` without the suppressed ones, with KRO919 for each code that
    /// suppressed nothing: the first `maxFindings` of them by position, then KRO921.
    /// Where a limit cut the findings short (KRO921), the suppressions from there on are not
    /// called unused: the findings they would suppress were not looked for.
    public static func apply(_ diagnostics: [Diagnostic], yaml: YAMLFile,
                             maxFindings: Int = AnalysisLimits().maxFindings) -> [Diagnostic] {
        let directives = self.directives(in: yaml)
        guard !directives.isEmpty else { return diagnostics }
        // By line, so that a finding looks at its line's directives and the few whole-document
        // ones, not at every directive of the file.
        var byLine: [Int: [Int]] = [:]
        var wholeDocument: [Int] = []
        for (index, directive) in directives.enumerated() {
            switch directive.scope {
            case .line(let l): byLine[l, default: []].append(index)
            case .document: wholeDocument.append(index)
            }
        }
        var used = Set<TextRange>()
        let source = yaml.source
        let kept = diagnostics.filter { diagnostic in
            let line = source.line(containing: diagnostic.range.start)
            let onLine = byLine[line] ?? []
            // In the order they are written, as one list.
            let candidates = wholeDocument.isEmpty ? onLine : (onLine + wholeDocument).sorted()
            for index in candidates {
                let directive = directives[index]
                if case .document(let range) = directive.scope, !range.touches(diagnostic.range.start) { continue }
                guard let hit = directive.codes.first(where: { $0.code == diagnostic.code }) else { continue }
                used.insert(hit.range)
                return false
            }
            return true
        }
        let cut = diagnostics.lazy.filter { $0.code == AnalysisLimits.code }.map(\.range.start).min() ?? Int.max
        var unused = directives.flatMap { directive in
            directive.codes.filter { !used.contains($0.range) && $0.range.start < cut }.map { code in
                let place = switch directive.scope {
                case .line(let l): "on line \(l + 1)"
                case .document: "in this document"
                }
                return Diagnostic(code: unusedCode, severity: .warning,
                                  message: "unused suppression: no \(code.code) finding \(place)", range: code.range)
            }
        }
        let over = "more than \(maxFindings) unused suppressions, over kro-lsp's limit of \(maxFindings) findings"
        if let notice = AnalysisLimits.cut(&unused, to: maxFindings, over: over) { unused.append(notice) }
        return (kept + unused).sorted { ($0.range.start, $0.range.end, $0.code) < ($1.range.start, $1.range.end, $1.code) }
    }

    /// The `kro-lsp:` comments of the file. A comment is a `#` at a line start or after
    /// a space or tab that lies outside every scalar (so a `#` in a block scalar or a
    /// quoted string is text, not a comment).
    static func directives(in yaml: YAMLFile) -> [Directive] {
        let source = yaml.source
        let bytes = source.bytes
        guard mayHoldDirective(bytes) else { return [] }
        var scalars: [TextRange] = []
        for document in yaml.documents { if let root = document.root { collectScalars(root, source: source, into: &scalars) } }
        scalars.sort()
        var directives: [Directive] = []
        var scalarIndex = 0
        var i = 0
        while i < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "#") else { continue }
            while scalarIndex < scalars.count && scalars[scalarIndex].end <= i { scalarIndex += 1 }
            if scalarIndex < scalars.count && scalars[scalarIndex].start <= i { continue }
            guard i == 0 || [UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0A, 0x0D].contains(bytes[i - 1]) else { continue }
            let line = source.line(containing: i)
            let end = source.lineRange(line).end
            if let directive = parse(TextRange(start: i + 1, end: end), line: line, yaml: yaml) { directives.append(directive) }
            i = end
        }
        return directives
    }

    private static func parse(_ comment: TextRange, line: Int, yaml: YAMLFile) -> Directive? {
        let source = yaml.source
        var p = comment.start
        func skipSpaces() { while p < comment.end, source.bytes[p] == UInt8(ascii: " ") || source.bytes[p] == UInt8(ascii: "\t") { p += 1 } }
        func word(_ text: String) -> Bool {
            let w = Array(text.utf8)
            guard p + w.count <= comment.end, Array(source.bytes[p..<p + w.count]) == w else { return false }
            p += w.count
            return true
        }
        skipSpaces()
        guard word("kro-lsp:") else { return nil }
        skipSpaces()
        let fileWide: Bool
        if word("ignore-file") { fileWide = true } else if word("ignore") { fileWide = false } else { return nil }
        var codes: [(String, TextRange)] = []
        while true {
            while p < comment.end, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ",")].contains(source.bytes[p]) { p += 1 }
            let start = p
            while p < comment.end, source.bytes[p].isCodeCharacter { p += 1 }
            guard p > start else { break }
            let code = source.string(in: TextRange(start: start, end: p)).uppercased()
            guard code.hasPrefix("KRO") else { break }
            codes.append((code, TextRange(start: start, end: p)))
        }
        guard !codes.isEmpty else { return nil }
        if fileWide {
            guard let document = yaml.documents.first(where: { $0.range.touches(comment.start) }) ?? yaml.documents.last else { return nil }
            return Directive(scope: .document(document.range), codes: codes)
        }
        // Alone on its line: it governs the next line that holds something else than a comment.
        let lineStart = source.lineStarts[line]
        let before = source.bytes[lineStart..<(comment.start - 1)]
        if before.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
            var target = line + 1
            while target < source.lineCount, isBlankOrComment(source.string(in: source.lineRange(target))) { target += 1 }
            return Directive(scope: .line(target), codes: codes)
        }
        return Directive(scope: .line(line), codes: codes)
    }

    /// Whether some `#` is followed by `kro-lsp:` (spaces between): most files have no
    /// directive, and then their scalars need not be collected on every edit.
    static func mayHoldDirective(_ bytes: [UInt8]) -> Bool {
        let word = Array("kro-lsp:".utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var i = 0
            while i < buffer.count, let hit = memchr(base + i, Int32(UInt8(ascii: "#")), buffer.count - i) {
                var p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                while p < buffer.count, buffer[p] == UInt8(ascii: " ") || buffer[p] == UInt8(ascii: "\t") { p += 1 }
                if p + word.count <= buffer.count, buffer[p..<p + word.count].elementsEqual(word) { return true }
                i = p
            }
            return false
        }
    }

    private static func isBlankOrComment(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.isEmpty || trimmed.hasPrefix("#")
    }

    /// An item the parser dropped (an RGD over the resource limit) is parsed again when its
    /// text may hold a directive: a `#` in its scalars is text.
    private static func collectScalars(_ node: YAMLNode, source: SourceText, into ranges: inout [TextRange]) {
        switch node {
        case .scalar(let s): ranges.append(s.range)
        case .mapping(let m) where m.isDroppedItem:
            let range = m.range
            if mayHoldDirective(Array(source.bytes[range.start..<range.end])),
               let tree = YAMLParser.droppedItemTree(m, in: source) {
                collectScalars(tree, source: source, into: &ranges)
            }
        case .mapping(let m):
            for entry in m.entries {
                collectScalars(entry.key, source: source, into: &ranges)
                collectScalars(entry.value, source: source, into: &ranges)
            }
        case .sequence(let s): for item in s.items { collectScalars(item, source: source, into: &ranges) }
        case .alias: break
        }
    }
}

private extension UInt8 {
    var isCodeCharacter: Bool {
        (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z")) || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9"))
    }
}
