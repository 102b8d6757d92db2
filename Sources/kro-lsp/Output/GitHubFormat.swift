/// GitHub Actions workflow commands, one per finding:
/// `::error file=…,line=…,endLine=…,col=…,endColumn=…,title=KROnnn::message`.
/// Info findings are `::notice`.
struct GitHubFormat {
    func write(_ report: CheckReport, to out: inout OutputStream) {
        report.forEachFinding { out.write(command($0)) }
    }

    func command(_ f: CheckFinding) -> String {
        let kind = switch f.severityWord {
        case "error": "error"
        case "warning": "warning"
        default: "notice"
        }
        let s = f.start, e = f.end
        let properties = [
            ("file", f.path), ("line", "\(s.line)"), ("endLine", "\(e.line)"),
            ("col", "\(s.column)"), ("endColumn", "\(e.column)"), ("title", f.diagnostic.code),
        ].map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(kind) \(properties)::\(Self.escapeData(f.diagnostic.message))\n"
    }

    /// The message part: `%`, CR and LF are percent-encoded (as @actions/core does).
    static func escapeData(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A property value: also `:` and `,`, which end a value.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacing(":", with: "%3A").replacing(",", with: "%2C")
    }
}
