/// Text an output repeats from the author's input, bounded: an input may hold a million
/// enum values or a megabyte of description, and hover, completion and the instance
/// scaffold would each write it all. The one rule for "the first N, … (N in all)".
public enum ClippedText {
    /// Items a list shows; the others are counted.
    public static let listedItems = 50

    /// The first `listedItems` of `items`, joined by commas, then how many there are in all
    /// (`count`) when some are left out.
    public static func list(_ items: some Sequence<String>, count: Int) -> String {
        let shown = items.prefix(listedItems).joined(separator: ", ")
        return count > listedItems ? shown + ", … (\(count) in all)" : shown
    }

    /// The first `limit` characters of `text`, and an ellipsis when there were more.
    public static func clipped(_ text: String, to limit: Int) -> String {
        // Counting stops at the limit: a long text is not walked to its end.
        guard let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), cut < text.endIndex else { return text }
        return text[..<cut] + "…"
    }
}
