import KroEngine
import YAMLSyntax

/// A file that is not YAML until a template engine runs (a Helm chart's `templates/`):
/// it fails YAML parsing and holds Go-template delimiters. It is reported once, as an
/// information (KRO918), instead of as YAML errors.
enum TemplateSkip {
    static let code = "KRO918"

    static func diagnostic(for analysis: DocumentAnalysis) -> Diagnostic? {
        guard !analysis.yaml.errors.isEmpty,
              let open = firstIndex(of: "{{", in: analysis.source.bytes, from: 0),
              firstIndex(of: "}}", in: analysis.source.bytes, from: open + 2) != nil else { return nil }
        let line = analysis.source.lineRange(analysis.source.line(containing: open))
        return Diagnostic(code: code, severity: .information,
                          message: "skipped: not YAML until a template engine renders it (Go template delimiters {{ … }}, e.g. a Helm template)",
                          range: TextRange(start: open, end: min(open + 2, line.end)))
    }

    private static func firstIndex(of needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return nil }
        var i = start
        while i + n.count <= bytes.count {
            if bytes[i] == n[0] && bytes[i + 1] == n[1] { return i }
            i += 1
        }
        return nil
    }
}
