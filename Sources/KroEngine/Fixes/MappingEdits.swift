import JSON
import YAMLSyntax

/// Text edits that change a YAML mapping the way an author would by hand, keeping its
/// style (block or flow), its indentation and each line's own line ending. The fixes
/// diagnostics carry (a missing required field, a legacy resource wrapped) are built here.
public enum MappingEdits {
    /// `key: value` as the first entry of `mapping` (required fields read first). nil when
    /// the mapping's first key does not start its line's content (nothing to align with).
    public static func insertFirst(key: String, value: JSONValue, into mapping: YAMLMapping,
                                   source: SourceText) -> [SourceEdit]? {
        let keyText = String(YAMLWriter.write(.string(key)).dropLast())
        if mapping.style == .flow {
            // `{}` → `{key: value}`; `{a: 1}` → `{key: value, a: 1}`.
            let bytes = source.bytes
            guard mapping.range.start < bytes.count, bytes[mapping.range.start] == UInt8(ascii: "{") else { return nil }
            let entry = "\(keyText): \(InstanceScaffold.inline(value))" + (mapping.entries.isEmpty ? "" : ", ")
            let at = mapping.range.start + 1
            return [SourceEdit(range: TextRange(start: at, end: at), newText: entry)]
        }
        guard let first = mapping.entries.first?.key.range.start, let column = column(of: first, in: source) else { return nil }
        let newline = lineEnding(at: first, in: source)
        let pad = String(repeating: " ", count: column)
        let text = entryText(keyText, value, column: column, newline: newline) + newline + pad
        return [SourceEdit(range: TextRange(start: first, end: first), newText: text)]
    }

    /// The mapping moved under `key` of a new mapping whose first entries are `before`
    /// (`- apiVersion: v1 …` → `- id: x` / `template:` / `apiVersion: v1 …`, the object
    /// indented one level deeper).
    public static func wrap(_ mapping: YAMLMapping, under key: String, after before: [(String, String)],
                            source: SourceText) -> [SourceEdit]? {
        let leading = before.map { "\($0.0): \($0.1)" }
        if mapping.style == .flow {
            let start = mapping.range.start, end = mapping.range.end
            let opening = "{" + leading.map { $0 + ", " }.joined() + "\(key): "
            return [SourceEdit(range: TextRange(start: start, end: start), newText: opening),
                    SourceEdit(range: TextRange(start: end, end: end), newText: "}")]
        }
        guard let first = mapping.entries.first?.key.range.start, let last = mapping.entries.last,
              let column = column(of: first, in: source) else { return nil }
        let newline = lineEnding(at: first, in: source)
        let pad = String(repeating: " ", count: column)
        var head = ""
        for line in leading { head += line + newline + pad }
        head += "\(key):" + newline + pad + "  "
        var edits = [SourceEdit(range: TextRange(start: first, end: first), newText: head)]
        // Every further line of the object (comments between entries too), blank lines aside.
        let end = max(last.value.range.end, last.key.range.end)
        let firstLine = source.line(containing: first)
        let lastLine = source.line(containing: max(first, end - 1))
        if firstLine < lastLine {
            for line in (firstLine + 1)...lastLine {
                let range = source.lineRange(line)
                let content = source.bytes[range.start..<range.end]
                guard content.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
                edits.append(SourceEdit(range: TextRange(start: range.start, end: range.start), newText: "  "))
            }
        }
        return edits
    }

    /// The column of `offset` when only spaces and sequence dashes (`- `) precede it on its line.
    static func column(of offset: Int, in source: SourceText) -> Int? {
        let lineStart = source.lineRange(source.line(containing: offset)).start
        let prefix = source.bytes[lineStart..<offset]
        guard prefix.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }) else { return nil }
        return prefix.count
    }

    /// The line ending of the line holding `offset` (of the one before, on the last line).
    static func lineEnding(at offset: Int, in source: SourceText) -> String {
        let bytes = source.bytes
        let range = source.lineRange(source.line(containing: offset))
        if range.end < bytes.count { return bytes[range.end] == UInt8(ascii: "\r") ? "\r\n" : "\n" }
        return range.start >= 2 && bytes[range.start - 2] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }

    /// `key: value` on one line, or for a non-empty object or list, `key:` and the value
    /// in block style indented under it.
    static func entryText(_ key: String, _ value: JSONValue, column: Int, newline: String) -> String {
        switch value {
        case .object(let m) where !m.isEmpty: break
        case .array(let a) where !a.isEmpty: break
        default: return "\(key): \(InstanceScaffold.inline(value))"
        }
        let pad = String(repeating: " ", count: column + 2)
        let lines = YAMLWriter.write(value).split(separator: "\n", omittingEmptySubsequences: true)
        return "\(key):" + lines.map { newline + pad + $0 }.joined()
    }
}
