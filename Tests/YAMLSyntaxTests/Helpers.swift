import YAMLSyntax

/// Parses `text` and returns the first document's root mapping (test convenience).
func parseMapping(_ text: String) -> (SourceText, YAMLMapping?) {
    let source = SourceText(text)
    let file = YAMLParser.parse(source)
    return (source, file.documents.first?.root?.mapping)
}

/// The scalar value of `key` in `mapping`.
func scalar(_ mapping: YAMLMapping?, _ key: String) -> YAMLScalar? {
    mapping?.value(forKey: key)?.scalar
}

extension SourceText {
    /// The byte offset of the first occurrence of `needle` (test convenience).
    func offset(of needle: String, from start: Int = 0) -> Int? {
        let n = Array(needle.utf8)
        guard n.count <= bytes.count else { return nil }
        for i in start...(bytes.count - n.count) where Array(bytes[i..<(i + n.count)]) == n { return i }
        return nil
    }
}
