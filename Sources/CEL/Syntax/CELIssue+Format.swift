extension CELIssue {
    /// cel-go's rendering of issues (`Errors.ToDisplayString`): sorted by position, each
    /// `ERROR: <input>:LINE:COL: message`, the source line and a caret (line 1-based,
    /// column 1-based in code points). Like cel-go, non-ASCII characters left of the
    /// caret are drawn as wide dots (U+FF0E) and a caret under one as U+FF3E, so the
    /// caret lines up in terminals that show those characters double-width.
    public static func format(_ issues: [CELIssue], source: String, description: String = "<input>") -> String {
        let bytes = Array(source.utf8)
        let ordered = issues.enumerated().sorted {
            ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset)
        }.map(\.element)
        return ordered.map { issue in
            let offset = max(0, min(issue.span.start, bytes.count))
            var lineStart = 0
            var line = 1
            for i in 0..<offset where bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let before = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
            let column = before.unicodeScalars.count + 1
            let sourceLine = String(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
                .map { $0 == "\t" ? " " : $0 })
            var caret = before.unicodeScalars.map { $0.isASCII ? "." : "\u{FF0E}" }.joined()
            let under = String(decoding: bytes[offset..<lineEnd], as: UTF8.self).unicodeScalars.first
            caret += (under.map { !$0.isASCII } ?? false) ? "\u{FF3E}" : "^"
            return "ERROR: \(description):\(line):\(column): \(issue.message)\n | \(sourceLine)\n | \(caret)"
        }.joined(separator: "\n")
    }
}
