import YAMLSyntax

/// KRO001 in the author's terms: anchored where the author must act (the `{`, `[` or
/// quote that was never closed, the line whose indentation broke) with a hint for the
/// usual causes (a tab, an unquoted `${a ? b : c}`, an over-indented line). libyaml's own
/// words follow the hint so the message can still be searched for.
enum YAMLErrorHints {
    static func diagnostic(for error: YAMLError, in source: SourceText) -> Diagnostic {
        let message = error.message
        var range = error.range
        var related: [RelatedLocation] = []
        var hint: String?
        let problemLine = source.line(containing: error.range.start)

        if let context = error.contextRange, let opener = unclosedOpener(message) {
            // The problem is reported where libyaml gave up; the fix is at the opener.
            hint = "this \(opener) is never closed"
            range = context
            related.append(RelatedLocation(range: error.range, message: "still open here"))
        } else if message.hasPrefix("found character that cannot start any token"),
                  source.string(in: TextRange(start: error.range.start, end: error.range.start + 1)) == "\t" {
            hint = "a tab: YAML indents with spaces only"
        } else if message.hasPrefix("mapping values are not allowed") {
            let lineRange = source.lineRange(problemLine)
            let line = source.string(in: lineRange)
            let before = source.string(in: TextRange(start: lineRange.start, end: error.range.start))
            let previous = previousContentLine(before: problemLine, in: source)
            let previousHasValue = !previous.trimmingTrailingSpaces.hasSuffix(":") && previous.contains(": ")
            if line.contains("${") {
                hint = "an unquoted ${…} containing \": \" is read as a mapping; quote the whole value (\"${…}\")"
            } else if before.contains(": ") {
                hint = "a plain value cannot contain \": \"; quote the value"
            } else if previousHasValue, indentation(of: line) > indentation(of: previous) {
                hint = "this line is indented deeper than the line above, so it continues that value; check its indentation"
            }
        } else if message.contains("did not find expected key") || message.contains("did not find expected '-' indicator") {
            hint = "this line's indentation does not line up with the entries above it"
            let lineRange = source.lineRange(problemLine)
            let text = source.string(in: lineRange)
            let indent = indentation(of: text)
            if indent < text.utf8.count {
                range = TextRange(start: lineRange.start + indent, end: lineRange.end)
            }
            if let context = error.contextRange {
                related.append(RelatedLocation(range: context, message: "the block this line should belong to starts here"))
            }
        }
        let text = hint.map { "\($0) (\(message))" } ?? message
        return Diagnostic(code: "KRO001", severity: .error, message: text, range: range, related: related)
    }

    /// `{`/`[`/quote when the message is about a flow collection or quoted scalar left open.
    private static func unclosedOpener(_ message: String) -> String? {
        if message.contains("while parsing a flow mapping") { return "'{'" }
        if message.contains("while parsing a flow sequence") { return "'['" }
        if message.contains("while scanning a quoted scalar") { return "quote" }
        return nil
    }

    private static func indentation(of line: String) -> Int {
        line.utf8.prefix { $0 == UInt8(ascii: " ") }.count
    }

    private static func previousContentLine(before line: Int, in source: SourceText) -> String {
        var l = line - 1
        while l >= 0 {
            let text = source.string(in: source.lineRange(l))
            if text.contains(where: { !$0.isWhitespace }) { return text }
            l -= 1
        }
        return ""
    }
}

private extension String {
    var trimmingTrailingSpaces: Substring {
        var s = Substring(self)
        while s.last == " " || s.last == "\t" || s.last == "\r" { s = s.dropLast() }
        return s
    }
}
