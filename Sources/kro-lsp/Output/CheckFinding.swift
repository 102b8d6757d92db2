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

    /// Output order within a file (files go by path): position, then code, then message
    /// (deterministic whatever the threads did).
    static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.range.start, a.range.end, a.code, a.message) < (b.range.start, b.range.end, b.code, b.message)
    }
}
