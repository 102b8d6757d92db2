import KroEngine
import YAMLSyntax

/// One diagnostic of one checked file.
struct CheckFinding: Sendable {
    let file: CheckedFile
    let diagnostic: Diagnostic

    var path: String { file.path }
    var start: CheckedFile.Position { file.position(of: diagnostic.range.start) }
    var end: CheckedFile.Position { file.position(of: diagnostic.range.end) }

    /// `error`, `warning` or `info` (hints print as info).
    var severityWord: String { Self.word(for: diagnostic.severity) }

    static func word(for severity: DiagnosticSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "info"
        }
    }

    /// `path:LINE:COL: error[KRO001]: message`
    var textLine: String {
        let s = start
        return "\(path):\(s.line):\(s.column): \(severityWord)[\(diagnostic.code)]: \(diagnostic.message)"
    }

    /// Output order: path, then position, then code (deterministic whatever the threads did).
    static func ordered(_ a: CheckFinding, _ b: CheckFinding) -> Bool {
        (a.path, a.diagnostic.range.start, a.diagnostic.range.end, a.diagnostic.code, a.diagnostic.message)
            < (b.path, b.diagnostic.range.start, b.diagnostic.range.end, b.diagnostic.code, b.diagnostic.message)
    }
}
