import CEL
import YAMLSyntax

extension CELTextMap {
    /// The CEL offset of file offset `offset`, when it falls in CEL text the author wrote
    /// (inside a `${…}`, its closing `}` counting as just after the last character); nil in
    /// the literal text of a template, in `${`, or outside the scalar.
    public func celOffset(forFileOffset offset: Int) -> Int? {
        guard let value = scalarMap.valueOffset(forSourceOffset: offset) else { return nil }
        return celOffset(forValueOffset: value)
    }

    /// The CEL offset of an offset in the decoded scalar value (see `celOffset(forFileOffset:)`).
    public func celOffset(forValueOffset value: Int) -> Int? {
        for piece in pieces where piece.verbatim
            && piece.valueStart <= value && value <= piece.valueStart + piece.valueLength {
            return piece.celStart + (value - piece.valueStart)
        }
        return nil
    }
}
