/// Bounded pieces of the Markdown that hover and completion show: an input may hold a
/// million enum values or ids, or a megabyte of text, and each answer would repeat it all.
enum MarkdownText {
    /// Items a list shows; the others are counted.
    static let listedItems = 50

    /// `text` in a code span, clipped to `limit` characters.
    static func code(_ text: String, limit: Int) -> String { "`" + clipped(text, to: limit) + "`" }

    /// The first `items` (at most `listedItems`) in code spans of at most `limit` characters,
    /// then how many there are in all (`count`) when some are left out.
    static func codeList(_ items: some Sequence<String>, count: Int, limit: Int = 200) -> String {
        let shown = items.prefix(listedItems).map { code($0, limit: limit) }.joined(separator: ", ")
        return count > listedItems ? shown + ", … (\(count) in all)" : shown
    }

    /// The first `limit` characters of `text`, and an ellipsis when there were more.
    static func clipped(_ text: String, to limit: Int) -> String {
        // Counting stops at the limit: a long text is not walked to its end.
        guard let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), cut < text.endIndex else { return text }
        return text[..<cut] + "…"
    }
}
