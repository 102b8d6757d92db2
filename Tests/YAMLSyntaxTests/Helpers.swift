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

/// The UTF-8 offset of the first occurrence of `needle` in a decoded value.
func valueOffset(of needle: String, in value: String) -> Int? {
    guard let r = value.utf8.firstRange(of: needle.utf8) else { return nil }
    return value.utf8.distance(from: value.utf8.startIndex, to: r.lowerBound)
}

/// Value offsets whose byte differs from the source byte the scalar's map says it was
/// copied from (a folded space or newline may come from a line break). Empty when the
/// map is trustworthy. Coarse fallback maps (one segment of unequal lengths) are skipped.
func mapMismatches(_ s: YAMLScalar, _ source: SourceText) -> [Int] {
    let value = Array(s.value.utf8)
    let segments = s.sourceMap.segments
    if segments.count == 1 && segments[0].valueLength != segments[0].sourceLength { return [] }
    var bad: [Int] = []
    var next = 0
    for seg in segments {
        if seg.valueOffset != next { bad.append(seg.valueOffset) }
        next = seg.valueOffset + seg.valueLength
        guard seg.valueLength == seg.sourceLength else { continue }
        for k in 0..<seg.valueLength {
            let v = value[seg.valueOffset + k], b = source.bytes[seg.sourceOffset + k]
            if v != b && !((v == 0x20 || v == 0x0A) && (b == 0x0A || b == 0x0D)) { bad.append(seg.valueOffset + k) }
        }
    }
    if next != value.count { bad.append(next) }
    return bad
}
