import YAMLSyntax

/// `# kro-lsp: ignore KRO123[, KRO456]` on its own line silences those codes for findings
/// that start on the next line, in the editor and in `--check` alike.
public enum SuppressionComments {
    public static let marker = "# kro-lsp: ignore"

    /// The diagnostics no suppression comment silences.
    public static func filter(_ diagnostics: [Diagnostic], source: SourceText) -> [Diagnostic] {
        guard source.bytes.count >= marker.utf8.count, source.text.contains(marker) else { return diagnostics }
        return diagnostics.filter { d in
            let line = source.line(containing: d.range.start)
            guard line > 0 else { return true }
            return !codes(onLine: line - 1, source).contains(d.code)
        }
    }

    static func codes(onLine line: Int, _ source: SourceText) -> Set<String> {
        var text = Substring(source.string(in: source.lineRange(line)))
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        guard text.hasPrefix(marker) else { return [] }
        let list = text.dropFirst(marker.utf8.count)
        return Set(list.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\r" || $0 == "\n" }).map(String.init))
    }
}
