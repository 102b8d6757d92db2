/// A problem found in CEL text (syntax or type error), at a range of the expression.
/// Owned by the parser; published early by the checker with the agreed shape so both
/// can build against it.
public struct CELIssue: Hashable, Sendable {
    public var message: String
    public var span: SourceSpan
    public init(message: String, span: SourceSpan) { self.message = message; self.span = span }
}
