extension ScalarSourceMap {
    /// The decoded-value offset of file offset `offset` (the inverse of
    /// `sourceOffset(forValueOffset:)`): exact inside verbatim runs; inside an escape or a
    /// folded line break, the value offset the run starts at; nil outside the scalar's
    /// mapped text. The end of the last run maps to the end of the value (a cursor after
    /// the last character).
    public func valueOffset(forSourceOffset offset: Int) -> Int? {
        var found: Int?, afterRun: Int?
        forEachSegment { segment in
            if segment.sourceOffset <= offset && offset < segment.sourceOffset + segment.sourceLength {
                let inside = offset - segment.sourceOffset
                found = segment.valueLength == segment.sourceLength ? segment.valueOffset + inside : segment.valueOffset
                return false
            }
            // A cursor right after a run (before a quote, an escape or a line break): the
            // last such run counts, unless a run holds the offset.
            if segment.sourceOffset + segment.sourceLength == offset { afterRun = segment.valueOffset + segment.valueLength }
            return true
        }
        return found ?? afterRun
    }
}
