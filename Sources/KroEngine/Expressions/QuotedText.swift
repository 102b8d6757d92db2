/// Text that a message quotes (an expression, a type): a long one — a whole JSON document in a
/// template string — is cut to its first characters so the message stays readable. The
/// diagnostic's range still points at the exact spot.
public enum QuotedText {
    public static let expressionLimit = 200

    public static func excerpt(_ text: String, limit: Int = expressionLimit) -> String {
        // A text of at most `limit` UTF-8 bytes has at most `limit` characters.
        guard text.utf8.count > limit else { return text }
        let head = text.prefix(limit)
        return head.endIndex == text.endIndex ? text : head + "…"
    }
}

extension RGDExpression {
    /// `authorText` as messages quote it.
    public var quotedAuthorText: String { QuotedText.excerpt(authorText) }
    /// `celText` as messages quote it.
    public var quotedCELText: String { QuotedText.excerpt(celText) }
}
