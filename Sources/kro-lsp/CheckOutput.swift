import Foundation
import KroEngine
import YAMLSyntax

/// One diagnostic of one file, positioned for people: 1-based lines and 1-based columns
/// counted in Unicode scalars.
struct CheckFinding {
    let path: String
    let diagnostic: Diagnostic
    let start: TextPosition
    let end: TextPosition

    init(path: String, source: SourceText, diagnostic: Diagnostic) {
        self.path = path
        self.diagnostic = diagnostic
        let s = source.position(of: diagnostic.range.start, encoding: .unicodeScalars)
        let e = source.position(of: diagnostic.range.end, encoding: .unicodeScalars)
        start = TextPosition(line: s.line + 1, column: s.column + 1)
        end = TextPosition(line: e.line + 1, column: e.column + 1)
    }

    var severityWord: String {
        switch diagnostic.severity {
        case .error: "error"
        case .warning: "warning"
        case .information, .hint: "info"
        }
    }

    /// `path:LINE:COL: error[KRO001]: message`
    var textLine: String {
        "\(path):\(start.line):\(start.column): \(severityWord)[\(diagnostic.code)]: \(diagnostic.message)"
    }

    var jsonObject: [String: Any] {
        [
            "path": path, "line": start.line, "column": start.column,
            "endLine": end.line, "endColumn": end.column,
            "severity": severityWord, "code": diagnostic.code, "message": diagnostic.message,
        ]
    }

    /// The findings as a JSON array (keys sorted, so the output is stable).
    static func jsonArray(_ findings: [CheckFinding]) -> String {
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: findings.map(\.jsonObject), options: options) else {
            return "[]"
        }
        return String(decoding: data, as: UTF8.self)
    }
}

enum CheckOutput {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("kro-lsp: \(message)\n".utf8))
    }
}
