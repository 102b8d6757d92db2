import KroEngine

/// Bounded pieces of the Markdown that hover and completion show (`ClippedText`'s limits).
enum MarkdownText {
    /// `text` in a code span, clipped to `limit` characters.
    static func code(_ text: String, limit: Int) -> String { "`" + ClippedText.clipped(text, to: limit) + "`" }

    /// The first items in code spans of at most `limit` characters, then how many there are
    /// in all (`count`) when some are left out.
    static func codeList(_ items: some Sequence<String>, count: Int, limit: Int = 200) -> String {
        ClippedText.list(items.lazy.map { code($0, limit: limit) }, count: count)
    }
}
