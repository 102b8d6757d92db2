import KroEngine
import YAMLSyntax

/// A quick fix as plain data: edits of this file.
public struct CodeAction: Sendable, Hashable {
    public var title: String
    /// The diagnostic it fixes.
    public var diagnostic: Diagnostic?
    public var edits: [SourceEdit]
    public var isPreferred: Bool
}

/// Quick fixes for the diagnostics touching a range: each structured fix the engine
/// attached (did-you-mean, …), quoting a value YAML reads as a number or boolean where a
/// string is expected, and a `# kro-lsp: ignore CODE` comment on its own line above the
/// finding (same indentation and line ending).
public enum CodeActions {
    /// `alsoReported`: findings published beside the snapshot's (an instance file's
    /// admission against the open RGDs).
    public static func actions(_ snapshot: DocumentSnapshot, range: TextRange, alsoReported: [Diagnostic] = []) -> [CodeAction] {
        var out: [CodeAction] = []
        for d in snapshot.diagnostics + alsoReported where d.range.start <= range.end && range.start <= d.range.end {
            for fix in d.fixes {
                out.append(CodeAction(title: fix.title, diagnostic: d, edits: fix.edits, isPreferred: d.fixes.count == 1))
            }
            if let quote = quoteValue(d, snapshot) { out.append(quote) }
            out.append(suppress(d, source: snapshot.source))
        }
        return out
    }

    /// KRO303 where a string is expected but YAML read a number or boolean (`1.10`, `yes`).
    static func quoteValue(_ d: Diagnostic, _ snapshot: DocumentSnapshot) -> CodeAction? {
        guard d.code == "KRO303", d.message.hasPrefix("expected string") || d.message.contains(" string type"),
              case .scalar(let s)? = snapshot.lookup(at: d.range.start).yamlNode, s.style == .plain else { return nil }
        let text = snapshot.source.string(in: s.range)
        return CodeAction(title: "Quote \(text) so YAML reads a string", diagnostic: d,
                          edits: [SourceEdit(range: s.range, newText: "\"\(text)\"")], isPreferred: true)
    }

    static func suppress(_ d: Diagnostic, source: SourceText) -> CodeAction {
        let line = source.line(containing: d.range.start)
        let lineRange = source.lineRange(line)
        let bytes = source.bytes
        var indentEnd = lineRange.start
        while indentEnd < lineRange.end, bytes[indentEnd] == UInt8(ascii: " ") { indentEnd += 1 }
        // A finding on a sequence item (`- id: x`): the comment aligns with the dash.
        let indent = String(decoding: bytes[lineRange.start..<indentEnd], as: UTF8.self)
        // The line's own ending decides (a file may mix them); the last line, the one before.
        let crlf = lineRange.end < bytes.count
            ? bytes[lineRange.end] == UInt8(ascii: "\r")
            : lineRange.start >= 2 && bytes[lineRange.start - 2] == UInt8(ascii: "\r")
        let comment = "\(indent)\(Suppressions.marker) \(d.code)" + (crlf ? "\r\n" : "\n")
        return CodeAction(title: "Ignore \(d.code) here (\(Suppressions.marker) \(d.code))", diagnostic: d,
                          edits: [SourceEdit(range: TextRange(start: lineRange.start, end: lineRange.start), newText: comment)],
                          isPreferred: false)
    }
}
