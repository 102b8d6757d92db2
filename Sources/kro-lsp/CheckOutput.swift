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

    var jsonObject: String {
        let fields: [(String, String)] = [
            ("path", CheckOutput.jsonString(path)),
            ("line", String(start.line)), ("column", String(start.column)),
            ("endLine", String(end.line)), ("endColumn", String(end.column)),
            ("severity", CheckOutput.jsonString(severityWord)),
            ("code", CheckOutput.jsonString(diagnostic.code)),
            ("message", CheckOutput.jsonString(diagnostic.message)),
        ]
        return "{" + fields.map { "\(CheckOutput.jsonString($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    static func jsonArray(_ findings: [CheckFinding]) -> String {
        "[" + findings.map(\.jsonObject).joined(separator: ",\n ") + "]"
    }
}

enum CheckOutput {
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("kro-lsp: \(message)\n".utf8))
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
