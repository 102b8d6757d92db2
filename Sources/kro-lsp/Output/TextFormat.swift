/// `path:LINE:COL: severity[CODE]: message`, one line per finding. With `snippets`, each
/// finding is followed by its source line and a caret under the range (and its related
/// places as notes); with `color`, ANSI colours mark severities and carets.
struct TextFormat {
    var snippets: Bool
    var color: Bool

    /// Writes finding by finding: the text is handed to `out` as it is made.
    func write(_ report: CheckReport, to out: inout OutputStream) {
        report.forEachFinding { finding in
            out.write(headline(finding))
            out.write("\n")
            guard snippets else { return }
            out.write(snippet(finding.file, from: finding.diagnostic.range.start, to: finding.diagnostic.range.end,
                              tint: tint(finding.severityWord)))
            for related in finding.diagnostic.related {
                let p = finding.file.position(of: related.range.start)
                out.write(paint("  note", "1;36") + ": \(finding.path):\(p.line):\(p.column): \(related.message)\n")
                out.write(snippet(finding.file, from: related.range.start, to: related.range.end, tint: "36"))
            }
        }
    }

    private func headline(_ f: CheckFinding) -> String {
        let s = f.start
        guard color else { return f.textLine }
        return paint("\(f.path):\(s.line):\(s.column):", "1") + " "
            + paint("\(f.severityWord)[\(f.diagnostic.code)]", "1;" + tint(f.severityWord)) + ": " + f.diagnostic.message
    }

    /// The start line, and carets under the part of the range on that line (at least one).
    private func snippet(_ file: CheckedFile, from start: Int, to end: Int, tint: String) -> String {
        let s = file.position(of: start)
        let lineRange = file.source.lineRange(s.line - 1)
        let text = file.source.string(in: lineRange).replacingTabs
        let e = end <= lineRange.end ? file.position(of: max(end, start)).column : text.unicodeScalars.count + 1
        let width = max(1, e - s.column)
        let gutter = String(s.line)
        let pad = String(repeating: " ", count: gutter.count)
        return paint(" \(gutter) | ", "34") + text + "\n"
            + paint(" \(pad) | ", "34") + String(repeating: " ", count: s.column - 1)
            + paint(String(repeating: "^", count: width), "1;" + tint) + "\n"
    }

    private func tint(_ severity: String) -> String {
        switch severity {
        case "error": "31"
        case "warning": "33"
        default: "36"
        }
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

private extension String {
    /// Tabs as one space each, so caret columns (counted in scalars) stay aligned.
    var replacingTabs: String { String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) }) }
}
