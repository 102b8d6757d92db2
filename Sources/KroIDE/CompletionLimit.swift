import YAMLSyntax

/// An answer of at most `maxItems` items, marked incomplete when more matched, so that the
/// client asks again as the word grows. A CRD object of a million properties made one
/// completion after `.` take 47 s and 2 GB for a 290 MB answer.
public struct CompletionList: Sendable, Hashable {
    public var items: [CompletionItem]
    public var isIncomplete: Bool
}

enum CompletionLimit {
    static let maxItems = 1_000

    /// `names` when there are at most `maxItems`; else the first `maxItems + 1` of those
    /// starting with `typed` (ignoring case), then of the others, each by name. One more than
    /// the limit, so that `cap` sees there were more. Read once, sorting only what it keeps.
    static func names(_ names: some Collection<String>, typed: String) -> [String] {
        guard names.count > maxItems else { return Array(names) }
        let keep = maxItems + 1
        let lowered = typed.lowercased()
        var matching: [String] = [], others: [String] = []
        func add(_ name: String, to kept: inout [String]) {
            kept.append(name)
            if kept.count >= 2 * keep { kept.sort(); kept.removeLast(kept.count - keep) }
        }
        for name in names {
            if name.lowercased().hasPrefix(lowered) { add(name, to: &matching) } else if matching.count < keep { add(name, to: &others) }
        }
        matching.sort()
        others.sort()
        return Array((matching + others).prefix(keep))
    }

    /// `items` when there are at most `maxItems`; else the first `maxItems` of those whose
    /// label starts with the word they replace (ignoring case), then by priority and label,
    /// marked incomplete.
    static func cap(_ items: [CompletionItem], in source: SourceText) -> CompletionList {
        guard items.count > maxItems else { return CompletionList(items: items, isIncomplete: false) }
        let ranked = items.map { item -> (matches: Bool, item: CompletionItem) in
            let typed = source.string(in: item.range).lowercased()
            return (item.label.lowercased().hasPrefix(typed), item)
        }.sorted { a, b in
            if a.matches != b.matches { return a.matches }
            if a.item.priority != b.item.priority { return a.item.priority < b.item.priority }
            return a.item.label < b.item.label
        }
        return CompletionList(items: ranked.prefix(maxItems).map(\.item), isIncomplete: true)
    }
}
