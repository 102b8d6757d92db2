/// A problem found in CEL text (syntax or type error), at a range of the expression.
/// Owned by the parser; published early by the checker with the agreed shape so both
/// can build against it.
public struct CELIssue: Hashable, Sendable {
    public var message: String
    public var span: SourceSpan
    /// For a misspelt name: the text that should replace `span` (a did-you-mean that an
    /// editor can apply).
    public var suggestion: String?
    public init(message: String, span: SourceSpan, suggestion: String? = nil) {
        self.message = message; self.span = span; self.suggestion = suggestion
    }
}
