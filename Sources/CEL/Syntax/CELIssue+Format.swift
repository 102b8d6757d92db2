extension CELIssue {
    /// cel-go's rendering of issues: `ERROR: <input>:LINE:COL: message`, the source line
    /// and a caret (line 1-based, column 1-based in code points).
    public static func format(_ issues: [CELIssue], source: String, description: String = "<input>") -> String {
        let bytes = Array(source.utf8)
        return issues.map { issue in
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
            let sourceLine = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
            let caret = String(repeating: ".", count: column - 1) + "^"
            return "ERROR: \(description):\(line):\(column): \(issue.message)\n | \(sourceLine)\n | \(caret)"
        }.joined(separator: "\n")
    }
}
