import YAMLSyntax

/// Maps ranges inside a scalar's decoded value back to file ranges, so a diagnostic can
/// underline the exact marker or type name inside a plain, quoted or escaped YAML string.
struct ScalarPositions {
    let scalar: YAMLScalar

    /// The file range of the decoded bytes `start..<end` (UTF-8 offsets in `scalar.value`).
    func fileRange(_ start: Int, _ end: Int) -> TextRange {
        let segments = scalar.sourceMap.segments
        guard !segments.isEmpty else { return scalar.range }
        let s = fileOffset(start, segments: segments, preferEnd: false)
        let e = end > start ? fileOffset(end, segments: segments, preferEnd: true) : s
        return TextRange(start: s, end: max(s, e))
    }

    /// `preferEnd`: an offset on a segment boundary belongs to the segment before it
    /// (the end of a run), otherwise to the one after it (the start of a run).
    private func fileOffset(_ offset: Int, segments: [ScalarSourceMap.Segment], preferEnd: Bool) -> Int {
        for seg in segments {
            let lo = seg.valueOffset, hi = seg.valueOffset + seg.valueLength
            let inside = preferEnd ? (offset > lo && offset <= hi) : (offset >= lo && offset < hi)
            guard inside else { continue }
            if seg.valueLength == seg.sourceLength {
                return seg.sourceOffset + (offset - lo)
            }
            // An escape or folded break: the whole source run stands for it.
            return preferEnd ? seg.sourceOffset + seg.sourceLength : seg.sourceOffset
        }
        if let first = segments.first, offset <= first.valueOffset { return first.sourceOffset }
        let last = segments[segments.count - 1]
        return last.sourceOffset + last.sourceLength
    }
}
