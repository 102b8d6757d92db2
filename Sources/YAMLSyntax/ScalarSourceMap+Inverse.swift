extension ScalarSourceMap {
    /// The decoded-value offset of file offset `offset` (the inverse of
    /// `sourceOffset(forValueOffset:)`): exact inside verbatim runs; inside an escape or a
    /// folded line break, the value offset the run starts at; nil outside the scalar's
    /// mapped text. The end of the last run maps to the end of the value (a cursor after
    /// the last character).
    public func valueOffset(forSourceOffset offset: Int) -> Int? {
        for segment in segments where segment.sourceOffset <= offset && offset < segment.sourceOffset + segment.sourceLength {
            let inside = offset - segment.sourceOffset
            return segment.valueLength == segment.sourceLength ? segment.valueOffset + inside : segment.valueOffset
        }
        // A cursor right after a run (before a quote, an escape or a line break).
        if let segment = segments.last(where: { $0.sourceOffset + $0.sourceLength == offset }) {
            return segment.valueOffset + segment.valueLength
        }
        return nil
    }
}
